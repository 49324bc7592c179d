/**
 * Stop narrows mocha, ava, unittest and cargo workspaces as it does vitest, jest, node:test,
 * pytest and go (issue 25 §2): the test files (modules, crates) that reach the changed file run,
 * the others do not, and a failure from before the session is still told from a new one — ava
 * names a test otherwise when fewer files run. Built CLI and Stop hook, the real runners.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, PROJECT_ROOT, readLedger, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const absent = (tool: string, arg = '--version'): boolean => spawnSync(tool, [arg], { encoding: 'utf8' }).status !== 0;
const noPython = absent('python3');
const noCargo = absent('cargo');
const QUIET = `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`;

type StopOut = { decision?: string; reason?: string; systemMessage?: string };
const stop = async (dir: string): Promise<StopOut> => {
  const payload = {
    session_id: 'narrow',
    transcript_path: path.join(dir, '.t.jsonl'),
    cwd: dir,
    hook_event_name: 'Stop',
    stop_hook_active: false,
  };
  const r = await runHook('stop', payload, { timeoutMs: 300_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as StopOut) : {};
};
/** The command the last Stop ran for the test gate, from its `scope` line in the ledger. */
const lastScope = (dir: string): string => {
  const run = readLedger(dir)
    .filter((e) => e.type === 'gate.run')
    .at(-1);
  return JSON.stringify(run?.results?.find((r: { name: string }) => r.name === 'test')?.summary ?? '');
};
const withModules = (dir: string): void =>
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));

const MONEY = lines('exports.cents = (n) => Math.round(n * 100);');
const CART = lines(
  "const { cents } = require('./money.js');",
  'exports.total = (xs) => xs.reduce((s, x) => s + cents(x), 0);',
);

describe('Stop narrows the file runners', () => {
  it('mocha: runs the specs that load the changed file, through other modules; blocks on what it broke', {
    timeout: 300_000,
  }, async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'm', private: true, scripts: { test: 'mocha --reporter spec' } })}\n`,
        'lib/money.js': MONEY,
        'lib/cart.js': CART,
        'lib/words.js': lines('exports.up = (s) => s.toUpperCase();'),
        'test/cart.js': lines(
          "const assert = require('assert');",
          "const { total } = require('../lib/cart.js');",
          "it('totals', () => assert.strictEqual(total([1, 2.5]), 350));",
        ),
        'test/words.js': lines(
          "const assert = require('assert');",
          "const { up } = require('../lib/words.js');",
          "it('shouts', () => assert.strictEqual(up('a'), 'A'));",
          "it('was failing already', () => assert.strictEqual(up('b'), 'b'));",
        ),
        '.gitignore': lines('node_modules'),
        '.claude/csm.json': QUIET,
      },
    });
    withModules(dir);
    await csmJson(dir, 'start', 'Money');
    writeFiles(dir, { 'lib/money.js': MONEY.replace('* 100', '* 10') });
    const blocked = await stop(dir);
    expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
    expect(blocked.reason).toMatch(/totals/);
    expect(blocked.reason).toMatch(/mocha test\/cart\.js/);
    expect(blocked.reason).not.toMatch(/was failing already/);

    writeFiles(dir, { 'lib/money.js': MONEY });
    expect((await stop(dir)).decision).toBeUndefined();
  });

  it('ava: a one-file run names its tests without the file; a failure from before is still known as such', {
    timeout: 300_000,
  }, async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'a', private: true, scripts: { test: 'ava' } })}\n`,
        'lib/money.js': MONEY,
        'lib/words.js': lines('exports.up = (s) => s.toUpperCase();'),
        'test/money.js': lines(
          "const test = require('ava');",
          "const { cents } = require('../lib/money.js');",
          "test('cents', (t) => t.is(cents(1.5), 150));",
          "test('was failing already', (t) => t.is(cents(1), 1));",
        ),
        'test/words.js': lines(
          "const test = require('ava');",
          "const { up } = require('../lib/words.js');",
          "test('shouts', (t) => t.is(up('a'), 'A'));",
        ),
        '.gitignore': lines('node_modules'),
        '.claude/csm.json': QUIET,
      },
    });
    withModules(dir);
    await csmJson(dir, 'start', 'Money');
    // a harmless change: only test/money.js runs, the old failure alone fails, and is not new
    writeFiles(dir, { 'lib/money.js': MONEY.replace('(n) =>', '(n /* amount */) =>') });
    const calm = await stop(dir);
    expect(calm.decision, calm.reason).toBeUndefined();
    expect(lastScope(dir)).toMatch(/ava test\/money\.js/);

    writeFiles(dir, { 'lib/money.js': MONEY.replace('* 100', '* 10') });
    const blocked = await stop(dir);
    expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
    expect(blocked.reason).toMatch(/money › cents/);
    expect(blocked.reason).toMatch(/1 failure is new/);
  });
});

describe('Stop narrows unittest discovery and cargo workspaces', () => {
  it.skipIf(noPython)(
    'unittest discover -s tests: the modules that import the changed one, found as discovery finds them',
    { timeout: 300_000 },
    async () => {
      const dir = createTempRepo({
        files: {
          'shop/__init__.py': '',
          'shop/money.py': lines('def cents(n):', '    return round(n * 100)'),
          'shop/cart.py': lines(
            'from shop.money import cents',
            '',
            '',
            'def total(xs):',
            '    return sum(cents(x) for x in xs)',
          ),
          'shop/words.py': lines('def up(s):', '    return s.upper()'),
          'tests/test_cart.py': lines(
            'import unittest',
            'from shop.cart import total',
            '',
            '',
            'class CartTest(unittest.TestCase):',
            '    def test_total(self):',
            '        self.assertEqual(total([1, 2.5]), 350)',
          ),
          'tests/test_words.py': lines(
            'import unittest',
            'from shop.words import up',
            '',
            '',
            'class WordsTest(unittest.TestCase):',
            '    def test_up(self):',
            "        self.assertEqual(up('a'), 'A')",
          ),
          '.gitignore': lines('__pycache__/'),
          '.claude/csm.json': QUIET,
        },
      });
      await csmJson(dir, 'start', 'Money');
      writeFiles(dir, { 'shop/money.py': lines('def cents(n):', '    return round(n * 10)') });
      const blocked = await stop(dir);
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/test_total/);
      expect(blocked.reason).toMatch(/unittest test_cart/);
      expect(blocked.reason).not.toMatch(/test_words/);
    },
  );

  it.skipIf(noCargo)(
    'cargo test: the changed crate and the members that depend on it, nothing else',
    { timeout: 600_000 },
    async () => {
      const crate = (name: string, deps: string, body: string): Record<string, string> => ({
        [`crates/${name}/Cargo.toml`]: lines(
          '[package]',
          `name = "${name}"`,
          'version = "0.1.0"',
          'edition = "2021"',
          '',
          '[dependencies]',
          deps,
        ),
        [`crates/${name}/src/lib.rs`]: body,
      });
      const dir = createTempRepo({
        files: {
          'Cargo.toml': lines('[workspace]', 'members = ["crates/*"]', 'resolver = "2"'),
          ...crate(
            'money',
            '',
            lines(
              'pub fn cents(n: u32) -> u32 { n * 100 }',
              '#[cfg(test)] mod t { #[test] fn cents() { assert_eq!(super::cents(2), 200); } }',
            ),
          ),
          ...crate(
            'cart',
            'money = { path = "../money" }',
            lines(
              'pub fn total(xs: &[u32]) -> u32 { xs.iter().map(|x| money::cents(*x)).sum() }',
              '#[cfg(test)] mod t { #[test] fn total() { assert_eq!(super::total(&[1, 2]), 300); } }',
            ),
          ),
          ...crate(
            'words',
            '',
            lines(
              'pub fn up(s: &str) -> String { s.to_uppercase() }',
              '#[cfg(test)] mod t { #[test] fn up() { assert_eq!(super::up("a"), "A"); } }',
            ),
          ),
          '.gitignore': lines('target/'),
          '.claude/csm.json': QUIET,
        },
      });
      spawnSync('cargo', ['generate-lockfile', '--offline'], { cwd: dir });
      spawnSync('git', ['add', 'Cargo.lock'], { cwd: dir });
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'lock'], { cwd: dir });
      await csmJson(dir, 'start', 'Money');
      writeFiles(dir, {
        'crates/money/src/lib.rs': lines(
          'pub fn cents(n: u32) -> u32 { n * 10 }',
          '#[cfg(test)] mod t { #[test] fn cents() { assert_eq!(super::cents(2), 200); } }',
        ),
      });
      const blocked = await stop(dir);
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/cargo test on cart, money/);
      expect(blocked.reason).not.toMatch(/words/);
    },
  );
});
