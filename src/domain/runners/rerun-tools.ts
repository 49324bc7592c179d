import type { Failure, ParsedRun } from './failure.ts';
import type { RerunContext } from './runner.ts';
import { shellWord as shq } from './text-tools.ts';

// What the runners' re-run commands are built with (see RunnerDescriptor.rerun).

export const quote = (s: string): string => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
export const TEST_FILE =
  /(^|[/\\])(tests?|__tests__|spec)[/\\]|[._-](test|spec)\.\w+$|^test_\w+\.py$|[/\\]test_\w+\.py$/;
/**
 * The files the failures are in; where some are test files, only those (a location may be the source
 * line that threw).
 */
export function files(fs: readonly Failure[]): string[] {
  const all = [...new Set(fs.map((f) => (f.location ?? f.id).split(/[ :]/)[0] ?? '').filter((f) => /\.\w+$/.test(f)))];
  const tests = all.filter((f) => TEST_FILE.test(f));
  return tests.length > 0 ? tests : all;
}
/** How the check starts `tool` (`.venv/bin/pytest`, `python -m pytest`, `uv run pytest`), or the bare name. */
export function invocationOf(command: string | null | undefined, tool: string): string {
  const step = (command ?? '').split(/&&|\|\||;/).find((s) => new RegExp(`(^|[\\s/])${tool}(\\s|$)`).test(s));
  const m = step ? new RegExp(`^\\s*((?:[\\w./-]+\\s+){0,3}?[\\w./-]*${tool})(?=\\s|$)`).exec(step) : null;
  return m?.[1] && !/\b(npm|pnpm|yarn)\s+run\b/.test(m[1]) ? m[1].trim() : tool;
}
/** A name as a regular expression that matches it alone. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const lastPart = (id: string): string => id.split(' > ').pop() ?? id;

/**
 * `run` over the files from the folder of the workspace package each lies in (the runner and its
 * config are the package's: from the root, `pnpm exec vitest run src/a.test.ts` finds neither).
 */
export function fromPackages(
  files: readonly string[],
  packages: readonly string[],
  run: (files: string[]) => string,
): string {
  const byPackage = new Map<string, string[]>();
  for (const f of files) {
    const pkg = packages.filter((d) => d && f.startsWith(`${d}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), pkg ? f.slice(pkg.length + 1) : f]);
  }
  return [...byPackage].map(([pkg, fs]) => (pkg ? `(cd ${shq(pkg)} && ${run(fs)})` : run(fs))).join('; ');
}

/** vitest and jest: the files that failed (from their workspace package), the one test's name when one failed. */
export function fileRerun(tool: string, r: ParsedRun, c: RerunContext): string {
  const fs = r.failures.slice(0, 10);
  const one = fs.length === 1 ? fs[0] : undefined;
  // a file runner re-runs every file that failed, not only the first failures' files
  const all = files(r.failures).slice(0, 12);
  const only = one ? ` -t ${quote(lastPart(one.id))}` : '';
  return fromPackages(all, c.packages, (names) => `${c.exec} ${tool} ${names.join(' ')}${only}`.trim());
}
