import { workspaceRun } from './workspace-run.ts';
import { toolWords } from './shell-words.ts';

/** What kind of check a command is, from the tool it starts and its flags. */
export type StepKind = 'test' | 'typecheck' | 'lint' | 'format' | 'build' | 'other';

/** The kind of check a leaf command is, from the tool it starts and its flags. */
export function classify(command: string): { kind: StepKind; tool: string | null } {
  const words = toolWords(command);
  const ws = workspaceRun(words);
  if (ws) {
    const kinds = ws.scripts.map(kindOfName);
    return { kind: kinds.includes('test') ? 'test' : (kinds[0] ?? 'other'), tool: `workspaces:${ws.runner}` };
  }
  const [tool = '', ...args] = words;
  const has = (re: RegExp): boolean => args.some((a) => re.test(a));
  const t = tool.replace(/^.*\//, '');
  if (t === 'node' && has(/^--test$/)) return { kind: 'test', tool: 'node:test' };
  if (['vitest', 'jest', 'mocha', 'ava', 'tap', 'uvu', 'tape', 'jasmine', 'pytest', 'bun'].includes(t)) {
    if (t === 'vitest' && has(/^--typecheck\.only$/)) return { kind: 'typecheck', tool: t };
    if (t === 'bun' && args[0] !== 'test') return { kind: 'other', tool: t };
    return { kind: 'test', tool: t };
  }
  if (['tsc', 'tsgo', 'vue-tsc', 'svelte-check'].includes(t)) {
    // `tsc -b` and declaration builds write files: a build that also compiles; anything else checks types
    const emits = !has(/^--noEmit$/) && has(/^(-b|--build|--emitDeclarationOnly)$/);
    return { kind: emits ? 'build' : 'typecheck', tool: t };
  }
  // a linter told to fix rewrites the project's files: a gate never runs it (`--fix-dry-run` only reports)
  const fixes = args.some((a) => /^--(write|fix|apply)(-unsafe|-suggestions|-type)?(=|$)|^--unsafe$/.test(a));
  const linters = ['eslint', 'oxlint', 'xo', 'standard', 'stylelint', 'markdownlint', 'markdownlint-cli2'];
  linters.push('publint', 'knip');
  if (linters.includes(t)) return { kind: fixes ? 'other' : 'lint', tool: t };
  // `biome format` checks, `biome lint`/`check` lint; with --write (or --fix) it rewrites the files
  if (t === 'biome') return { kind: fixes ? 'other' : args[0] === 'format' ? 'format' : 'lint', tool: t };
  if (['prettier', 'oxfmt', 'dprint'].includes(t))
    return { kind: has(/^(--check|-c|--list-different|-l|check)$/) ? 'format' : 'other', tool: t };
  if (
    [
      'vite',
      'tsup',
      'tsdown',
      'esbuild',
      'rollup',
      'webpack',
      'next',
      'unbuild',
      'rslib',
      'rspack',
      'parcel',
      'microbundle',
      'pkgroll',
    ].includes(t)
  ) {
    return {
      kind:
        args.length === 0 ||
        args.includes('build') ||
        t === 'tsup' ||
        t === 'tsdown' ||
        t === 'esbuild' ||
        t === 'rollup'
          ? 'build'
          : 'other',
      tool: t,
    };
  }
  return otherEcosystems(t, args) ?? { kind: 'other', tool: t || null };
}

/** What a script is for, from its name alone (for the scripts a workspace run starts in each package). */
export function kindOfName(name: string): StepKind {
  if (/^(test|tests|unit|e2e)([:-]|$)/.test(name)) return 'test';
  if (/^(typecheck|type-check|check-types|types|tsc)([:-]|$)|^(check|test|lint):types?$/.test(name)) return 'typecheck';
  if (/^(format|fmt|prettier)[:-]check$|^check[:-]format$/.test(name)) return 'format';
  if (/^lint([:-]|$)/.test(name)) return 'lint';
  return /^build([:-]|$)/.test(name) ? 'build' : 'other';
}

/** Cargo, Go and Python checks, as CI workflows run them. */
function otherEcosystems(t: string, args: readonly string[]): { kind: StepKind; tool: string } | null {
  const sub = args[0] ?? '';
  const check = args.some((a) => /^(--check|--check-only|--diff)$/.test(a));
  if (t === 'cargo') {
    // `cargo check` compiles what `cargo test` already compiles: a build step, not a check of its own
    const kinds: Record<string, StepKind> = {
      test: 'test',
      nextest: 'test',
      clippy: 'lint',
      check: 'build',
      build: 'build',
    };
    return {
      kind: sub === 'fmt' ? (check ? 'format' : 'other') : (kinds[sub] ?? 'other'),
      tool: sub === 'fmt' ? 'rustfmt' : `cargo-${sub}`,
    };
  }
  if (t === 'gofmt') return { kind: args.some((a) => /^-\w*[ld]\w*$/.test(a)) ? 'format' : 'other', tool: 'gofmt' };
  if (t === 'go')
    return {
      kind: sub === 'test' ? 'test' : sub === 'vet' ? 'typecheck' : sub === 'build' ? 'build' : 'other',
      tool: `go-${sub}`,
    };
  if (['golangci-lint', 'staticcheck', 'revive', 'flake8', 'pylint'].includes(t)) return { kind: 'lint', tool: t };
  if (['mypy', 'pyright', 'basedpyright'].includes(t)) return { kind: 'typecheck', tool: t };
  // `python -m unittest` (the wrapper words are gone): discovery or named tests
  if (t === 'unittest') return { kind: 'test', tool: 'unittest' };
  if (t === 'ruff') {
    if (sub === 'format') return { kind: check ? 'format' : 'other', tool: 'ruff-format' };
    return { kind: args.some((a) => /^--(fix|unsafe-fixes)$/.test(a)) ? 'other' : 'lint', tool: 'ruff' };
  }
  if (t === 'black' || t === 'isort') return { kind: check ? 'format' : 'other', tool: t };
  return null;
}
