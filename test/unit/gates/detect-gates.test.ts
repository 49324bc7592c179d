import { describe, expect, it } from 'vitest';
import { projectFacts } from '../../support/project-facts.ts';
import { INCREMENTAL } from '../../../src/domain/gates/node-gates.ts';
import { configSchema, type CsmConfig } from '../../../src/contracts/config-schema.ts';
import type { ProjectFacts } from '../../../src/contracts/project-facts.ts';
import { detectGates, gatesFor } from '../../../src/domain/gates/detect-gates.ts';

const facts = projectFacts;
const node = (
  scripts: Record<string, string>,
  o: { pm?: 'npm' | 'pnpm' | 'yarn' | 'bun'; ts?: boolean } = {},
): ProjectFacts['node'] => ({
  scripts,
  packageManager: o.pm ?? 'npm',
  hasTypescript: o.ts ?? false,
});
const config = (over: Record<string, unknown> = {}): CsmConfig => configSchema().parse(over);
const noBuiltins = { consoleCheck: { enabled: false }, docsCheck: { enabled: false } };
const summary = (f: ProjectFacts, c: CsmConfig = config(noBuiltins)): string[] =>
  detectGates(f, c).map((g) => `${g.name}:${g.kind}:${g.command ?? '-'}:${g.blocking ? 'B' : 'a'}`);

describe('detectGates', () => {
  it.each<[string, ProjectFacts, string[]]>([
    ['nothing', facts(), []],
    [
      'npm scripts',
      facts({ node: node({ typecheck: 'tsc', lint: 'eslint .', test: 'vitest run', build: 'vite build' }) }),
      [
        'typecheck:compile:npm run typecheck:B',
        'lint:lint:npm run lint:a',
        'test:test:npm run test:B',
        'build:build:npm run build:a',
      ],
    ],
    [
      'pnpm, type-check script',
      facts({ node: node({ 'type-check': 'tsc' }, { pm: 'pnpm' }) }),
      ['typecheck:compile:pnpm run type-check:B'],
    ],
    ['yarn', facts({ node: node({ test: 'jest' }, { pm: 'yarn' }) }), ['test:test:yarn run test:B']],
    ['bun', facts({ node: node({ test: 'bun test' }, { pm: 'bun' }) }), ['test:test:bun run test:B']],
    [
      'npm default test script skipped',
      facts({ node: node({ test: 'echo "Error: no test specified" && exit 1' }) }),
      [],
    ],
    // a lint that fixes rewrites the code (clack's `biome lint --write --unsafe`): no gate runs it
    [
      'a lint that fixes',
      facts({ node: node({ lint: 'biome lint --write --unsafe', test: 'vitest' }) }),
      ['test:test:npm run test:B'],
    ],
    [
      'eslint --fix',
      facts({ node: node({ lint: 'eslint . --fix', fmt: 'prettier --write .', test: 'jest' }) }),
      ['test:test:npm run test:B'],
    ],
    [
      'tsc from typescript + tsconfig',
      facts({ node: node({}, { ts: true }), hasTsconfig: true }),
      [`typecheck:compile:node_modules/.bin/tsc --noEmit ${INCREMENTAL}:B`],
    ],
    [
      'tsc on windows',
      facts({ node: node({}, { ts: true }), hasTsconfig: true, windows: true }),
      [`typecheck:compile:node_modules\\.bin\\tsc --noEmit ${INCREMENTAL.replace(/\//g, '\\')}:B`],
    ],
    [
      'a composite project (a script runs tsc --build): no root tsc --noEmit inferred',
      facts({
        node: node({ test: 'npm run build && node --test', build: 'tsc --build --clean && tsc --build' }, { ts: true }),
        hasTsconfig: true,
      }),
      ['test:test:npm run test:B'],
    ],
    [
      'ts-scripts test checks the types itself: no second tsc',
      facts({
        node: node({ test: 'ts-scripts test && npm run size', size: 'size-limit' }, { ts: true }),
        hasTsconfig: true,
      }),
      ['test:test:npm run test:B'],
    ],
    [
      'a tsc -b build script alone still keeps tsc --noEmit out',
      facts({ node: node({ prepack: 'tsc -b' }, { ts: true }), hasTsconfig: true }),
      [],
    ],
    ['typescript without tsconfig', facts({ node: node({}, { ts: true }) }), []],
    ['tsconfig without typescript', facts({ node: node({}), hasTsconfig: true }), []],
    [
      'build blocking without a compile gate',
      facts({ node: node({ build: 'tsup' }) }),
      ['build:build:npm run build:B'],
    ],
    [
      'make targets',
      facts({ makeTargets: ['all', 'test', 'lint', 'build'] }),
      ['test:test:make test:B', 'lint:lint:make lint:a', 'build:build:make build:B'],
    ],
    ['make check when no test target', facts({ makeTargets: ['check'] }), ['check:test:make check:B']],
    [
      'make fills only what npm lacks',
      facts({ node: node({ test: 'vitest' }), makeTargets: ['test', 'lint'] }),
      ['test:test:npm run test:B', 'lint:lint:make lint:a'],
    ],
    [
      'cargo: the tests compile what they test (no cargo check --all-targets guess)',
      facts({ hasCargo: true }),
      ['test:test:cargo test --quiet:B'],
    ],
    [
      'cargo with rustfmt and clippy configured',
      facts({ hasCargo: true, rustfmtConfig: true, clippyConfig: true }),
      [
        'test:test:cargo test --quiet:B',
        'format:lint:cargo fmt --check:B',
        'clippy:lint:cargo clippy --quiet -- -D warnings:a',
      ],
    ],
    [
      'go: vet type-checks every package, test runs the tests',
      facts({ hasGoMod: true }),
      ['vet:compile:go vet ./...:B', 'test:test:go test ./...:B'],
    ],
    [
      'python with ruff and mypy configured',
      facts({ hasPytest: true, ruff: '.venv/bin/ruff', mypy: '.venv/bin/mypy' }),
      ['test:test:pytest -q:B', 'ruff:lint:.venv/bin/ruff check .:a', 'mypy:compile:.venv/bin/mypy:B'],
    ],
    [
      'a test script that runs lint and types runs them once: no lint or typecheck gate of their own',
      facts({
        node: node(
          {
            test: 'pnpm lint && pnpm test:types && vitest run',
            lint: 'oxlint && oxfmt --check',
            'test:types': 'tsgo --noEmit',
            build: 'tsdown',
          },
          { pm: 'pnpm', ts: true },
        ),
        hasTsconfig: true,
      }),
      ['test:test:pnpm run test:B', 'build:build:pnpm run build:a'],
    ],
    [
      'a typecheck script found by what it runs, not its name',
      facts({ node: node({ test: 'vitest run', check: 'vue-tsc --noEmit', lint: 'eslint .' }) }),
      ['typecheck:compile:npm run check:B', 'lint:lint:npm run lint:a', 'test:test:npm run test:B'],
    ],
    [
      'run-s and npm-run-all references are followed',
      facts({
        node: node({
          test: 'run-s lint:* unit',
          'lint:js': 'eslint .',
          'lint:types': 'tsc --noEmit',
          unit: 'jest',
          lint: 'run-s lint:*',
        }),
      }),
      ['test:test:npm run test:B'],
    ],
    [
      'a format check script when test does not run one',
      facts({ node: node({ test: 'vitest run', 'format:check': 'prettier --check .' }) }),
      ['format:lint:npm run format:check:B', 'test:test:npm run test:B'],
    ],
    [
      'build at every Stop only when nothing else compiles',
      facts({ node: node({ test: 'vitest run', build: 'vite build' }) }),
      ['test:test:npm run test:B', 'build:build:npm run build:B'],
    ],
    ['pytest', facts({ hasPytest: true }), ['test:test:pytest -q:B']],
    [
      'pytest in a venv',
      facts({ hasPytest: true, venvPytest: '.venv/bin/pytest' }),
      ['test:test:.venv/bin/pytest -q:B'],
    ],
    [
      'unittest',
      facts({ unittest: 'python3 -m unittest discover -s tests' }),
      ['test:test:python3 -m unittest discover -s tests:B'],
    ],
    // the project runs its tests through make: no second runner csm would guess
    [
      'make test and python tests: make test only',
      facts({ makeTargets: ['test'], hasPytest: true }),
      ['test:test:make test:B'],
    ],
    [
      'make test and go: go vet stays, go test does not',
      facts({ makeTargets: ['test'], hasGoMod: true }),
      ['test:test:make test:B', 'vet:compile:go vet ./...:B'],
    ],
    [
      'node + python: second test gets a prefix',
      facts({ node: node({ test: 'vitest' }), hasPytest: true }),
      ['test:test:npm run test:B', 'pytest-test:test:pytest -q:B'],
    ],
  ])('%s', (_, f, expected) => {
    expect(summary(f)).toEqual(expected);
  });

  it('adds the built-in checks with their config', () => {
    const gates = detectGates(facts(), config({ docsCheck: { blocking: false }, consoleCheck: { blocking: true } }));
    expect(gates.map((g) => [g.name, g.kind, g.blocking, g.when])).toEqual([
      ['no-console', 'console', true, ['stop', 'task-done', 'complete']],
      ['docs', 'docs', false, ['task-done', 'complete']],
    ]);
    const blockingDocs = detectGates(facts(), config({ docsCheck: { blocking: true } })).find((g) => g.name === 'docs');
    expect(blockingDocs?.when).toContain('stop');
  });

  it('adds bench from config, advisory, on complete', () => {
    const [bench] = detectGates(facts(), config({ ...noBuiltins, bench: { command: 'node bench.js', maxMs: 500 } }));
    expect(bench).toMatchObject({
      name: 'bench',
      kind: 'bench',
      command: 'node bench.js',
      maxMs: 500,
      blocking: false,
      when: ['complete'],
    });
  });

  it('lets a declared gate replace a detected one of the same name, in place', () => {
    const c = config({
      ...noBuiltins,
      gates: [
        { name: 'test', command: 'npm test -- --bail', timeout: 60, blocking: false },
        { name: 'e2e', command: 'make e2e' },
      ],
    });
    const gates = detectGates(facts({ node: node({ typecheck: 'tsc', test: 'vitest' }) }), c);
    expect(gates.map((g) => g.name)).toEqual(['typecheck', 'test', 'e2e']);
    expect(gates[1]).toMatchObject({
      command: 'npm test -- --bail',
      timeout: 60,
      blocking: false,
      kind: 'test',
      source: 'config',
    });
    expect(gates[2]).toMatchObject({ kind: 'custom', covers: ['**'], blocking: true });
  });

  it('detectGates: false keeps declared gates and built-ins only', () => {
    const c = config({ detectGates: false, gates: [{ name: 'check', command: 'make check' }] });
    expect(detectGates(facts({ node: node({ test: 'vitest' }) }), c).map((g) => g.name)).toEqual([
      'no-console',
      'docs',
      'check',
    ]);
  });

  it('leaves docs and markdown out of the default covers', () => {
    const [test] = detectGates(facts({ node: node({ test: 'vitest' }) }), config(noBuiltins));
    expect(test?.covers).toContain('!**/*.{md,mdx,rst,txt,adoc}');
  });
});

describe('gatesFor', () => {
  const gates = detectGates(
    facts({ node: node({ test: 'vitest', lint: 'eslint' }) }),
    config({ bench: { command: 'b' } }),
  );
  const names = (trigger: string, only?: string[]): string[] => gatesFor(gates, trigger, only).map((g) => g.name);
  it.each([
    // a lint cannot block: off Stop's path, at the baseline to tell new findings from old
    ['stop', undefined, ['test', 'no-console']],
    ['baseline', undefined, ['lint', 'test', 'no-console']],
    ['task-done', undefined, ['lint', 'test', 'no-console', 'docs']],
    ['complete', undefined, ['lint', 'test', 'bench', 'no-console', 'docs']],
    ['manual', undefined, ['lint', 'test', 'bench', 'no-console', 'docs']],
    ['stop', ['bench'], ['bench']],
    ['manual', ['nope'], []],
  ])('%s only=%j', (trigger, only, expected) => {
    expect(names(trigger, only)).toEqual(expected);
  });
});

describe('where each gate comes from', () => {
  it('names the exact file, script, target or CI step', () => {
    const f = facts({
      node: node({ test: 'vitest run', lint: 'eslint .' }, { ts: true }),
      hasTsconfig: true,
      makeTargets: ['build'],
      hasGoMod: true,
    });
    const origins = Object.fromEntries(detectGates(f, config(noBuiltins)).map((g) => [g.name, g.origin]));
    expect(origins).toMatchObject({
      test: 'package.json script "test"',
      lint: 'package.json script "lint"',
      typecheck: 'typescript in package.json and a tsconfig.json',
      build: 'the Makefile target "build"',
      vet: 'go.mod',
      'go-test': 'go.mod',
    });
  });
});
