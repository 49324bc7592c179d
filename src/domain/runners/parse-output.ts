import { parseCargoTest } from './cargo-test.ts';
import { parseClippy } from './clippy.ts';
import type { ParsedRun, RunnerName } from './failure.ts';
import { parseGofmt, parseOxfmt, parsePrettier, parseRuffFormat, parseRustfmt } from './formatters.ts';
import { parseGoTest } from './go-test.ts';
import { parseJest } from './jest.ts';
import { parseBiome, parseEslint, parseMypy, parseOxlint, parseRuff } from './linters.ts';
import { parseMocha } from './mocha.ts';
import { parseAva } from './ava.ts';
import { parseTap } from './tap.ts';
import { parseNodeTest } from './node-test.ts';
import { parsePytest } from './pytest.ts';
import { parseUnittest } from './unittest.ts';
import { ungroupRunPrefixes } from './run-prefixes.ts';
import { cleanTerminalText } from './terminal-text.ts';
import { parseTsc } from './tsc.ts';
import { relativeTo } from './text-tools.ts';
import { parseUvu } from './uvu.ts';
import { parseVitest } from './vitest.ts';

/** `named`: the command names the parser's runner (a parser may then read output that has no mark of its own). */
type Parser = (text: string, root?: string, named?: boolean) => ParsedRun | null;

/**
 * Every parser, with the command words that name its runner (tried first when the command names
 * it); `onlyNamed`: tried only then (its output has no mark of its own); `rereads`: a runner whose
 * parser reads this one's failures too, as something else — its run goes where it names only those.
 */
const PARSERS: readonly { names: RegExp; parse: Parser; onlyNamed?: boolean; rereads?: RunnerName }[] = [
  { names: /\bvitest\b/, parse: parseVitest },
  { names: /\bjest\b/, parse: parseJest },
  { names: /\bnode\b.*--test\b/, parse: parseNodeTest },
  { names: /\bmocha\b/, parse: parseMocha },
  { names: /\bava\b/, parse: parseAva },
  { names: /\buvu\b/, parse: parseUvu },
  { names: /\b(ava\s.*--tap|tap|tape)\b/, parse: parseTap },
  { names: /\bpytest\b/, parse: parsePytest },
  { names: /\bunittest\b|\bmanage\.py\s+test\b/, parse: parseUnittest },
  // clippy's diagnostics are rustc's: cargo test's parser reads them as compile errors
  { names: /\bcargo\s+clippy\b|\bclippy-driver\b/, parse: parseClippy, rereads: 'cargo test' },
  { names: /\bcargo\s+(test|nextest)\b/, parse: parseCargoTest },
  { names: /\bgo\s+test\b/, parse: parseGoTest },
  { names: /\b(tsc|tsgo|vue-tsc)\b/, parse: parseTsc },
  { names: /\beslint\b/, parse: parseEslint },
  { names: /\boxlint\b/, parse: parseOxlint },
  { names: /\bbiome\b/, parse: parseBiome },
  { names: /\bruff\s+format\b/, parse: parseRuffFormat },
  { names: /\bruff\b/, parse: parseRuff },
  { names: /\bmypy\b/, parse: parseMypy },
  { names: /\bprettier\b/, parse: parsePrettier },
  { names: /\boxfmt\b/, parse: parseOxfmt },
  { names: /\b(cargo\s+fmt|rustfmt)\b/, parse: parseRustfmt },
  { names: /\bgofmt\s+(-\w+\s+)*-\w*l/, parse: parseGofmt, onlyNamed: true },
];

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
