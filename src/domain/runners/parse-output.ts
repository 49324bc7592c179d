import type { ParsedRun } from './failure.ts';
import type { RunnerDescriptor } from './runner.ts';
import { RUNNERS } from './runners.ts';
import { ungroupRunPrefixes } from './run-prefixes.ts';
import { cleanTerminalText } from './terminal-text.ts';
import { relativeTo } from './text-tools.ts';

/** Every parser, with the command words that name its runner (see runners.ts). */
const PARSERS: readonly RunnerDescriptor[] = RUNNERS;

/** A runner counts when it names what failed; a summary line alone (`Found 3 errors.`) is several tools' and proves nothing. */
const failing = (r: ParsedRun): boolean => r.failures.length > 0;

/** Every failure of `r` is at a location `by` names: `r` is `by`'s output read a second time. */
function rereadIn(r: ParsedRun, by: ParsedRun): boolean {
  const at = new Set(by.failures.map((f) => f.location));
  return r.failures.every((f) => f.location !== null && at.has(f.location));
}

export interface OutputReading {
  /** The output without terminal control sequences. */
  text: string;
  /** What each runner that failed in it says failed, in the order the runners appear. A composite script may hold several. */
  runs: ParsedRun[];
}

/**
 * Reads a check's output: every runner whose failures appear in it (a `test` script may run a
 * linter, a type checker and a test runner), recognised from the output itself; the command's
 * runner is tried first. Paths under `root` are made relative.
 */
export function readOutput(raw: string, command: string | null, root?: string): OutputReading {
  const text = ungroupRunPrefixes(cleanTerminalText(raw));
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
  const runs = read
    .filter((x) => !read.some((y) => y.by.rereads === x.run.runner && rereadIn(x.run, y.run)))
    .map((x) => x.run);
  const at = (r: ParsedRun): number => {
    const f = r.failures[0];
    const i = f ? text.indexOf(f.id.split(' > ')[0] ?? f.id) : -1;
    return i < 0 ? text.length : i;
  };
  return { text, runs: runs.sort((a, b) => at(a) - at(b)) };
}
