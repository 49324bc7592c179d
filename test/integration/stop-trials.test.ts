/**
 * What trying csm on real repositories found (issue 25's closing trials), each as a project of our
 * own: a chained `test` whose later step already fails (query-string: `xo && ava && tsd`), a pnpm
 * workspace whose first package already fails (clack: `pnpm -r run test` stopped there), and a Go
 * module whose CI checks `go fmt ./...` (go-version). Built bundles, real runners.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const absent = (tool: string, arg = '--version'): boolean => spawnSync(tool, [arg], { encoding: 'utf8' }).status !== 0;
const QUIET = `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`;
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

type StopOut = { decision?: string; reason?: string; systemMessage?: string };
const stop = async (dir: string): Promise<StopOut> => {
  const payload = {
    session_id: 'trials',
    transcript_path: path.join(dir, '.t.jsonl'),
    cwd: dir,
    hook_event_name: 'Stop',
  };
  const r = await runHook('stop', { ...payload, stop_hook_active: false }, { timeoutMs: 300_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as StopOut) : {};
};

/** A linter of the project's own, in no format csm reads: every `var` in src/ is an error. */
const LINT = lines(
  "const fs = require('node:fs');",
  "const bad = fs.readdirSync('src').filter((f) => /\\bvar\\b/.test(fs.readFileSync(`src/${f}`, 'utf8')));",
  'for (const f of bad) console.log(`  src/${f}  ✖  no var here`);',
  'process.exit(bad.length ? 1 : 0);',
);
const MATH = lines('exports.add = (a, b) => a + b;', 'exports.half = (n) => n / 2;');
const TESTS = lines(
  "const test = require('node:test');",
  "const assert = require('node:assert');",
  "const { add, half } = require('../src/math.js');",
  "test('adds', () => assert.equal(add(1, 2), 3));",
  "test('halves, rounding up (failing before the session)', () => assert.equal(half(3), 2));",
);

describe('what the real-repository trials found', () => {
  it('a chained test script: a step that passed before and fails now blocks, though a later step failed already', {
    timeout: 300_000,
  }, async () => {
    const dir = createTempRepo({
      files: {
        'package.json': json({ name: 'p', private: true, scripts: { test: 'node lint.js && node --test test/' } }),
        'lint.js': LINT,
        'src/math.js': MATH,
        'test/math.test.js': TESTS,
        '.claude/csm.json': QUIET,
      },
    });
    await csmJson(dir, 'start', 'Chain');
    // the tests still fail only as before; the lint step, which passed, now fails
    writeFiles(dir, { 'src/math.js': MATH.replace('exports.add =', 'var unused = 1;\nexports.add =') });
    const blocked = await stop(dir);
    expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
    expect(blocked.reason).toMatch(/a step of its script that passed then fails now \(step 1\)/);
    expect(blocked.reason).toMatch(/no var here/);
    writeFiles(dir, { 'src/math.js': MATH.replace('(a, b) => a + b', '(a, b) => b + a') });
    expect((await stop(dir)).decision).toBeUndefined();
  });

  it.skipIf(absent('pnpm'))(
    'pnpm -r: a package after one that already fails still runs, and its new failure blocks',
    { timeout: 300_000 },
    async () => {
      const pkg = (name: string, test: string): Record<string, string> => ({
        [`packages/${name}/package.json`]: json({ name, version: '1.0.0', scripts: { test: 'node --test test/' } }),
        [`packages/${name}/test/${name}.test.js`]: test,
      });
      const ok = (what: string, expr: string): string =>
        lines(
          "const test = require('node:test');",
          "const assert = require('node:assert');",
          `test('${what}', () => assert.ok(${expr}));`,
        );
      const dir = createTempRepo({
        files: {
          'package.json': json({ name: 'root', private: true, scripts: { test: 'pnpm -r run test' } }),
          'pnpm-workspace.yaml': lines('packages:', "  - 'packages/*'"),
          ...pkg('a', ok('was failing before the session', "require('../lib.js').one === 2")),
          'packages/a/lib.js': lines('exports.one = 1;'),
          ...pkg('b', ok('greets', "require('../lib.js').greet() === 'hi'")),
          'packages/b/lib.js': lines("exports.greet = () => 'hi';"),
          '.claude/csm.json': QUIET,
        },
      });
      const started = await csmJson<{ baseline: { name: string; status: string }[] }>(dir, 'start', 'Workspace');
      expect(started.baseline.find((g) => g.name === 'test')?.status).toBe('fail');
      writeFiles(dir, { 'packages/b/lib.js': lines("exports.greet = () => 'hello';") });
      const blocked = await stop(dir);
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/greets/);
    },
  );

  it.skipIf(absent('go', 'version') || absent('gofmt', '-h'))(
    'a CI that checks `go fmt ./...`: a file the session left unformatted blocks',
    { timeout: 300_000 },
    async () => {
      const dir = createTempRepo({
        files: {
          'go.mod': lines('module example.com/fmtci', '', 'go 1.19'),
          'calc/calc.go': lines('package calc', '', 'func Add(a, b int) int {', '\treturn a + b', '}'),
          'calc/calc_test.go': lines(
            'package calc',
            '',
            'import "testing"',
            '',
            'func TestAdd(t *testing.T) {',
            '\tif Add(1, 2) != 3 {',
            '\t\tt.Fatal("add")',
            '\t}',
            '}',
          ),
          '.github/workflows/ci.yml': lines(
            'on: push',
            'jobs:',
            '  fmt:',
            '    runs-on: ubuntu-latest',
            '    steps:',
            '      - run: |',
            '          files=$(go fmt ./...)',
            '          if [ -n "$files" ]; then exit 1; fi',
          ),
          '.claude/csm.json': QUIET,
        },
      });
      const started = await csmJson<{ baseline: { name: string; status: string }[] }>(dir, 'start', 'Format');
      expect(started.baseline.map((b) => b.name)).toContain('format');
      writeFiles(dir, { 'calc/calc.go': lines('package calc', '', 'func Add(a, b int) int {', '  return a+b', '}') });
      const blocked = await stop(dir);
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/calc\/calc\.go/);
    },
  );
});
