import { describe, expect, it } from 'vitest';
import { projectFacts } from '../../support/project-facts.ts';
import { configSchema } from '../../../src/contracts/config-schema.ts';
import type { ProjectFacts, WorkspacePackage } from '../../../src/contracts/project-facts.ts';
import { affectedFor, narrowingOf, npmScriptAffected } from '../../../src/domain/gates/affected.ts';
import { GOFMT_CHECK, ciCommands } from '../../../src/domain/gates/ci-gates.ts';
import { detectGates } from '../../../src/domain/gates/detect-gates.ts';
import { classify } from '../../../src/domain/gates/step-kind.ts';
import { expandScript } from '../../../src/domain/gates/script-steps.ts';
import { touchedPackages, withDependents, workspaceAffected } from '../../../src/domain/gates/workspace-affected.ts';
import { workspaceRun } from '../../../src/domain/gates/workspace-run.ts';
import { ungroupRunPrefixes } from '../../../src/domain/runners/run-prefixes.ts';

const facts = projectFacts;
const config = configSchema().parse({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } });
const gates = (f: ProjectFacts): string[] =>
  detectGates(f, config).map((g) => `${g.name}:${g.kind}:${g.command}:${g.blocking ? 'B' : 'a'}:${g.source}`);

const pkg = (
  dir: string,
  name: string,
  deps: string[] = [],
  scripts: Record<string, string> = { test: 'vitest run' },
): WorkspacePackage => ({ dir, name, scripts, deps });
const WS = [
  pkg('packages/core', '@acme/core'),
  pkg('packages/ui', '@acme/ui', ['@acme/core', 'react']),
  pkg('apps/web', 'web', ['@acme/ui']),
  pkg('packages/docs', '@acme/docs', [], {}),
];

describe('workspace output', () => {
  it('takes off the package prefixes of pnpm -r, turbo and yarn and puts each package back together', () => {
    const turbo = [
      '• Running test in 2 packages',
      '@w/a:test: ✖ one',
      '@w/b:test: ✔ two',
      '@w/a:test: ℹ tests 1',
      '@w/b:test: ℹ tests 1',
      ' Tasks: 1 successful, 2 total',
    ].join('\n');
    expect(ungroupRunPrefixes(turbo)).toBe(
      [
        '• Running test in 2 packages',
        '✖ one',
        'ℹ tests 1',
        '',
        '✔ two',
        'ℹ tests 1',
        '',
        ' Tasks: 1 successful, 2 total',
      ].join('\n'),
    );
    expect(ungroupRunPrefixes('[@w/a]: not ok 1 - x\n[@w/b]: ok 1 - y\n[@w/a]: # tests 1\n[@w/b]: # tests 1')).toBe(
      'not ok 1 - x\n# tests 1\n\nok 1 - y\n# tests 1\n',
    );
    // a linter's file:line output and ordinary text are left as they are
    const mypy =
      'app/a.py:18: error: Incompatible return value  [return-value]\napp/b.py:6: error: Bad  [arg-type]\napp/b.py:7: error: Bad  [arg-type]\nFound 3 errors in 2 files';
    expect(ungroupRunPrefixes(mypy)).toBe(mypy);
    const plain = 'Error: boom\nAssertionError: expected 1\nnode:internal/process:12:3';
    expect(ungroupRunPrefixes(plain)).toBe(plain);
  });
});

describe('CI run texts', () => {
  it('splits run texts into commands, joining continuations and leaving out expressions and comments', () => {
    expect(
      ciCommands(['npm ci\n# lint\nnpm run lint', 'pytest \\\n  -q tests', 'echo ${{ matrix.node }}', 'npm ci']),
    ).toEqual(['npm ci', 'npm run lint', 'pytest -q tests']);
  });
});

describe('workspace runs', () => {
  it('knows a command that runs a script in every package', () => {
    expect(workspaceRun(['pnpm', '-r', '--filter', './packages/**', 'test'])).toEqual({
      runner: 'pnpm',
      scripts: ['test'],
    });
    expect(workspaceRun(['npm', 'test', '--workspaces', '--if-present'])).toEqual({ runner: 'npm', scripts: ['test'] });
    expect(workspaceRun(['yarn', 'workspaces', 'foreach', '-A', 'run', 'test'])).toEqual({
      runner: 'yarn',
      scripts: ['test'],
    });
    expect(workspaceRun(['turbo', 'run', 'lint', 'test'])).toEqual({ runner: 'turbo', scripts: ['lint', 'test'] });
    expect(workspaceRun(['nx', 'run-many', '-t', 'test,lint'])).toEqual({ runner: 'nx', scripts: ['test', 'lint'] });
    expect(workspaceRun(['lerna', 'run', 'test', '--stream'])).toEqual({ runner: 'lerna', scripts: ['test'] });
    expect(workspaceRun(['pnpm', 'install'])).toBeNull();
    expect(workspaceRun(['npm', 'test'])).toBeNull();
  });

  it('classifies it by the scripts it runs, and does not mistake it for the root script', () => {
    expect(classify('pnpm -r test')).toEqual({ kind: 'test', tool: 'workspaces:pnpm' });
    expect(classify('npx turbo run lint')).toEqual({ kind: 'lint', tool: 'workspaces:turbo' });
    const plan = expandScript({ test: 'npm run lint && npm test --workspaces', lint: 'eslint .' }, 'test');
    expect(plan.steps.map((s) => `${s.kind}:${s.tool}`)).toEqual(['lint:eslint', 'test:workspaces:npm']);
  });

  it('finds the touched packages and those depending on them, or none when a root file changed', () => {
    expect(touchedPackages(WS, ['packages/core/src/a.ts', 'README.md'])?.map((p) => p.name)).toEqual(['@acme/core']);
    expect(touchedPackages(WS, ['packages/core/src/a.ts', 'tsconfig.base.json'])).toBeNull();
    const core = WS.filter((p) => p.name === '@acme/core');
    expect(withDependents(WS, core).map((p) => p.name)).toEqual(['web', '@acme/core', '@acme/ui']);
  });

  it('runs the script in those packages with the runner’s own selection', () => {
    const files = ['packages/ui/src/button.tsx'];
    const run = (command: string): string | undefined => {
      const r = workspaceRun(command.split(' '));
      return r ? workspaceAffected(r, command, WS, files)?.command : 'not a workspace run';
    };
    expect(run('pnpm -r --filter ./packages/** test')).toBe('pnpm --stream --filter web --filter @acme/ui run test');
    expect(run('npm test --workspaces')).toBe('npm run test -w apps/web -w packages/ui');
    expect(run('yarn workspaces foreach -A run test')).toBe(
      'yarn workspace web run test && yarn workspace @acme/ui run test',
    );
    expect(run('turbo run test --filter=./packages/*')).toBe('turbo run test --filter=web --filter=@acme/ui');
    expect(run('nx run-many -t test')).toBe('nx run-many -t test --projects=web,@acme/ui');
    expect(run('lerna run test')).toBe('lerna run test --scope web --scope @acme/ui');
    expect(run('nx affected -t test')).toBeUndefined();
    // a change in every package narrows nothing
    const all = workspaceRun(['pnpm', '-r', 'test']);
    expect(
      all &&
        workspaceAffected(all, 'pnpm -r test', WS, ['packages/core/a.ts', 'packages/docs/b.md', 'packages/docs/x.ts']),
    ).toBeNull();
  });

  it('narrows a root test script that delegates to the packages, keeping its other steps', () => {
    const scripts = { test: 'pnpm lint && pnpm -r test', lint: 'eslint .' };
    expect(npmScriptAffected(scripts, 'test', 'pnpm', ['packages/core/src/a.ts'], WS)).toEqual({
      command: 'eslint . && pnpm --stream --filter web --filter @acme/core --filter @acme/ui run test',
      scope: 'test in web, @acme/core, @acme/ui',
      steps: ['eslint .', 'pnpm --stream --filter web --filter @acme/core --filter @acme/ui run test'],
    });
    const f = facts({ node: { scripts, packageManager: 'pnpm', hasTypescript: false }, workspaces: WS });
    expect(narrowingOf({ command: 'pnpm run test', kind: 'test' }, f)).toBe(
      'the changed packages and those depending on them',
    );
    expect(
      affectedFor({ command: 'pnpm run test', kind: 'test' }, f, ['apps/web/page.tsx'], {
        pySources: () => null,
        jsSources: () => null,
        goPackages: () => null,
        cargoWorkspace: () => null,
      })?.command,
    ).toBe('eslint . && pnpm --stream --filter web run test');
  });
});

describe('a workspace typecheck on Stop', () => {
  const readers = { pySources: () => null, jsSources: () => null, goPackages: () => null, cargoWorkspace: () => null };
  const typed = WS.map((p) => ({ ...p, scripts: { ...p.scripts, typecheck: 'tsc --noEmit' } }));
  it('checks the packages the change touched and those depending on them, like the tests', () => {
    const scripts = { typecheck: 'pnpm -r typecheck', test: 'pnpm -r test' };
    const f = facts({ node: { scripts, packageManager: 'pnpm', hasTypescript: true }, workspaces: typed });
    const run = affectedFor(
      { command: 'pnpm run typecheck', kind: 'compile' },
      f,
      ['packages/ui/src/button.tsx'],
      readers,
    );
    expect(run?.command).toBe('pnpm --stream --filter web --filter @acme/ui run typecheck');
    expect(run?.scope).toBe('typecheck in web, @acme/ui');
  });

  it('checks everything when the change is outside the packages or the check is not a workspace run', () => {
    const scripts = { typecheck: 'pnpm -r typecheck', 'check:root': 'tsc -b' };
    const f = facts({ node: { scripts, packageManager: 'pnpm', hasTypescript: true }, workspaces: typed });
    expect(
      affectedFor({ command: 'pnpm run typecheck', kind: 'compile' }, f, ['tsconfig.base.json'], readers),
    ).toBeNull();
    expect(
      affectedFor({ command: 'pnpm run check:root', kind: 'compile' }, f, ['packages/ui/a.ts'], readers),
    ).toBeNull();
  });
});

describe('checks found in CI workflows', () => {
  it('adds the checks CI runs that no gate covers, as their own scripts', () => {
    const scripts = {
      test: 'node --test && npm run check:type:ts',
      check: 'npm run check:type && npm run check:lint && npm run check:format',
      'check:type': 'npm run check:type:js && npm run check:type:ts',
      'check:type:js': 'tsc -p tsconfig.js.json',
      'check:type:ts': 'tsd && tsc -p tsconfig.ts.json',
      'check:lint': 'eslint .',
      'check:format': 'prettier --check .',
    };
    const f = facts({
      node: { scripts, packageManager: 'npm', hasTypescript: true },
      ciSteps: ['npm ci', 'npm test', 'npm run check', 'npm publish'],
    });
    expect(gates(f)).toEqual([
      'format:lint:npm run check:format:B:detected',
      'test:test:npm run test:B:detected',
      'typecheck:compile:npm run check:type:js:B:ci',
      'lint:lint:npm run check:lint:a:ci',
    ]);
  });

  it('never takes `go fmt` inside another word, nor `go vet` or a formatter that writes as a format check', () => {
    const f = facts({ hasGoMod: true, ciSteps: ['echo go format', 'make go-fmt-all'] });
    expect(gates(f)).toEqual(['vet:compile:go vet ./...:B:detected', 'test:test:go test ./...:B:detected']);
  });

  it('adds cargo fmt and clippy from CI without config files, and never builds or installs', () => {
    const f = facts({
      hasCargo: true,
      ciSteps: [
        'cargo build --verbose',
        'cargo test --verbose',
        'cargo fmt --all -- --check',
        'RUSTFLAGS=-Dwarnings cargo clippy --all-targets',
        'cargo install cargo-deny',
      ],
    });
    expect(gates(f)).toEqual([
      'test:test:cargo test --quiet:B:detected',
      'format:lint:cargo fmt --all -- --check:B:ci',
      'lint:lint:RUSTFLAGS=-Dwarnings cargo clippy --all-targets:a:ci',
    ]);
  });

  it('takes gofmt however CI wraps it, as a check that fails when it lists a file', () => {
    // go-version's CI: `files=$(go fmt ./...)`, then a test of the list (go fmt rewrites: the gate only lists)
    const lines = [
      'diff -u <(echo -n) <(gofmt -d .)',
      'test -z "$(gofmt -l .)"',
      'gofmt -s -l . | tee /dev/stderr | (! read)',
    ];
    for (const line of [...lines, 'files=$(go fmt ./...)', 'go fmt ./... && git diff --exit-code']) {
      const f = facts({ hasGoMod: true, ciSteps: ['go build ./...', line] });
      expect(gates(f), line).toEqual([
        'vet:compile:go vet ./...:B:detected',
        'test:test:go test ./...:B:detected',
        `format:lint:${GOFMT_CHECK}:B:ci`,
      ]);
    }
  });

  it('takes a format check reached through a CI matrix and a plain "format" script that only checks', () => {
    const scripts = { test: 'jest', lint: 'biome lint', format: 'biome format' };
    const f = facts({
      node: { scripts, packageManager: 'pnpm', hasTypescript: false },
      ciSteps: ['pnpm run lint', 'pnpm run format'],
    });
    expect(gates(f)).toEqual([
      'lint:lint:pnpm run lint:a:detected',
      'format:lint:pnpm run format:B:detected',
      'test:test:pnpm run test:B:detected',
    ]);
    const writes = facts({
      node: { scripts: { test: 'jest', format: 'biome format --write' }, packageManager: 'pnpm', hasTypescript: false },
    });
    expect(gates(writes)).toEqual(['test:test:pnpm run test:B:detected']);
  });

  it('takes Python checks through uv/poetry wrappers, and CI tests only when nothing else tests', () => {
    const f = facts({
      ciSteps: ['uv sync', 'uv run --group dev pytest -q', 'uv run ruff format --check .', 'uv run mypy src'],
    });
    expect(gates(f)).toEqual([
      'test:test:uv run --group dev pytest -q:B:ci',
      'format:lint:uv run ruff format --check .:B:ci',
      'typecheck:compile:uv run mypy src:B:ci',
    ]);
    const withPytest = facts({ hasPytest: true, ciSteps: ['python -m pytest --cov'] });
    expect(gates(withPytest)).toEqual(['test:test:pytest -q:B:detected']);
  });

  it('takes a workspace test run from CI when the root has no test script', () => {
    const f = facts({
      node: { scripts: { build: 'turbo run build' }, packageManager: 'pnpm', hasTypescript: false },
      workspaces: WS,
      ciSteps: ['pnpm install --frozen-lockfile', 'pnpm -r test'],
    });
    expect(gates(f)).toContain('test:test:pnpm -r test:B:ci');
    expect(narrowingOf({ command: 'pnpm -r test', kind: 'test' }, f)).toBe(
      'the changed packages and those depending on them',
    );
  });

  it('runs a pnpm binary as the tool, not as pnpm', () => {
    expect(classify('pnpm vitest run --coverage')).toEqual({ kind: 'test', tool: 'vitest' });
    expect(classify('pnpm install')).toEqual({ kind: 'other', tool: 'pnpm' });
  });
});
