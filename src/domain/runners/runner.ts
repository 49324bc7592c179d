import type { ParsedRun, RunnerName } from './failure.ts';

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
 * Everything csm knows about one runner, in one place: which commands name it, how its output
 * reads, how to re-run its failing tests, and the word a Bash command running it holds (the
 * PostToolUse shell filter starts node only for such a command). runners.ts lists them all, keyed
 * by name: a runner without a descriptor does not compile.
 */
export interface RunnerDescriptor {
  runner: RunnerName;
  /** The command words that name it: its parser is tried first for such a command. */
  names: RegExp;
  parse: Parser;
  /** Tried only when the command names it: its output has no mark of its own. */
  onlyNamed?: boolean;
  /** A runner whose parser reads this one's failures too, as something else (see parse-output.ts). */
  rereads?: RunnerName;
  /** The command that re-runs just the failing tests, where the runner can select them. */
  rerun?: (r: ParsedRun, c: RerunContext) => string | null;
  /** The kind of project check it is, and a word every command running it holds. */
  check: { kind: 'test' | 'typecheck' | 'lint' | 'format'; words: string[] };
}
