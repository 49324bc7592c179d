/** What a runner's output says failed: the parsers' common shape. */

export type RunnerName =
  | 'vitest'
  | 'jest'
  | 'node:test'
  | 'mocha'
  | 'ava'
  | 'uvu'
  | 'tap'
  | 'pytest'
  | 'unittest'
  | 'cargo test'
  | 'clippy'
  | 'go test'
  | 'go vet'
  | 'tsc'
  | 'eslint'
  | 'oxlint'
  | 'biome'
  | 'ruff'
  | 'mypy'
  | 'prettier'
  | 'oxfmt'
  | 'rustfmt'
  | 'gofmt'
  | 'ruff format';

export interface Failure {
  /**
   * The test id (file > suite > test, tests/x.py::test_y, crate::mod::test) or the rule and file for a lint finding.
   */
  id: string;
  /** `file:line[:col]` where the runner gives one. */
  location: string | null;
  /** The first line of the failure's message. */
  message: string;
  /**
   * The expected and actual values as the runner prints them (`Expected: 2` / `Received: 3`, `left: 3` / `right: 2`, a
   * diff's -/+ lines).
   */
  detail?: string[];
}

export interface Totals {
  failed: number;
  /** Tests run (or files checked); null when the runner does not say. */
  total: number | null;
  /** What is counted: "tests", "problems", "errors", "files". */
  unit: string;
}

export interface ParsedRun {
  runner: RunnerName;
  failures: Failure[];
  totals: Totals | null;
  /** The output did not end in failures csm could read (a crash, a load error): the excerpt says more. */
  partial?: boolean;
}

/** A parser: what it finds in the whole output, or null when the output is not this runner's. */
export type RunnerParser = (text: string) => ParsedRun | null;
