/**
 * Stop's narrowing is sound (issue 25 §1): a test is run when it reaches a changed file through
 * imports, transitively, or the whole suite runs. The pytest case: `pkg/core.py` is
 * reached by `tests/test_api.py` only through `pkg/api/__init__.py`; a change that breaks only
 * that test must block. Built CLI and Stop hook, real pytest in a real git repo.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, readLedger, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const absent = (tool: string, arg = '--version'): boolean => spawnSync(tool, [arg], { encoding: 'utf8' }).status !== 0;
const missing = absent('pytest');
const noGo = absent('go', 'version');

const CORE = lines(
  'def scale(n, by):',
  '    return n * by',
  '',
  '',
  'def clamp(n, lo, hi):',
  '    return max(lo, min(n, hi))',
);

const stop = async (dir: string): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const payload = {
    session_id: 'narrowing',
    transcript_path: path.join(dir, '.t.jsonl'),
    cwd: dir,
    hook_event_name: 'Stop',
    stop_hook_active: false,
  };
  const r = await runHook('stop', payload, { timeoutMs: 180_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

describe('Stop narrows pytest only as far as imports show', () => {
  it.skipIf(missing)(
    `a change reached only through a package __init__ blocks on the test it breaks${missing ? ' (skipped: pytest is not installed; .ci/run installs it)' : ''}`,
    { timeout: 300_000 },
    async () => {
      const dir = createTempRepo({
        files: {
          'pyproject.toml': lines('[tool.pytest.ini_options]', 'testpaths = ["tests"]', 'pythonpath = ["."]'),
          'pkg/__init__.py': '',
          'pkg/core.py': CORE,
          'pkg/api/__init__.py': lines(
            'from ..core import clamp',
            '',
            '',
            'def percent(n):',
            '    return clamp(n, 0, 100)',
          ),
          'pkg/names.py': lines('def shout(s):', '    return s.upper()'),
          'tests/test_core.py': lines(
            'from pkg.core import scale',
            '',
            '',
            'def test_scale():',
            '    assert scale(2, 3) == 6',
          ),
          'tests/test_api.py': lines(
            'from pkg.api import percent',
            '',
            '',
            'def test_percent_caps():',
            '    assert percent(150) == 100',
          ),
          'tests/test_names.py': lines(
            'from pkg.names import shout',
            '',
            '',
            'def test_shout():',
            '    assert shout("a") == "A"',
          ),
          '.gitignore': lines('__pycache__/', '.pytest_cache/'),
          '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
        },
      });
      const started = await csmJson<{ baseline: { name: string; status: string }[] }>(dir, 'start', 'Tune the core');
      expect(started.baseline).toEqual([expect.objectContaining({ name: 'test', status: 'pass' })]);

      // clamp broken: only tests/test_api.py fails, and it never names pkg.core
      writeFiles(dir, { 'pkg/core.py': CORE.replace('max(lo, min(n, hi))', 'max(lo, n)') });
      const blocked = await stop(dir);
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/test_percent_caps/);
      const runs = readLedger(dir).filter((e) => e.type === 'gate.run');
      const scopes = JSON.stringify(runs.at(-1));
      // narrowed, but to both tests that reach pkg/core.py, and not to the one that does not
      expect(scopes).toMatch(/tests\/test_api\.py/);
      expect(scopes).toMatch(/tests\/test_core\.py/);
      expect(scopes).not.toMatch(/tests\/test_names\.py/);

      writeFiles(dir, { 'pkg/core.py': CORE });
      const back = await stop(dir);
      expect(back.decision, back.reason).toBeUndefined();
    },
  );
});

describe('Stop narrows go test only as far as imports show', () => {
  it.skipIf(noGo)(
    `a change to a package blocks on the tests of a package that imports it${noGo ? ' (skipped: go is not installed; .ci/run installs it)' : ''}`,
    { timeout: 300_000 },
    async () => {
      const dir = createTempRepo({
        files: {
          'go.mod': lines('module example.com/shop', '', 'go 1.19'),
          'money/money.go': lines('package money', '', 'func Cents(units int) int { return units * 100 }'),
          'money/money_test.go': lines(
            'package money',
            '',
            'import "testing"',
            '',
            'func TestCents(t *testing.T) {',
            '\tif Cents(0) != 0 {',
            '\t\tt.Fatal("zero")',
            '\t}',
            '}',
          ),
          'cart/cart.go': lines(
            'package cart',
            '',
            'import "example.com/shop/money"',
            '',
            'func Total(units ...int) int {',
            '\tt := 0',
            '\tfor _, u := range units {',
            '\t\tt += money.Cents(u)',
            '\t}',
            '\treturn t',
            '}',
          ),
          'cart/cart_test.go': lines(
            'package cart',
            '',
            'import "testing"',
            '',
            'func TestTotal(t *testing.T) {',
            '\tif got := Total(1, 2); got != 300 {',
            '\t\tt.Fatalf("Total(1, 2) = %d, want 300", got)',
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
            '\t\tt.Fatal("shout")',
            '\t}',
            '}',
          ),
          '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false }, gates: [{ name: 'test', command: 'go test ./...', timeout: 240 }] })}\n`,
        },
      });
      const env = { GOFLAGS: '-mod=mod', GOPROXY: 'off' };
      const started = await csmJson<{ baseline: { name: string; status: string }[] }>(dir, 'start', 'Round the money', {
        env,
      });
      expect(started.baseline).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'test', status: 'pass' })]),
      );

      // money's own test still passes; only cart's, which reaches money through its import, fails
      writeFiles(dir, {
        'money/money.go': lines('package money', '', 'func Cents(units int) int { return units * 10 }'),
      });
      const r = await runHook(
        'stop',
        {
          session_id: 'narrowing-go',
          transcript_path: path.join(dir, '.t.jsonl'),
          cwd: dir,
          hook_event_name: 'Stop',
          stop_hook_active: false,
        },
        { timeoutMs: 240_000, env },
      );
      const blocked = r.stdout.trim() ? (JSON.parse(r.stdout) as { decision?: string; reason?: string }) : {};
      expect(blocked.decision, r.stdout).toBe('block');
      expect(blocked.reason).toMatch(/TestTotal/);
      const last = JSON.stringify(
        readLedger(dir)
          .filter((e) => e.type === 'gate.run')
          .at(-1),
      );
      expect(last).toMatch(/\.\/cart/);
      expect(last).not.toMatch(/\.\/names/);
    },
  );
});
