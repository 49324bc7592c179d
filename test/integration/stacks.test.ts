/**
 * One fixture project per stack (issue 14): npm + vitest (with eslint inside `test`), jest, a pnpm
 * workspace, pytest, cargo and go — each with a test that already fails before the session. The
 * built CLI and Stop hook against the real runners: the baseline names the old failure; a correct
 * change is not blocked and the old failure is reported as such; a regression blocks with the new
 * failing test named at its file:line (and not the old one); the revert releases; no check is a
 * gate twice. (node:test: stop-baseline.test.ts; formatters: host-checks.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csm, csmJson, PROJECT_ROOT, readLedger, runHook, writeFiles } from './support/temp-repo.ts';

const SESSION = '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const lines = (...l: string[]): string => `${l.join('\n')}\n`;
/** The test runner's own variables would make a nested vitest or jest think it is a worker. */
const ENV = Object.fromEntries(
  Object.keys(process.env)
    .filter((k) => /^(VITEST|JEST_|TEST$|NODE_ENV$)/.test(k))
    .map((k) => [k, undefined]),
);
const OPTS = {
  env: { ...ENV, CARGO_NET_OFFLINE: 'true', GOPROXY: 'off', GOFLAGS: '-mod=mod', RUST_BACKTRACE: '0' },
  timeoutMs: 180_000,
};
const CONFIG = json({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } });

interface Stack {
  name: string;
  /** The tool the stack needs here, or null when it is bundled with csm's dev dependencies. */
  needs: string | null;
  files: Record<string, string>;
  /** The project's own node_modules: csm's, which holds vitest, jest and eslint. */
  nodeModules?: boolean;
  gates: string[];
  harmless: Record<string, string>;
  regress: Record<string, string>;
  revert: Record<string, string>;
  /** The new failure: its name and location as the reason gives them. */
  broken: RegExp;
  at: RegExp;
  /** The failure that was there before the session. */
  old: RegExp;
  /** What Stop runs of the tests, when it narrows them. */
  scope?: RegExp;
}

const MATH_JS = lines(
  'export const add = (a, b) => a + b;',
  'export const sub = (a, b) => a - b;',
  'export const round2 = (x) => Math.floor(x * 100) / 100;',
);
const MATH_CJS = lines(
  'exports.add = (a, b) => a + b;',
  'exports.sub = (a, b) => a - b;',
  'exports.round2 = (x) => Math.floor(x * 100) / 100;',
);
const CORE = lines('exports.double = (n) => n * 2;', 'exports.legacy = (n) => Math.round(n);');
const PRICING = lines(
  'def total(items):',
  '    return sum(items)',
  '',
  '',
  'def discount(price, pct):',
  '    return price * (100 - pct) / 100',
);
const LIB_RS = (hamming: string): string =>
  lines(
    'pub fn common_prefix(a: &str, b: &str) -> usize {',
    '    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()',
    '}',
    '',
    'pub fn hamming(a: &str, b: &str) -> Option<usize> {',
    '    if a.len() != b.len() {',
    '        return None;',
    '    }',
    `    Some(a.chars().zip(b.chars()).filter(|(x, y)| x != y).count()${hamming})`,
    '}',
    '',
    '#[cfg(test)]',
    'mod tests {',
    '    use super::*;',
    '',
    '    #[test]',
    '    fn prefix() {',
    '        assert_eq!(common_prefix("karolin", "karma"), 3);',
    '    }',
    '',
    '    #[test]',
    '    fn hamming_distance() {',
    '        assert_eq!(hamming("karolin", "kathrin"), Some(3));',
    '    }',
    '',
    '    #[test]',
    '    fn legacy_byte_length() {',
    '        assert_eq!("é".len(), 1);',
    '    }',
    '}',
  );
const CONV_GO = (f: string): string =>
  lines(
    'package conv',
    '',
    `func CToF(c float64) float64 { return ${f} }`,
    '',
    'func KmToMiles(km float64) float64 { return km * 0.621371 }',
  );

const STACKS: Stack[] = [
  {
    name: 'npm + vitest, eslint inside test',
    needs: null,
    nodeModules: true,
    files: {
      'package.json': json({
        name: 'calc',
        private: true,
        type: 'module',
        scripts: { test: 'eslint src && vitest run', lint: 'eslint src' },
      }),
      'eslint.config.js': lines("export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }];"),
      'vitest.config.js': lines("export default { cacheDir: '.vitest-cache' };"),
      'src/math.js': MATH_JS,
      'src/names.js': lines('export const shout = (s) => s.toUpperCase();'),
      'test/math.test.js': lines(
        "import { expect, it } from 'vitest';",
        "import { add, round2, sub } from '../src/math.js';",
        "it('adds', () => expect(add(2, 3)).toBe(5));",
        "it('subtracts', () => expect(sub(5, 3)).toBe(2));",
        "it('rounds half up', () => expect(round2(2.345)).toBe(2.35));",
      ),
      'test/names.test.js': lines(
        "import { expect, it } from 'vitest';",
        "import { shout } from '../src/names.js';",
        "it('shouts', () => expect(shout('a')).toBe('A'));",
      ),
      '.gitignore': lines('node_modules', '.vitest-cache'),
    },
    gates: ['test'],
    harmless: { 'src/math.js': `${MATH_JS}export const mul = (a, b) => a * b;\n` },
    regress: { 'src/math.js': `${MATH_JS.replace('a - b', 'a + b')}export const mul = (a, b) => a * b;\n` },
    revert: { 'src/math.js': `${MATH_JS}export const mul = (a, b) => a * b;\n` },
    broken: /✗ test\/math\.test\.js > subtracts/,
    at: /test\/math\.test\.js:4:\d+/,
    old: /rounds half up/,
    scope: /vitest related src\/math\.js/,
  },
  {
    name: 'jest',
    needs: null,
    nodeModules: true,
    files: {
      'package.json': json({
        name: 'calc',
        private: true,
        scripts: { test: 'jest' },
        jest: { testEnvironment: 'node', cacheDirectory: '.jest-cache' },
      }),
      'src/math.js': MATH_CJS,
      '__tests__/math.test.js': lines(
        "const { add, sub, round2 } = require('../src/math');",
        "test('adds', () => expect(add(2, 3)).toBe(5));",
        "test('subtracts', () => expect(sub(5, 3)).toBe(2));",
        "test('rounds half up', () => expect(round2(2.345)).toBe(2.35));",
      ),
      '.gitignore': lines('node_modules', '.jest-cache'),
    },
    gates: ['test'],
    harmless: { 'src/math.js': `${MATH_CJS}exports.mul = (a, b) => a * b;\n` },
    regress: { 'src/math.js': `${MATH_CJS.replace('a - b', 'a + b')}exports.mul = (a, b) => a * b;\n` },
    revert: { 'src/math.js': `${MATH_CJS}exports.mul = (a, b) => a * b;\n` },
    broken: /✗ __tests__\/math\.test\.js > subtracts/,
    at: /__tests__\/math\.test\.js:3:\d+/,
    old: /rounds half up/,
    scope: /jest --findRelatedTests src\/math\.js/,
  },
  {
    name: 'pnpm workspace',
    needs: 'pnpm',
    files: {
      'package.json': json({ name: 'mono', private: true, scripts: { test: 'pnpm -r test' } }),
      'pnpm-workspace.yaml': lines('packages:', "  - 'packages/*'"),
      'packages/core/package.json': json({ name: '@w/core', scripts: { test: 'node --test' } }),
      'packages/core/index.js': CORE,
      'packages/core/test/core.test.js': lines(
        "const { test } = require('node:test');",
        "const assert = require('node:assert/strict');",
        "const { double, legacy } = require('..');",
        "test('double', () => assert.equal(double(2), 4));",
        "test('legacy rounding', () => assert.equal(legacy(2.5), 2));",
      ),
      'packages/app/package.json': json({
        name: '@w/app',
        dependencies: { '@w/core': 'workspace:*' },
        scripts: { test: 'node --test' },
      }),
      'packages/app/index.js': lines(
        "const { double } = require('../core');",
        'exports.quad = (n) => double(double(n));',
      ),
      'packages/app/test/app.test.js': lines(
        "const { test } = require('node:test');",
        "const assert = require('node:assert/strict');",
        "test('quad', () => assert.equal(require('..').quad(2), 8));",
      ),
      'packages/extra/package.json': json({ name: '@w/extra', scripts: { test: 'node --test' } }),
      'packages/extra/test/extra.test.js': lines("const { test } = require('node:test');", "test('extra', () => {});"),
    },
    gates: ['test'],
    harmless: { 'packages/core/index.js': `${CORE}exports.triple = (n) => n * 3;\n` },
    regress: { 'packages/core/index.js': `${CORE.replace('n * 2', 'n * 3')}exports.triple = (n) => n * 3;\n` },
    revert: { 'packages/core/index.js': `${CORE}exports.triple = (n) => n * 3;\n` },
    broken: /✗ double \(packages\/core\/test\/core\.test\.js:4:1\)/,
    // pnpm -r would stop at the first package that fails (core): run with --no-bail, app's test runs too
    at: /2 failures are new this session \(1 failed before it\)[^]*✗ quad \(packages\/app\/test\/app\.test\.js:3:1\)/,
    old: /legacy rounding/,
    scope: /test in @w\/app, @w\/core/,
  },
  {
    // dayjs-like: a step that fails in this environment comes first and would stop the chain before the tests
    name: 'npm chain, a step failing in this environment first',
    needs: null,
    files: {
      'package.json': json({
        name: 'chain',
        version: '1.0.0',
        private: true,
        scripts: { test: 'node check-tz.js && node --test test/' },
      }),
      'check-tz.js': lines(
        "if (process.env.TZ !== 'Europe/Paris') {",
        "  console.error('needs the Europe/Paris time zone, got ' + process.env.TZ);",
        '  process.exit(1);',
        '}',
      ),
      'src/math.js': MATH_CJS,
      'test/math.test.js': lines(
        "const { test } = require('node:test');",
        "const assert = require('node:assert/strict');",
        "const { add, sub } = require('../src/math.js');",
        "test('adds', () => assert.equal(add(2, 3), 5));",
        "test('subtracts', () => assert.equal(sub(5, 3), 2));",
      ),
    },
    gates: ['test'],
    harmless: { 'src/math.js': `${MATH_CJS}exports.mul = (a, b) => a * b;\n` },
    regress: { 'src/math.js': `${MATH_CJS.replace('a - b', 'a + b')}exports.mul = (a, b) => a * b;\n` },
    revert: { 'src/math.js': `${MATH_CJS}exports.mul = (a, b) => a * b;\n` },
    broken: /✗ subtracts \(test\/math\.test\.js:5:1\)/,
    at: /every step of its script ran/,
    old: /needs the Europe\/Paris time zone/,
    scope: /node --test test\/math\.test\.js/,
  },
  {
    name: 'pytest',
    needs: 'pytest',
    files: {
      'pyproject.toml': lines('[tool.pytest.ini_options]', 'pythonpath = ["src"]'),
      'src/shop/__init__.py': '',
      'src/shop/pricing.py': PRICING,
      'src/shop/names.py': lines('def shout(s):', '    return s.upper()'),
      'tests/test_pricing.py': lines(
        'from shop.pricing import discount, total',
        '',
        '',
        'def test_total():',
        '    assert total([1, 2]) == 3',
        '',
        '',
        'def test_discount():',
        '    assert discount(200, 10) == 180',
        '',
        '',
        'def test_legacy_rounding():',
        '    assert round(2.675, 2) == 2.68',
      ),
      'tests/test_names.py': lines(
        'from shop.names import shout',
        '',
        '',
        'def test_shout():',
        '    assert shout("a") == "A"',
      ),
      '.gitignore': lines('__pycache__/', '.pytest_cache/'),
    },
    gates: ['test'],
    harmless: { 'src/shop/pricing.py': `${PRICING}\n\ndef free(price):\n    return 0\n` },
    regress: { 'src/shop/pricing.py': `${PRICING.replace('(100 - pct)', 'pct')}\n\ndef free(price):\n    return 0\n` },
    revert: { 'src/shop/pricing.py': `${PRICING}\n\ndef free(price):\n    return 0\n` },
    broken: /✗ tests\/test_pricing\.py::test_discount/,
    at: /tests\/test_pricing\.py:9/,
    old: /test_legacy_rounding/,
    scope: /pytest tests\/test_pricing\.py/,
  },
  {
    name: 'cargo',
    needs: 'cargo',
    files: {
      'Cargo.toml': lines('[package]', 'name = "strs"', 'version = "0.1.0"', 'edition = "2021"'),
      'src/lib.rs': LIB_RS(''),
      '.gitignore': lines('target/'),
    },
    gates: ['test'],
    harmless: { 'src/lib.rs': `${LIB_RS('')}\npub fn empty(s: &str) -> bool {\n    s.is_empty()\n}\n` },
    regress: { 'src/lib.rs': `${LIB_RS(' + 1')}\npub fn empty(s: &str) -> bool {\n    s.is_empty()\n}\n` },
    revert: { 'src/lib.rs': `${LIB_RS('')}\npub fn empty(s: &str) -> bool {\n    s.is_empty()\n}\n` },
    broken: /✗ tests::hamming_distance/,
    at: /src\/lib\.rs:23:\d+/,
    old: /legacy_byte_length/,
  },
  {
    name: 'go',
    needs: 'go',
    files: {
      'go.mod': lines('module example.com/units', '', 'go 1.19'),
      'conv/conv.go': CONV_GO('c*9/5 + 32'),
      'conv/conv_test.go': lines(
        'package conv',
        '',
        'import "testing"',
        '',
        'func TestCToF(t *testing.T) {',
        '\tif got := CToF(100); got != 212 {',
        '\t\tt.Errorf("CToF(100) = %v, want 212", got)',
        '\t}',
        '}',
        '',
        'func TestLegacyMiles(t *testing.T) {',
        '\tif got := KmToMiles(1); got != 0.62 {',
        '\t\tt.Errorf("KmToMiles(1) = %v, want 0.62", got)',
        '\t}',
        '}',
      ),
      'names/names.go': lines(
        'package names',
        '',
        'import "strings"',
        '',
        'func Shout(s string) string { return strings.ToUpper(s) }',
      ),
      'names/names_test.go': lines(
        'package names',
        '',
        'import "testing"',
        '',
        'func TestShout(t *testing.T) {',
        '\tif Shout("a") != "A" {',
        '\t\tt.Fail()',
        '\t}',
        '}',
      ),
    },
    gates: ['vet', 'test'],
    harmless: { 'conv/conv.go': `${CONV_GO('c*9/5 + 32')}\nfunc Zero() float64 { return 0 }\n` },
    regress: { 'conv/conv.go': `${CONV_GO('c*9/5 + 31')}\nfunc Zero() float64 { return 0 }\n` },
    revert: { 'conv/conv.go': `${CONV_GO('c*9/5 + 32')}\nfunc Zero() float64 { return 0 }\n` },
    broken: /✗ .*TestCToF/,
    at: /conv_test\.go:7/,
    old: /TestLegacyMiles/,
    scope: /go test \.\/conv/,
  },
];

const has = (tool: string): boolean =>
  spawnSync(tool, [tool === 'go' ? 'version' : '--version'], { encoding: 'utf8' }).status === 0;

const stop = async (dir: string): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const r = await runHook(
    'stop',
    {
      session_id: SESSION,
      transcript_path: path.join(dir, '.t.jsonl'),
      cwd: dir,
      hook_event_name: 'Stop',
      stop_hook_active: false,
    },
    OPTS,
  );
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

describe.each(STACKS)('$name', (s) => {
  const missing = s.needs !== null && !has(s.needs);
  it.skipIf(missing)(
    `the old failure is reported, not blocking; a regression blocks naming it; the revert releases${missing ? ` (skipped: ${s.needs} is not installed; .ci/run installs it)` : ''}`,
    { timeout: 300_000 },
    async () => {
      const dir = createTempRepo({ files: { ...s.files, '.claude/csm.json': CONFIG } });
      if (s.nodeModules) fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));

      const listed = await csmJson<{ gates: { name: string; command: string | null }[] }>(dir, 'gates', '--list', OPTS);
      expect(listed.gates.filter((g) => g.command !== null).map((g) => g.name)).toEqual(s.gates);

      const start = await csm(dir, 'start', 'Trial', '--json', OPTS);
      expect(start.code, start.stderr).toBe(0);
      const started = JSON.parse(start.stdout) as { baseline: { name: string; status: string; summary: string }[] };
      // a baseline can take a minute: csm says what it runs, and each result as it comes, on stderr
      expect(start.stderr).toMatch(/^csm: baseline — running (?:.+, )?test \(.+\) once before any change…$/m);
      expect(start.stderr).toMatch(/^csm: {3}test: fail in \d+\.\d s$/m);
      const test = started.baseline.find((g) => g.name === 'test');
      expect(test?.status, JSON.stringify(started.baseline)).toBe('fail');
      expect(test?.summary).toMatch(s.old);

      writeFiles(dir, s.harmless);
      const ok = await stop(dir);
      expect(ok.decision, ok.reason).toBeUndefined();
      expect(ok.systemMessage).toMatch(/test failing since before this session/);

      writeFiles(dir, s.regress);
      const blocked = await stop(dir);
      expect(blocked.decision).toBe('block');
      expect(blocked.reason).toMatch(s.broken);
      expect(blocked.reason).toMatch(s.at);
      expect(blocked.reason).not.toMatch(new RegExp(`✗ .*${s.old.source}`));
      if (s.scope) expect(blocked.reason).toMatch(s.scope);
      expect(blocked.reason?.length).toBeLessThan(4000);
      // the printed re-run command works from the root, where Claude stands: it runs the failing tests, which fail
      const rerun = /^\s*re-run the failing tests: (.+?)(?: {3}\(the first \d+ of \d+\))?$/m.exec(
        blocked.reason ?? '',
      )?.[1];
      if (rerun) {
        const again = spawnSync('sh', ['-c', rerun], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, ...OPTS.env, CI: 'true' } as NodeJS.ProcessEnv,
          timeout: 180_000,
        });
        const said = `${again.stdout}${again.stderr}`;
        expect(again.status, `${rerun}\n${said.slice(-1500)}`).not.toBe(0);
        expect(said, rerun).not.toMatch(
          /command not found|No test files found|collected 0 items|no tests ran|Couldn't find any matching tests/i,
        );
        console.log(`stacks: ${s.name}: the printed re-run \`${rerun}\` exited ${again.status}`);
      } else console.log(`stacks: ${s.name}: no re-run command printed`);

      writeFiles(dir, s.revert);
      const released = await stop(dir);
      expect(released.decision, released.reason).toBeUndefined();
      // every Stop ran each gate once
      for (const run of readLedger(dir).filter((e) => e.type === 'gate.run')) {
        const names = run.results.map((r: { name: string }) => r.name);
        expect(new Set(names).size).toBe(names.length);
      }
    },
  );
});
