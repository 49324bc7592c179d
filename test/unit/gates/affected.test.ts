import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ProjectFacts } from '../../../src/contracts/project-facts.ts';
import { chainOf, everyStepCommand, goAffected, narrowStep, npmScriptAffected, pytestAffected } from '../../../src/domain/gates/affected.ts';
import { classify, expandScript, shellSplit } from '../../../src/domain/gates/script-steps.ts';

describe('affected tests first', () => {
  it('narrows vitest and jest to the tests of the changed source files, keeping their flags', () => {
    expect(narrowStep({ command: 'vitest run --project unit', tool: 'vitest' }, ['src/a.ts', 'README.md'], 'pnpm exec')?.command).toBe('pnpm exec vitest related --run --passWithNoTests --project unit src/a.ts');
    expect(narrowStep({ command: 'jest --ci --coverage', tool: 'jest' }, ['lib/b.js'], 'npx')?.command).toBe('npx jest --passWithNoTests --ci --findRelatedTests lib/b.js');
    expect(narrowStep({ command: 'vitest', tool: 'vitest' }, ['docs/x.md'], 'npx')).toBeNull();
    expect(narrowStep({ command: 'node --test', tool: 'node:test' }, ['src/a.js'], 'npx')).toBeNull();
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

  it('runs go test on the changed packages only', () => {
    expect(goAffected(['internal/a/a.go', 'cmd/x/main.go', 'internal/a/a_test.go', 'README.md'])?.command).toBe('go test ./cmd/x ./internal/a');
    expect(goAffected(['main.go'])?.command).toBe('go test .');
  });

  it('runs pytest on the tests that name or import a changed module, or everything when none does', () => {
    const imports = new Map([
      ['tests/test_pricing.py', ['shop.pricing']],
      ['tests/test_misc.py', ['shop.names']],
      ['tests/names_test.py', []],
    ]);
    expect(pytestAffected('pytest -q', ['src/shop/pricing.py'], imports)?.command).toBe('pytest -q tests/test_pricing.py');
    expect(pytestAffected('pytest -q', ['shop/names.py'], imports)?.command).toBe('pytest -q tests/names_test.py tests/test_misc.py');
    expect(pytestAffected('pytest -q', ['shop/orphan.py'], imports)).toBeNull();
    expect(pytestAffected('pytest -q', ['tests/conftest.py'], imports)).toBeNull();
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
    const scripts = { test: 'concurrently "npm:lint" "npm:unit"', lint: 'run-s lint:*', 'lint:js': 'eslint .', 'lint:md': 'markdownlint .', unit: 'jest', pretest: 'node prep.js' };
    const plan = expandScript(scripts, 'test');
    expect(plan.steps.map((s) => s.command)).toEqual(['node prep.js', 'eslint .', 'markdownlint .', 'jest']);
    expect([...plan.scripts].sort()).toEqual(['lint', 'lint:js', 'lint:md', 'pretest', 'test', 'unit']);
  });
});

describe('a chained test script', () => {
  const facts = (scripts: Record<string, string>, windows = false): ProjectFacts =>
    ({ node: { scripts, packageManager: 'npm', hasTypescript: false }, windows }) as unknown as ProjectFacts;
  it('is its steps, pre and post scripts included, when it chains several and can run them one by one', () => {
    const scripts = { test: 'cross-env TZ=Europe/Paris npm run test-tz && jest', 'test-tz': 'jest test/timezone', pretest: 'node check.js' };
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts(scripts))).toEqual(['node check.js', 'cross-env TZ=Europe/Paris npm run test-tz', 'jest']);
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts({ test: 'jest' }))).toBeNull();
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts({ test: 'a || b' }))).toBeNull();
    expect(chainOf({ command: 'npm run lint', kind: 'lint' }, facts({ lint: 'a && b' }))).toBeNull();
    expect(chainOf({ command: 'npm run test', kind: 'test' }, facts({ test: 'a && b' }, true))).toBeNull();
  });
  it('runs every step whatever the one before did, and fails with the last failing status', () => {
    const cmd = everyStepCommand(['echo one; exit 3', 'echo two', "exit 4", 'echo three']);
    const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('::csm-step'))).toEqual(['one', 'two', 'three', '']);
    expect(r.stdout).toContain("::csm-step:: exit 4\n::csm-step-failed:: 4\n");
    expect(r.status).toBe(4);
    expect(spawnSync('sh', ['-c', everyStepCommand(['true', 'cd /', 'pwd'])], { encoding: 'utf8', cwd: '/tmp' }).stdout).toMatch(/^\/tmp$/m);
  });
});

describe('narrowing keeps the command a shell can run', () => {
  it('splits words as the shell does, quotes kept', () => {
    expect(shellSplit(`jest --coverage --coverageThreshold="{ \\"global\\": { \\"lines\\": 100} }" -t 'a b'`)).toEqual(['jest', '--coverage', '--coverageThreshold="{ \\"global\\": { \\"lines\\": 100} }"', '-t', "'a b'"]);
  });
  it('drops coverage flags (a threshold fails on a few tests) and keeps quoted values as written', () => {
    const cmd = narrowStep({ command: `jest --coverage --coverageThreshold="{ \\"global\\": { \\"lines\\": 100} }" --testTimeout 5000 --selectProjects "unit tests"`, tool: 'jest' }, ['src/a.js'], 'npx')?.command ?? '';
    expect(cmd).toBe(`npx jest --passWithNoTests --testTimeout 5000 --selectProjects "unit tests" --findRelatedTests src/a.js`);
    expect(spawnSync('sh', ['-n', '-c', cmd]).status).toBe(0);
    expect(narrowStep({ command: 'vitest run --coverage.thresholds.lines=90 --coverage', tool: 'vitest' }, ['src/a.ts'], 'npx')?.command).toBe('npx vitest related --run --passWithNoTests src/a.ts');
  });
});
