import { describe, expect, it } from 'vitest';
import type { ProjectFacts } from '../../../src/contracts/project-facts.ts';
import { chainOf, narrowStep, npmScriptAffected } from '../../../src/domain/gates/affected.ts';
import { goAffected } from '../../../src/domain/gates/go-affected.ts';
import { pytestAffected, pythonAffectedTests } from '../../../src/domain/gates/py-affected.ts';
import { pythonImports } from '../../../src/domain/gates/py-imports.ts';
import type { GoPackage, PyImport, PySources } from '../../../src/contracts/project-facts.ts';

const imp = (module: string, names: string[] = [], level = 0): PyImport => ({ level, module, names });
const py = (imports: Record<string, PyImport[]>, dynamic: string[] = []): PySources => ({ imports, dynamic });
import { classify } from '../../../src/domain/gates/step-kind.ts';
import { expandScript } from '../../../src/domain/gates/script-steps.ts';
import { shellSplit } from '../../../src/domain/gates/shell-words.ts';

describe('affected tests first', () => {
  it('narrows vitest and jest to the tests of the changed source files, keeping their flags', () => {
    expect(
      narrowStep({ command: 'vitest run --project unit', tool: 'vitest' }, ['src/a.ts', 'README.md'], 'pnpm exec')
        ?.command,
    ).toBe('pnpm exec vitest related --run --passWithNoTests --project unit src/a.ts');
    expect(narrowStep({ command: 'jest --ci --coverage', tool: 'jest' }, ['lib/b.js'], 'npx')?.command).toBe(
      'npx jest --passWithNoTests --ci --findRelatedTests lib/b.js',
    );
    expect(narrowStep({ command: 'vitest', tool: 'vitest' }, ['docs/x.md'], 'npx')).toBeNull();
    expect(narrowStep({ command: 'node --test', tool: 'node:test' }, ['src/a.js'], 'npx')).toBeNull();
    // a changed fixture, data or config file: no import shows which tests read it — everything runs
    expect(
      narrowStep({ command: 'vitest run', tool: 'vitest' }, ['src/a.ts', 'test/fixtures/case.json'], 'npx'),
    ).toBeNull();
    expect(
      narrowStep({ command: 'jest', tool: 'jest' }, ['lib/b.js', 'jest.config.js', 'package.json'], 'npx'),
    ).toBeNull();
    expect(
      narrowStep({ command: 'vitest run', tool: 'vitest' }, ['src/a.ts', 'test/__snapshots__/a.test.ts.snap'], 'npx'),
    ).toBeNull();
    expect(
      narrowStep({ command: 'vitest run', tool: 'vitest' }, ['src/a.ts', 'test/fixtures/page.md'], 'npx'),
    ).toBeNull();
    const sources = () => ({
      imports: { 'src/a.js': [], 'test/a.test.js': ['../src/a.js'], 'test/b.test.js': [] },
      mains: {},
    });
    expect(narrowStep({ command: 'node --test', tool: 'node:test' }, ['src/a.js'], 'npx', [], sources)?.command).toBe(
      'node --test test/a.test.js',
    );
    // a deleted module may be loaded by any test
    expect(
      narrowStep({ command: 'node --test', tool: 'node:test' }, ['src/a.js', 'src/gone.js'], 'npx', [], sources),
    ).toBeNull();
    expect(
      narrowStep({ command: 'node --test', tool: 'node:test' }, ['src/a.js', 'test/data.json'], 'npx', [], sources),
    ).toBeNull();
  });

  it('keeps the other steps of a composite test script as written', () => {
    const scripts = { test: 'pnpm lint && vitest run', lint: 'oxlint' };
    expect(npmScriptAffected(scripts, 'test', 'pnpm', ['src/x.ts'])).toEqual({
      command: 'oxlint && pnpm exec vitest related --run --passWithNoTests src/x.ts',
      scope: 'vitest related src/x.ts',
      steps: ['oxlint', 'pnpm exec vitest related --run --passWithNoTests src/x.ts'],
    });
    expect(npmScriptAffected({ test: 'vitest run | tee out.txt' }, 'test', 'npm', ['src/x.ts'])).toBeNull();
  });

  it('runs go test on the changed packages and those whose code or tests reach them, or everything', () => {
    const M = 'example.com/m';
    const pkgs: GoPackage[] = [
      { importPath: M, dir: '', deps: [], testImports: [] },
      { importPath: `${M}/internal/a`, dir: 'internal/a', deps: ['fmt'], testImports: ['testing'] },
      { importPath: `${M}/internal/b`, dir: 'internal/b', deps: [`${M}/internal/a`, 'fmt'], testImports: ['testing'] },
      { importPath: `${M}/cmd/x`, dir: 'cmd/x', deps: [`${M}/internal/b`, `${M}/internal/a`], testImports: [] },
      // its code does not import a, but its tests use a helper package that does
      { importPath: `${M}/report`, dir: 'report', deps: [], testImports: [`${M}/testkit`, 'testing'] },
      { importPath: `${M}/testkit`, dir: 'testkit', deps: [`${M}/internal/a`], testImports: [] },
      { importPath: `${M}/other`, dir: 'other', deps: ['strings'], testImports: ['testing'] },
    ];
    expect(goAffected('go test ./...', ['internal/a/a.go', 'internal/a/a_test.go', 'README.md'], pkgs)?.command).toBe(
      'go test ./cmd/x ./internal/a ./internal/b ./report ./testkit',
    );
    expect(goAffected('go test ./... -count=1', ['main.go'], pkgs)?.command).toBe('go test . -count=1');
    expect(goAffected('go test ./...', ['other/o.go'], pkgs)?.scope).toBe('go test ./other');
    expect(goAffected('go test ./...', ['internal/a/a.go'], null), 'go could not list the packages').toBeNull();
    expect(goAffected('go test ./...', ['internal/a/a.go', 'go.mod'], pkgs)).toBeNull();
    expect(goAffected('go test ./...', ['internal/a/testdata/in.txt', 'internal/a/a.go'], pkgs)).toBeNull();
    expect(goAffected('go test ./...', ['newpkg/n.go'], pkgs), 'a folder go does not list').toBeNull();
  });

  it('runs pytest on the tests that name or import a changed module, or everything when none does', () => {
    const sources = py({
      'src/shop/pricing.py': [],
      'shop/names.py': [],
      'shop/orphan.py': [],
      'tests/test_pricing.py': [imp('shop.pricing')],
      'tests/test_misc.py': [imp('shop.names')],
      'tests/names_test.py': [],
      'tests/conftest.py': [],
    });
    expect(pytestAffected('pytest -q', ['src/shop/pricing.py'], sources)?.command).toBe(
      'pytest -q tests/test_pricing.py',
    );
    expect(pytestAffected('pytest -q', ['shop/names.py'], sources)?.command).toBe(
      'pytest -q tests/names_test.py tests/test_misc.py',
    );
    expect(pytestAffected('pytest -q', ['shop/orphan.py'], sources)).toBeNull();
    expect(pytestAffected('pytest -q', ['tests/conftest.py'], sources)).toBeNull();
    expect(pytestAffected('pytest -q', ['shop/names.py'], null), 'the sources could not be read').toBeNull();
  });

  it('follows imports through package __init__ re-exports, relative imports and other modules (the issue 25 case)', () => {
    // tests/test_api.py reaches pkg/core.py only through pkg/api/__init__.py
    const sources = py({
      'pkg/__init__.py': [],
      'pkg/core.py': [],
      'pkg/api/__init__.py': [imp('core', [], 2)],
      'pkg/api/views.py': [imp('', ['helpers'], 1)],
      'pkg/api/helpers.py': [],
      'pkg/cli.py': [imp('pkg.api', ['views'])],
      'tests/test_core.py': [imp('pkg.core', ['add'])],
      'tests/test_api.py': [imp('pkg.api', ['route'])],
      'tests/test_cli.py': [imp('pkg.cli')],
      'tests/test_other.py': [imp('json')],
    });
    expect(pythonAffectedTests(['pkg/core.py'], sources)).toEqual([
      'tests/test_api.py',
      'tests/test_cli.py',
      'tests/test_core.py',
    ]);
    // importing pkg.api does not load pkg.api.views: only the cli's test reaches the helpers
    expect(pythonAffectedTests(['pkg/api/helpers.py'], sources)).toEqual(['tests/test_cli.py']);
    // a package's __init__ runs for every import below it
    expect(pythonAffectedTests(['pkg/__init__.py'], sources)).toEqual([
      'tests/test_api.py',
      'tests/test_cli.py',
      'tests/test_core.py',
    ]);
    // prose changes nothing; a data file or a config file can change anything
    expect(pythonAffectedTests(['pkg/core.py', 'README.md'], sources)).toHaveLength(3);
    expect(pythonAffectedTests(['pkg/core.py', 'tests/data/cases.json'], sources)).toBeNull();
    expect(pythonAffectedTests(['pkg/core.py', 'pyproject.toml'], sources)).toBeNull();
  });

  it('a module that imports by a computed name may reach anything; a conftest above a test is loaded with it', () => {
    const sources = py(
      {
        'app/plugins.py': [],
        'app/extra.py': [],
        'tests/test_plugins.py': [imp('app.plugins')],
        'tests/unit/conftest.py': [imp('app.extra')],
        'tests/unit/test_x.py': [],
        'tests/test_y.py': [],
      },
      ['app/plugins.py'],
    );
    expect(pythonAffectedTests(['app/extra.py'], sources)).toEqual(['tests/test_plugins.py', 'tests/unit/test_x.py']);
  });

  it('reads imports at any indentation, in parentheses, relative and with aliases', () => {
    const text = [
      'import os, pkg.core as c',
      'from . import (',
      '    a,  # the a',
      '    b as bee,',
      ')',
      'def f():',
      '    from ..up.mod import thing',
      'x = "import"',
    ].join('\n');
    expect(pythonImports(text)).toEqual([
      { level: 1, module: '', names: ['a', 'b'] },
      { level: 2, module: 'up.mod', names: ['thing'] },
      { level: 0, module: 'os', names: [] },
      { level: 0, module: 'pkg.core', names: [] },
    ]);
  });
});

describe('reading scripts', () => {
  it('classifies a command by the tool it starts, through wrappers', () => {
    expect(classify('cross-env NODE_ENV=test npx vitest run')).toEqual({ kind: 'test', tool: 'vitest' });
    expect(classify('tsc -b')).toEqual({ kind: 'build', tool: 'tsc' });
    expect(classify('tsgo --noEmit')).toEqual({ kind: 'typecheck', tool: 'tsgo' });
    expect(classify('prettier --check .')).toEqual({ kind: 'format', tool: 'prettier' });
    expect(classify('prettier --write .')).toEqual({ kind: 'other', tool: 'prettier' });
    expect(classify('node --test test/')).toEqual({ kind: 'test', tool: 'node:test' });
  });
  it('follows run-s globs and concurrently npm: references, pre and post scripts included', () => {
    const scripts = {
      test: 'concurrently "npm:lint" "npm:unit"',
      lint: 'run-s lint:*',
      'lint:js': 'eslint .',
      'lint:md': 'markdownlint .',
      unit: 'jest',
      pretest: 'node prep.js',
    };
    const plan = expandScript(scripts, 'test');
    expect(plan.steps.map((s) => s.command)).toEqual(['node prep.js', 'eslint .', 'markdownlint .', 'jest']);
    expect([...plan.scripts].sort()).toEqual(['lint', 'lint:js', 'lint:md', 'pretest', 'test', 'unit']);
  });
});

describe('a chained test script', () => {
  const facts = (scripts: Record<string, string>, windows = false): ProjectFacts =>
    ({ node: { scripts, packageManager: 'npm', hasTypescript: false }, windows }) as unknown as ProjectFacts;
  it('is its steps, pre and post scripts included, when it chains several and can run them one by one', () => {
    const scripts = {
      test: 'cross-env TZ=Europe/Paris npm run test-tz && jest',
      'test-tz': 'jest test/timezone',
      pretest: 'node check.js',
    };
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts(scripts))).toEqual([
      'node check.js',
      'cross-env TZ=Europe/Paris npm run test-tz',
      'jest',
    ]);
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts({ test: 'jest' }))).toBeNull();
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts({ test: 'a || b' }))).toBeNull();
    expect(chainOf({ command: 'npm run lint', kind: 'lint' }, facts({ lint: 'a && b' }))).toBeNull();
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts({ test: 'a && b' }, true))).toBeNull();
  });
});

describe('narrowing keeps the command a shell can run', () => {
  it('splits words as the shell does, quotes kept', () => {
    expect(shellSplit(`jest --coverage --coverageThreshold="{ \\"global\\": { \\"lines\\": 100} }" -t 'a b'`)).toEqual([
      'jest',
      '--coverage',
      '--coverageThreshold="{ \\"global\\": { \\"lines\\": 100} }"',
      '-t',
      "'a b'",
    ]);
  });
  it('drops coverage flags (a threshold fails on a few tests) and keeps quoted values as written', () => {
    const cmd =
      narrowStep(
        {
          command: `jest --coverage --coverageThreshold="{ \\"global\\": { \\"lines\\": 100} }" --testTimeout 5000 --selectProjects "unit tests"`,
          tool: 'jest',
        },
        ['src/a.js'],
        'npx',
      )?.command ?? '';
    expect(cmd).toBe(
      `npx jest --passWithNoTests --testTimeout 5000 --selectProjects "unit tests" --findRelatedTests src/a.js`,
    );
    expect(
      narrowStep(
        { command: 'vitest run --coverage.thresholds.lines=90 --coverage', tool: 'vitest' },
        ['src/a.ts'],
        'npx',
      )?.command,
    ).toBe('npx vitest related --run --passWithNoTests src/a.ts');
  });
});
