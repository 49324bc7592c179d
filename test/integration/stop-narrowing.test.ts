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
const missing = spawnSync('pytest', ['--version'], { encoding: 'utf8' }).status !== 0;

const CORE = lines('def scale(n, by):', '    return n * by', '', '', 'def clamp(n, lo, hi):', '    return max(lo, min(n, hi))');

const stop = async (dir: string): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const payload = { session_id: 'narrowing', transcript_path: path.join(dir, '.t.jsonl'), cwd: dir, hook_event_name: 'Stop', stop_hook_active: false };
  const r = await runHook('stop', payload, { timeoutMs: 180_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

describe('Stop narrows pytest only as far as imports show', () => {
  it.skipIf(missing)(`a change reached only through a package __init__ blocks on the test it breaks${missing ? ' (skipped: pytest is not installed; .ci/run installs it)' : ''}`, { timeout: 300_000 }, async () => {
    const dir = createTempRepo({
      files: {
        'pyproject.toml': lines('[tool.pytest.ini_options]', 'testpaths = ["tests"]', 'pythonpath = ["."]'),
        'pkg/__init__.py': '',
        'pkg/core.py': CORE,
        'pkg/api/__init__.py': lines('from ..core import clamp', '', '', 'def percent(n):', '    return clamp(n, 0, 100)'),
        'pkg/names.py': lines('def shout(s):', '    return s.upper()'),
        'tests/test_core.py': lines('from pkg.core import scale', '', '', 'def test_scale():', '    assert scale(2, 3) == 6'),
        'tests/test_api.py': lines('from pkg.api import percent', '', '', 'def test_percent_caps():', '    assert percent(150) == 100'),
        'tests/test_names.py': lines('from pkg.names import shout', '', '', 'def test_shout():', '    assert shout("a") == "A"'),
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
  });
});
