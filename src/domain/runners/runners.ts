import { AVA } from './ava.ts';
import { CARGO_TEST } from './cargo-test.ts';
import { CLIPPY } from './clippy.ts';
import type { RunnerName } from './failure.ts';
import { GOFMT, OXFMT, PRETTIER, RUFF_FORMAT, RUSTFMT } from './formatters.ts';
import { GO_TEST, GO_VET } from './go-test.ts';
import { JEST } from './jest.ts';
import { BIOME, ESLINT, MYPY, OXLINT, RUFF } from './linters.ts';
import { MOCHA } from './mocha.ts';
import { NODE_TEST } from './node-test.ts';
import { PYTEST } from './pytest.ts';
import type { RunnerDescriptor, RunnerParsing } from './runner.ts';
import { RUNNER_WORDS } from './runner-words.ts';
import { TAP } from './tap.ts';
import { TSC } from './tsc.ts';
import { UNITTEST } from './unittest.ts';
import { UVU } from './uvu.ts';
import { VITEST } from './vitest.ts';

/**
 * Every runner csm reads, by name: a name in RunnerName without its descriptor here does not
 * compile. Adding a runner is its parsing (in its parser's file), its words (runner-words.ts), a
 * line here and its captured outputs under test/fixtures/runners/ (runners.test.ts checks them).
 */
const BY_NAME: Record<RunnerName, RunnerParsing> = {
  vitest: VITEST,
  jest: JEST,
  'node:test': NODE_TEST,
  mocha: MOCHA,
  ava: AVA,
  uvu: UVU,
  tap: TAP,
  pytest: PYTEST,
  unittest: UNITTEST,
  clippy: CLIPPY,
  'cargo test': CARGO_TEST,
  'go test': GO_TEST,
  'go vet': GO_VET,
  tsc: TSC,
  eslint: ESLINT,
  oxlint: OXLINT,
  biome: BIOME,
  'ruff format': RUFF_FORMAT,
  ruff: RUFF,
  mypy: MYPY,
  prettier: PRETTIER,
  oxfmt: OXFMT,
  rustfmt: RUSTFMT,
  gofmt: GOFMT,
};

/**
 * In the order their parsers are tried (after those the command names): a runner that re-reads
 * another's output comes first.
 */
export const RUNNERS: readonly RunnerDescriptor[] = (Object.keys(BY_NAME) as RunnerName[]).map((name) => ({
  ...RUNNER_WORDS[name],
  ...BY_NAME[name],
}));

export const runnerNamed = (name: RunnerName): RunnerDescriptor => ({ ...RUNNER_WORDS[name], ...BY_NAME[name] });
