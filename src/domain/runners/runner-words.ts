import type { RunnerName } from './failure.ts';

/** How a command names a runner, and the kind of check it is with a word every command running it holds. */
export interface RunnerWords {
  /** The command words that name it: its parser is tried first for such a command. */
  names: RegExp;
  /** Tried only when the command names it: its output has no mark of its own. */
  onlyNamed?: boolean;
  /** The kind of project check it is, and the words the PostToolUse shell filter looks for. */
  check: { kind: 'test' | 'typecheck' | 'lint' | 'format'; words: string[] };
}

/**
 * Every runner's words, by name (a runner without them does not compile). Apart from the parsers
 * (runners.ts): the edit ledger's check evidence and the Bash filter need only these, and the
 * PostToolUse hook, which runs on every edit, does not load a parser.
 */
export const RUNNER_WORDS: Record<RunnerName, RunnerWords> = {
  vitest: { names: /\bvitest\b/, check: { kind: 'test', words: ['vitest'] } },
  jest: { names: /\bjest\b/, check: { kind: 'test', words: ['jest'] } },
  'node:test': { names: /\bnode\b.*--test\b/, check: { kind: 'test', words: ['test'] } },
  mocha: { names: /\bmocha\b/, check: { kind: 'test', words: ['mocha'] } },
  ava: { names: /\bava\b/, check: { kind: 'test', words: ['ava'] } },
  uvu: { names: /\buvu\b/, check: { kind: 'test', words: ['uvu'] } },
  tap: { names: /\b(ava\s.*--tap|tap|tape)\b/, check: { kind: 'test', words: ['tap'] } },
  pytest: { names: /\bpytest\b/, check: { kind: 'test', words: ['pytest'] } },
  unittest: { names: /\bunittest\b|\bmanage\.py\s+test\b/, check: { kind: 'test', words: ['unittest', 'test'] } },
  clippy: { names: /\bcargo\s+clippy\b|\bclippy-driver\b/, check: { kind: 'lint', words: ['clippy'] } },
  'cargo test': { names: /\bcargo\s+(test|nextest)\b/, check: { kind: 'test', words: ['test'] } },
  'go test': { names: /\bgo\s+test\b/, check: { kind: 'test', words: ['test'] } },
  'go vet': { names: /\bgo\s+vet\b/, check: { kind: 'typecheck', words: ['vet'] } },
  tsc: { names: /\b(tsc|tsgo|vue-tsc)\b/, check: { kind: 'typecheck', words: ['tsc', 'tsgo'] } },
  eslint: { names: /\beslint\b/, check: { kind: 'lint', words: ['lint'] } },
  oxlint: { names: /\boxlint\b/, check: { kind: 'lint', words: ['lint'] } },
  biome: { names: /\bbiome\b/, check: { kind: 'lint', words: ['biome'] } },
  'ruff format': { names: /\bruff\s+format\b/, check: { kind: 'format', words: ['ruff'] } },
  ruff: { names: /\bruff\b/, check: { kind: 'lint', words: ['ruff'] } },
  mypy: { names: /\bmypy\b/, check: { kind: 'typecheck', words: ['mypy'] } },
  prettier: { names: /\bprettier\b/, check: { kind: 'format', words: ['prettier'] } },
  oxfmt: { names: /\boxfmt\b/, check: { kind: 'format', words: ['oxfmt'] } },
  rustfmt: { names: /\b(cargo\s+fmt|rustfmt)\b/, check: { kind: 'format', words: ['fmt'] } },
  gofmt: { names: /\bgofmt\s+(-\w+\s+)*-\w*l/, check: { kind: 'format', words: ['gofmt'] }, onlyNamed: true },
};
