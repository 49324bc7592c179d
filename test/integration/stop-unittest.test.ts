/**
 * Stop on a Python project tested with the standard library's unittest (issue 25 §1, §3), as a
 * real trial found it: a Makefile `test` target running `python3 -m unittest`, one test failing
 * before the session. The output is read test by test (unittest's own ids, file:line, the diff),
 * so a session that fixes the old failure and breaks another test — the count stays 1 — blocks.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const noPython = spawnSync('python3', ['--version']).status !== 0;

const SLUG = lines(
  'def slug(s):',
  '    return s.strip().lower().replace(" ", "-")',
  '',
  '',
  'def title(s):',
  '    return s.strip().title()',
);
const TESTS = lines(
  'import unittest',
  '',
  'from text import slug, title',
  '',
  '',
  'class TextTest(unittest.TestCase):',
  '    def test_slug(self):',
  '        self.assertEqual(slug(" Hello World "), "hello-world")',
  '',
  '    def test_title(self):',
  '        self.assertEqual(title("ada lovelace"), "Ada Lovelace")',
  '',
  '    def test_known_bad(self):',
  '        self.assertEqual(slug("a b"), "a_b")',
);

const stop = async (
  dir: string,
  id: string,
): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const r = await runHook('stop', {
    session_id: id,
    transcript_path: path.join(dir, '.t.jsonl'),
    cwd: dir,
    hook_event_name: 'Stop',
    stop_hook_active: false,
  });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

describe('Stop on a unittest project with a failure from before the session', () => {
  it.skipIf(noPython)(
    'names the new failing test with its line and diff, blocks when one failure is swapped for another, and re-runs it as printed',
    async () => {
      const dir = createTempRepo({
        files: {
          makefile: lines('test:', '\tpython3 -m unittest'),
          'text.py': SLUG,
          'tests.py': TESTS,
          '.gitignore': lines('__pycache__/'),
          '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
        },
      });
      const started = await csmJson<{
        baseline: { name: string; status: string; command: string; failures?: { id: string }[] }[];
      }>(dir, 'start', 'Tidy the text helpers');
      expect(started.baseline).toEqual([
        expect.objectContaining({
          name: 'test',
          command: 'make test',
          status: 'fail',
          failures: [expect.objectContaining({ id: 'tests.TextTest.test_known_bad' })],
        }),
      ]);

      // the old failure fixed, a new one made: one failure before, one after
      writeFiles(dir, {
        'tests.py': TESTS.replace('"a_b"', '"a-b"'),
        'text.py': SLUG.replace('.title()', '.capitalize()'),
      });
      const blocked = await stop(dir, 'unittest-swap');
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/unittest: 1 of 3 tests failed/);
      expect(blocked.reason).toMatch(/✗ tests\.TextTest\.test_title \(tests\.py:11\)/);
      expect(blocked.reason).toMatch(/AssertionError: 'Ada lovelace' != 'Ada Lovelace'/);
      expect(blocked.reason).not.toMatch(/pytest/);
      const rerun = /re-run the failing tests: (.+)/.exec(blocked.reason ?? '')?.[1] ?? '';
      expect(rerun).toBe('python3 -m unittest tests.TextTest.test_title');
      const again = spawnSync('sh', ['-c', rerun], { cwd: dir, encoding: 'utf8' });
      expect(again.status, 'the printed re-run fails the same test from the repository root').toBe(1);
      expect(again.stderr).toMatch(/FAIL: test_title/);

      writeFiles(dir, { 'text.py': SLUG });
      const back = await stop(dir, 'unittest-back');
      expect(back.decision, back.reason).toBeUndefined();
    },
  );
});
