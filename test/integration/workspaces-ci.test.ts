/**
 * A monorepo as users have them (issue 14): npm workspaces whose root `test` only delegates to
 * the packages, and a CI workflow that runs a check no script does. The built CLI and Stop hook
 * in a real git repo with real node:test suites: Stop runs the packages the change touched and
 * those depending on them, not the whole workspace; CI's own checks are gates; a CI step whose
 * tool is not installed here is not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pnpmWorkspaceGlobs, readWorkflowRuns } from '../../src/adapters/gates/project-extras.ts';
import { createTempRepo, csmJson, PROJECT_ROOT, readLedger, runHook, writeFiles } from './support/temp-repo.ts';

const SESSION = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const testOf = (req: string, fn: string, expected: number): string =>
  [
    `const { test } = require('node:test');`,
    `const assert = require('node:assert/strict');`,
    `const m = require('${req}');`,
    `test('${fn}', () => assert.equal(m.${fn}(2), ${expected}));`,
    '',
  ].join('\n');

function monorepo(): string {
  const dir = createTempRepo({
    files: {
      'package.json': json({
        name: 'mono',
        private: true,
        workspaces: ['packages/*'],
        scripts: { test: 'npm test --workspaces --if-present' },
      }),
      'packages/core/package.json': json({ name: '@mono/core', scripts: { test: 'node --test' } }),
      'packages/core/index.js': 'exports.double = (n) => n * 2;\n',
      'packages/core/test/core.test.js': testOf('..', 'double', 4),
      'packages/ui/package.json': json({
        name: '@mono/ui',
        dependencies: { '@mono/core': '*' },
        scripts: { test: 'node --test' },
      }),
      'packages/ui/index.js': "const { double } = require('../core');\nexports.quad = (n) => double(double(n));\n",
      'packages/ui/test/ui.test.js': testOf('..', 'quad', 8),
      'packages/tools/package.json': json({ name: '@mono/tools', scripts: { test: 'node --test' } }),
      'packages/tools/index.js': 'exports.inc = (n) => n + 1;\n',
      'packages/tools/test/tools.test.js': testOf('..', 'inc', 3),
      'packages/docs/package.json': json({ name: '@mono/docs' }),
      '.github/workflows/ci.yml': [
        'on: [push]',
        'jobs:',
        '  check:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: npm ci',
        '      - run: npm test',
        '      - run: npx prettier --check packages',
        '      - name: lint',
        '        run: |',
        '          npx not-installed-linter packages',
        '',
      ].join('\n'),
      '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
      '.gitignore': 'node_modules\n',
    },
  });
  // prettier "installed" in the project, as npm ci would leave it
  fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(
    path.join(PROJECT_ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
    path.join(dir, 'node_modules', '.bin', 'prettier'),
  );
  return dir;
}

const stop = async (dir: string): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const r = await runHook('stop', {
    session_id: SESSION,
    transcript_path: path.join(dir, '.t.jsonl'),
    cwd: dir,
    hook_event_name: 'Stop',
    stop_hook_active: false,
  });
  expect(r.code).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

describe('reading workflows and pnpm-workspace.yaml', () => {
  it('reads run: steps in every YAML form and the workspace globs, and survives a file that is not YAML', async () => {
    const dir = createTempRepo({
      files: {
        '.github/workflows/a.yml': [
          'on: { push: { branches: [main] } }',
          'defaults: &d',
          '  run: { shell: bash }',
          'jobs:',
          '  test:',
          '    steps:',
          '      - run: pnpm install # deps',
          "      - run: 'npm run check'",
          '      - name: many',
          '        run: |',
          '          cargo fmt --check',
          '          cargo clippy -- -D warnings',
          '      - run: >-',
          '          go test',
          '          ./...',
          '      - { name: flow, run: "echo \\"hi\\"" }',
          '  quality:',
          '    strategy:',
          '      matrix:',
          '        task: [lint, format]',
          '        node: [20]',
          '        include:',
          '          - task: typecheck',
          '    steps:',
          '      - run: pnpm run ${{ matrix.task }}',
          '      - run: echo ${{ matrix.os }}',
          '',
        ].join('\n'),
        '.github/workflows/broken.yaml': 'jobs: [unclosed\n',
        'pnpm-workspace.yaml':
          "packages:\n  - 'packages/*'\n  - apps/** # apps\n  - '!**/test/**'\ncatalog:\n  react: ^19\n",
      },
    });
    expect(await readWorkflowRuns(dir)).toEqual([
      'pnpm install',
      'npm run check',
      'cargo fmt --check\ncargo clippy -- -D warnings\n',
      'go test ./...',
      'echo "hi"',
      // a matrix value per form; a key the matrix lacks is left as written (and dropped as an expression)
      'pnpm run lint',
      'pnpm run format',
      'pnpm run typecheck',
      'echo ${{ matrix.os }}',
    ]);
    expect(await pnpmWorkspaceGlobs(dir)).toEqual(['packages/*', 'apps/**', '!**/test/**']);
  });
});

describe('a workspace monorepo with a CI workflow', () => {
  it('lists the CI check no script runs, and leaves out the one whose tool is not installed', async () => {
    const dir = monorepo();
    const listed = await csmJson<{
      gates: { name: string; command: string; source: string; blocking: boolean; affectedBy: string | null }[];
    }>(dir, 'gates', '--list');
    const byName = Object.fromEntries(listed.gates.map((g) => [g.name, g]));
    expect(byName.test).toMatchObject({
      command: 'npm run test',
      source: 'detected',
      blocking: true,
      affectedBy: 'the changed packages and those depending on them',
    });
    expect(byName.format).toMatchObject({ command: 'npx prettier --check packages', source: 'ci', blocking: true });
    expect(listed.gates.map((g) => g.command).join('\n')).not.toMatch(/not-installed-linter|npm ci/);
  });

  it('on Stop, runs the tests of the changed package and its dependents only, and blocks on their failure', async () => {
    const dir = monorepo();
    await csmJson(dir, 'start', 'Change core');
    writeFiles(dir, { 'packages/core/index.js': 'exports.double = (n) => n * 3;\n' });
    const blocked = await stop(dir);
    expect(blocked.decision).toBe('block');
    expect(blocked.reason).toMatch(/test in @mono\/core, @mono\/ui/);
    expect(blocked.reason).toMatch(/✗ double/);
    expect(blocked.reason).toMatch(/✗ quad/);
    const run = readLedger(dir)
      .filter((e) => e.type === 'gate.run' && e.trigger === 'stop')
      .at(-1);
    const test = run.results.find((r: { name: string }) => r.name === 'test');
    expect(test).toMatchObject({ status: 'fail', scope: 'affected' });
    expect(test.summary).not.toMatch(/inc/);

    // the fix: the same scope passes; task-done and complete would run all packages
    writeFiles(dir, { 'packages/core/index.js': 'exports.double = (n) => n * 2;\n' });
    const ok = await stop(dir);
    expect(ok.decision).toBeUndefined();
  });

  it('runs every package when a root file changes', async () => {
    const dir = monorepo();
    await csmJson(dir, 'start', 'Tooling');
    writeFiles(dir, { 'packages/tools/index.js': 'exports.inc = (n) => n + 2;\n', 'jsconfig.json': '{}\n' });
    const blocked = await stop(dir);
    expect(blocked.decision).toBe('block');
    expect(blocked.reason).not.toMatch(/test in @mono/);
    expect(blocked.reason).toMatch(/✗ inc/);
  });
});
