import type { ParsedRun } from './failure.ts';
import type { RunnerDescriptor } from './runner.ts';
import { RUNNERS } from './runners.ts';
import { packageTexts, ungroupRunPrefixes } from './run-prefixes.ts';
import { cleanTerminalText } from './terminal-text.ts';
import { relativeTo } from './text-tools.ts';

/** Every parser, with the command words that name its runner (see runners.ts). */
const PARSERS: readonly RunnerDescriptor[] = RUNNERS;

/**
 * A runner counts when it names what failed; a summary line alone (`Found 3 errors.`) is several tools' and proves
 * nothing.
 */
const failing = (r: ParsedRun): boolean => r.failures.length > 0;

/** Every failure of `r` is at a location `by` names: `r` is `by`'s output read a second time. */
function rereadIn(r: ParsedRun, by: ParsedRun): boolean {
  const at = new Set(by.failures.map((f) => f.location));
  return r.failures.every((f) => f.location !== null && at.has(f.location));
}

export interface OutputReading {
  /** The output without terminal control sequences. */
  text: string;
  /**
   * What each runner that failed in it says failed, in the order the runners appear. A composite script may hold
   * several.
   */
  runs: ParsedRun[];
}

/**
 * Reads a check's output: every runner whose failures appear in it (a `test` script may run a
 * linter, a type checker and a test runner), recognised from the output itself; the command's
 * runner is tried first. Paths under `root` are made relative.
 */
export function readOutput(raw: string, command: string | null, root?: string): OutputReading {
  const clean = cleanTerminalText(raw);
  const text = ungroupRunPrefixes(clean);
  const packages = packageTexts(clean);
  const runs = packages ? fromPackages(packages, command, root) : readRuns(text, command, root);
  const at = (r: ParsedRun): number => {
    const f = r.failures[0];
    const i = f ? text.indexOf(f.id.split(' > ')[0] ?? f.id) : -1;
    return i < 0 ? text.length : i;
  };
  return { text, runs: runs.sort((a, b) => at(a) - at(b)) };
}

/** Every runner's failures in one text, paths under `root` relative. */
function readRuns(text: string, command: string | null, root?: string): ParsedRun[] {
  const named = command ? PARSERS.filter((p) => p.names.test(command)) : [];
  const order = [...named, ...PARSERS.filter((p) => !named.includes(p) && !p.onlyNamed)];
  const read: { run: ParsedRun; by: (typeof PARSERS)[number] }[] = [];
  for (const p of order) {
    const r = p.parse(text, root, named.includes(p));
    if (!r || !failing(r) || read.some((x) => x.run.runner === r.runner)) continue;
    const failures = r.failures.map((f) => ({
      ...f,
      id: relativeTo(root, f.id),
      location: f.location === null ? null : relativeTo(root, f.location),
    }));
    read.push({ run: { ...r, failures }, by: p });
  }
  return read
    .filter((x) => !read.some((y) => y.by.rereads === x.run.runner && rereadIn(x.run, y.run)))
    .map((x) => x.run);
}

/** A relative file path at the start of an id or a location (`test/a.test.ts > …`, `src/x.ts:3:1`). */
const LEADING_PATH = /^(?![./])[\w@-][\w./@-]*\.\w+(?=$|:| > |::)/;

/**
 * A `pnpm -r` run read package by package: a location its runner printed from the package's folder
 * (`test/a.test.ts:3:1`) is put under it (`packages/core/test/a.test.ts:3:1`), so the failure
 * points at the file from the repository's root and its re-run starts in the package. The runs of one runner
 * across packages become one, their totals added.
 */
function fromPackages(
  packages: readonly { dir: string; text: string }[],
  command: string | null,
  root?: string,
): ParsedRun[] {
  const dirs = packages.map((p) => p.dir).filter((d) => d !== '.');
  const under = (dir: string, s: string): string =>
    dir === '.' || dirs.some((d) => s.startsWith(`${d}/`)) ? s : s.replace(LEADING_PATH, (m) => `${dir}/${m}`);
  const merged = new Map<string, ParsedRun>();
  for (const { dir, text } of packages) {
    for (const run of readRuns(text, command, root)) {
      // the id stays as the runner gave it: a run of one package prints no prefix, and the same test
      // must keep its name whether the run it was in had one package or several
      const failures = run.failures.map((f) => ({
        ...f,
        location: f.location === null ? null : under(dir, f.location),
      }));
      const had = merged.get(run.runner);
      merged.set(
        run.runner,
        had ? { ...had, failures: [...had.failures, ...failures], totals: added(had, run) } : { ...run, failures },
      );
    }
  }
  return [...merged.values()];
}

const added = (a: ParsedRun, b: ParsedRun): ParsedRun['totals'] =>
  a.totals && b.totals
    ? {
        failed: a.totals.failed + b.totals.failed,
        total: a.totals.total !== null && b.totals.total !== null ? a.totals.total + b.totals.total : null,
        unit: a.totals.unit,
      }
    : (a.totals ?? b.totals);
