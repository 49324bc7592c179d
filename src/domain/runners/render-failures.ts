import type { Failure, ParsedRun } from './failure.ts';
import { failedStepLines, fallbackLines } from './fallback.ts';
import type { OutputReading } from './parse-output.ts';
import { clip, shellWord as shq } from './text-tools.ts';

export interface RenderOptions {
  /** Failures shown per runner before "and N more". */
  maxFailures: number;
  /** The whole text's limit. */
  maxChars: number;
  /** How the project runs a package's binary: `npx`, `pnpm exec`, `yarn`, `bunx`. */
  exec: string;
  /** The check's own command: a re-run starts the runner the way it does (`.venv/bin/pytest`, `uv run pytest`). */
  command?: string | null;
  /** A workspace's package folders: a re-run of a package's tests starts in its folder. */
  packages?: readonly string[];
}

export const DEFAULT_RENDER: RenderOptions = { maxFailures: 5, maxChars: 1800, exec: 'npx' };

/** `vitest: 37 of 400 tests failed`, `tsc: 5 type errors`. */
export function headline(r: ParsedRun): string {
  const t = r.totals;
  const failed = t ? t.failed || r.failures.length : r.failures.length;
  const unit = t?.unit ?? 'failures';
  return t?.total
    ? `${r.runner}: ${failed} of ${t.total} ${unit} failed`
    : `${r.runner}: ${failed} ${unit}${/tests/.test(unit) ? ' failed' : ''}`;
}

const quote = (s: string): string => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
const TEST_FILE = /(^|[/\\])(tests?|__tests__|spec)[/\\]|[._-](test|spec)\.\w+$|^test_\w+\.py$|[/\\]test_\w+\.py$/;
/** The files the failures are in; where some are test files, only those (a location may be the source line that threw). */
function files(fs: readonly Failure[]): string[] {
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
const lastPart = (id: string): string => id.split(' > ').pop() ?? id;

/** `python3 -m unittest pkg.mod.Class.test_x`, from the folder discovery started in when it set no top level. */
function unittestRerun(fs: readonly Failure[], command?: string | null): string | null {
  // a doctest cannot be named on unittest's command line: it is left out
  const ids = fs
    .filter((f) => !/^Failed doctest/.test(f.message))
    .map((f) => f.id.replace(/ \(the module failed to load\)$/, ''))
    .filter((id) => /^[\w.]+$/.test(id));
  if (ids.length === 0) return null;
  const py = /([\w./-]*python[\d.]*)\s+-m\s+unittest\b/.exec(command ?? '')?.[1] ?? 'python3';
  const start =
    /\bdiscover\b/.test(command ?? '') && !/\s(-t|--top-level-directory)\s/.test(command ?? '')
      ? /\s(?:-s|--start-directory)\s+(\S+)/.exec(command ?? '')?.[1]
      : undefined;
  const run = `${py} -m unittest ${ids.map(shq).join(' ')}`;
  return start && start !== '.' ? `(cd ${shq(start)} && ${run})` : run;
}

/**
 * `run` over the files from the folder of the workspace package each lies in (the runner and its
 * config are the package's: from the root, `pnpm exec vitest run src/a.test.ts` finds neither).
 */
function fromPackages(files: readonly string[], packages: readonly string[], run: (files: string[]) => string): string {
  const byPackage = new Map<string, string[]>();
  for (const f of files) {
    const pkg = packages.filter((d) => d && f.startsWith(`${d}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), pkg ? f.slice(pkg.length + 1) : f]);
  }
  return [...byPackage].map(([pkg, fs]) => (pkg ? `(cd ${shq(pkg)} && ${run(fs)})` : run(fs))).join('; ');
}

/** The command that re-runs just the failing tests, where the runner can select them. */
export function rerunFor(
  r: ParsedRun,
  exec: string,
  command?: string | null,
  packages: readonly string[] = [],
): string | null {
  const fs = r.failures.slice(0, 10);
  if (fs.length === 0) return null;
  const one = fs.length === 1 ? fs[0] : undefined;
  // a file runner re-runs every file that failed, not only the first failures' files
  const allFiles = files(r.failures).slice(0, 12);
  switch (r.runner) {
    case 'vitest':
    case 'jest': {
      const tool = r.runner === 'vitest' ? 'vitest run' : 'jest';
      const only = one ? ` -t ${quote(lastPart(one.id))}` : '';
      return fromPackages(allFiles, packages, (fs) => `${exec} ${tool} ${fs.join(' ')}${only}`.trim());
    }
    case 'pytest':
      return `${invocationOf(command, 'pytest')} ${
        fs
          .map((f) => f.id)
          .filter((id) => id.includes('::'))
          .map(shq)
          .join(' ') || files(fs).map(shq).join(' ')
      }`;
    case 'unittest':
      return unittestRerun(fs, command);
    case 'cargo test':
      return `cargo test -- ${fs.map((f) => shq(f.id)).join(' ')}`;
    case 'go test': {
      const tests = fs.filter((f) => /^\S+ Test\w*/.test(f.id));
      const pkgs = [...new Set(tests.map((f) => f.id.split(' ')[0] ?? ''))];
      const names = [...new Set(tests.map((f) => (f.id.split(' ')[1] ?? '').split('/')[0]))];
      return pkgs.length ? `go test ${pkgs.join(' ')} -run '^(${names.join('|')})$'` : null;
    }
    case 'ava': {
      // `--match` takes the test's own title: the last part after its file's (`flags › choices › title`)
      const titles = [...new Set(fs.map((f) => f.id.split(' › ').pop() ?? '').filter(Boolean))];
      return titles.length ? `${exec} ava ${titles.map((t) => `--match ${quote(t)}`).join(' ')}` : null;
    }
    case 'mocha': {
      // --grep is a regular expression: the titles, escaped, as alternatives
      const titles = [...new Set(fs.map((f) => lastPart(f.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))];
      return titles.length ? `${exec} mocha --grep ${quote(titles.join('|'))}` : null;
    }
    case 'node:test':
      return one ? `node --test --test-name-pattern=${quote(lastPart(one.id))}` : null;
    default:
      return null;
  }
}

/**
 * A re-run command that fits in `max` characters whole (a command cut short cannot be run): the
 * failing tests, else the first three of them, else the check's own command.
 */
function rerunWithin(r: ParsedRun, o: RenderOptions, max: number): string | null {
  const all = rerunFor(r, o.exec, o.command, o.packages);
  if (all === null || all.length <= max) return all;
  const some = rerunFor({ ...r, failures: r.failures.slice(0, 3) }, o.exec, o.command, o.packages);
  if (some !== null && some.length <= max) return `${some}   (the first 3 of ${r.failures.length})`;
  return o.command && o.command.length <= max ? o.command : null;
}

function renderFailure(f: Failure): string[] {
  const head = `✗ ${clip(f.id, 160)}${f.location && !f.id.includes(f.location) ? ` (${f.location})` : ''}`;
  const lines = [head];
  if (f.message) lines.push(`  ${clip(f.message, 200)}`);
  for (const d of (f.detail ?? []).slice(0, 4)) lines.push(`    ${clip(d, 160)}`);
  return lines;
}

const size = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);

/**
 * One runner's part within `budget` characters: its headline, the failures that fit whole (at most
 * `maxFailures`), "and N more" for the rest, and the re-run command — the count and the command
 * are kept whatever the failures' length, so a long diff never hides what else failed.
 */
function renderRun(r: ParsedRun, o: RenderOptions, budget: number): string[] {
  // within a summary line's limit (output-excerpt.ts clips longer ones): "re-run the failing tests: " + 190
  const rerun = rerunWithin(r, o, 190);
  const tail = (shown: number): string[] => [
    ...(r.failures.length > shown ? [`… and ${r.failures.length - shown} more`] : []),
    ...(rerun ? [`re-run the failing tests: ${rerun}`] : []),
  ];
  const out = [headline(r)];
  let shown = 0;
  for (const f of r.failures.slice(0, o.maxFailures)) {
    const block = renderFailure(f);
    if (shown > 0 && size(out) + size(block) + size(tail(shown + 1)) > budget) break;
    out.push(...block);
    shown++;
  }
  return [...out, ...tail(shown)];
}

/**
 * A failed check's output as Claude should read it: per runner that failed, the totals, the
 * first failures with their location and expected/actual lines, and the command that re-runs
 * them; or, when no runner was recognised, the failing lines near the end. Within `maxChars`.
 */
export function renderReading(reading: OutputReading, o: RenderOptions = DEFAULT_RENDER): string {
  const share = Math.floor(o.maxChars / Math.max(1, reading.runs.length));
  const lines = reading.runs.length
    ? reading.runs.flatMap((r) => renderRun(r, o, share))
    : (failedStepLines(reading.text) ?? fallbackLines(reading.text));
  const out: string[] = [];
  let used = 0;
  for (const l of lines) {
    if (used + l.length + 1 > o.maxChars) {
      out.push('…');
      break;
    }
    out.push(l);
    used += l.length + 1;
  }
  return out.join('\n');
}
