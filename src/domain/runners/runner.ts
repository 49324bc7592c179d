import type { ParsedRun, RunnerName } from './failure.ts';
import type { RunnerWords } from './runner-words.ts';

/**
 * A parser: what it reads in the whole output; `named`: the command names its runner (output with no
 * mark of its own may be read then).
 */
export type Parser = (text: string, root?: string, named?: boolean) => ParsedRun | null;

/**
 * What a re-run command is built from besides the failures: how the project runs a package binary, the
 * check's command, the workspace's packages.
 */
export interface RerunContext {
  exec: string;
  command?: string | null;
  packages: readonly string[];
}

/**
 * How csm reads one runner: its parser and its re-run command, in its parser's file. With its
 * words (runner-words.ts) it is the runner's descriptor; runners.ts lists them all, keyed by name:
 * a runner without them does not compile.
 */
export interface RunnerParsing {
  runner: RunnerName;
  parse: Parser;
  /** A runner whose parser reads this one's failures too, as something else (see parse-output.ts). */
  rereads?: RunnerName;
  /** The command that re-runs just the failing tests, where the runner can select them. */
  rerun?: (r: ParsedRun, c: RerunContext) => string | null;
}

export type RunnerDescriptor = RunnerParsing & RunnerWords;
