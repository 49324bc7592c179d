import type { Failure, ParsedRun } from './failure.ts';
import { shellWord as shq } from './text-tools.ts';

// The command that re-runs just the failing tests of a run, per runner, as a Stop reason prints it.

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
 * uvu takes a folder and a pattern the paths of its files under it must match (`uvu . 'x\.test\.js$'`):
 * the failing files, with the modules the check preloads (`-r tsm`). A file run by node (`node
 * tests/x.js`: no file in the ids) runs so again.
 */
function uvuRerun(
  fs: readonly Failure[],
  exec: string,
  command: string | null | undefined,
  packages: readonly string[],
): string | null {
  const named = [...new Set(fs.map((f) => f.id.split(' > ')[0] ?? '').filter((p) => /\.[cm]?[jt]sx?$/.test(p)))];
  if (named.length === 0) {
    const tests = files(fs).filter((f) => TEST_FILE.test(f));
    return tests.length ? tests.map((f) => `node ${shq(f)}`).join('; ') : null;
  }
  const step = (command ?? '').split(/&&|\|\||;/).find((s) => /\buvu\b/.test(s)) ?? '';
  const preloads = [...step.matchAll(/(?:^|\s)(?:-r|--require)(?:\s+|=)(\S+)/g)].map((m) => ` -r ${m[1]}`);
  const escaped = (ps: string[]): string => ps.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return fromPackages(named, packages, (ps) => `${exec} uvu${preloads.join('')} . ${shq(`(^|/)(${escaped(ps)})$`)}`);
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
    case 'uvu':
      return uvuRerun(r.failures, exec, command, packages);
    case 'node:test':
      return one ? `node --test --test-name-pattern=${quote(lastPart(one.id))}` : null;
    default:
      return null;
  }
}
