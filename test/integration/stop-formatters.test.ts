/**
 * Formatter checks the project's CI runs (issue 25 §3, found on real repositories where a badly
 * formatted edit passed Stop): gofmt however CI wraps it, and a format script reached through a CI
 * matrix. They block on what the session made fail, never on files unformatted before it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const noGo = spawnSync('go', ['version']).status !== 0;

const stop = async (
  dir: string,
  id: string,
): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const r = await runHook(
    'stop',
    {
      session_id: id,
      transcript_path: path.join(dir, '.t.jsonl'),
      cwd: dir,
      hook_event_name: 'Stop',
      stop_hook_active: false,
    },
    { timeoutMs: 240_000, env: { GOFLAGS: '-mod=mod', GOPROXY: 'off' } },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

describe('a formatter check found in CI', () => {
  it.skipIf(noGo)(
    `gofmt in a diff <(gofmt -d .) step: blocks on a file the session left unformatted, not on one unformatted before${noGo ? ' (skipped: go is not installed)' : ''}`,
    { timeout: 300_000 },
    async () => {
      const dir = createTempRepo({
        files: {
          'go.mod': lines('module example.com/fmtcheck', '', 'go 1.19'),
          'calc/calc.go': lines('package calc', '', '// Double doubles.', 'func Double(n int) int { return n * 2 }'),
          // unformatted before the session
          'calc/legacy.go': lines('package calc', '', 'var   Legacy    = 1'),
          'calc/calc_test.go': lines(
            'package calc',
            '',
            'import "testing"',
            '',
            'func TestDouble(t *testing.T) {',
            '\tif Double(2) != 4 {',
            '\t\tt.Fatal("double")',
            '\t}',
            '}',
          ),
          '.github/workflows/ci.yml': lines(
            'on: push',
            'jobs:',
            '  test:',
            '    runs-on: ubuntu-latest',
            '    steps:',
            '      - run: go test ./...',
            '      - run: diff -u <(echo -n) <(gofmt -d .)',
          ),
          '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
        },
      });
      const started = await csmJson<{ baseline: { name: string; status: string; command: string }[] }>(
        dir,
        'start',
        'Format',
        { env: { GOFLAGS: '-mod=mod', GOPROXY: 'off' } },
      );
      expect(started.baseline).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'format', status: 'fail', command: expect.stringMatching(/^gofmt -l \./) }),
        ]),
      );

      // a well-formatted edit: the old unformatted file is no reason to block
      writeFiles(dir, {
        'calc/calc.go': lines(
          'package calc',
          '',
          '// Double doubles.',
          'func Double(n int) int { return n * 2 }',
          '',
          '// Triple triples.',
          'func Triple(n int) int { return n * 3 }',
        ),
      });
      const ok = await stop(dir, 'fmt-ok');
      expect(ok.decision, ok.reason).toBeUndefined();

      writeFiles(dir, {
        'calc/calc.go': lines(
          'package calc',
          '',
          '// Double doubles.',
          'func Double(n int) int { return n * 2 }',
          '',
          'func Triple( n int ) int {',
          'return n*3 }',
        ),
      });
      const blocked = await stop(dir, 'fmt-bad');
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/format in calc\/calc\.go/);
      expect(blocked.reason).not.toMatch(/✗ format in calc\/legacy\.go/);
    },
  );
});
