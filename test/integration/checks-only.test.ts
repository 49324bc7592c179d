import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../support/check-commands.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('dist/hooks/checks-only.sh, the Bash hook filter', () => {
  it('starts the hook for a check and for nothing else, looking at the command and not at its output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-checks-only-'));
    try {
      const hook = path.join(dir, 'hook.mjs');
      fs.writeFileSync(
        hook,
        "import fs from 'node:fs'; const p = JSON.parse(fs.readFileSync(0, 'utf8')); process.stdout.write('node:' + p.tool_input.command);\n",
      );
      const run = (payload: object, env: Record<string, string> = {}) =>
        spawnSync('sh', [path.join(root, 'dist/hooks/checks-only.sh'), hook], {
          input: JSON.stringify(payload),
          encoding: 'utf8',
          env: { ...process.env, CSM_DISABLE: '', ...env },
        });
      const bash = (command: string, stdout = '') => ({
        session_id: 's',
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: { command },
        tool_response: { stdout, stderr: '', interrupted: false },
      });
      for (const c of CHECKS) expect(run(bash(c)).stdout, c).toBe(`node:${c}`);
      for (const c of [
        'ls -la',
        'git status',
        'git commit -m "$(cat <<\'EOF\'\nfix\nEOF\n)"',
        'cat README.md | head',
      ]) {
        const r = run(bash(c, 'test/ lint.ts build/ checks'));
        expect([r.status, r.stdout], c).toEqual([0, '']);
      }
      // the repository's path is not the command: a project under ~/build/test-app is no check run
      const inBuild = (command: string) => ({
        session_id: 's',
        transcript_path: '/home/u/.claude/projects/-home-u-build-test-app/s.jsonl',
        cwd: '/home/u/build/test-app',
        effort: { level: 'high' },
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: { command, description: 'List the files' },
        tool_response: { stdout: 'lint' },
        tool_use_id: 'toolu_1',
      });
      expect(run(inBuild('ls')).stdout).toBe('');
      expect(run(inBuild('npm run lint')).stdout).toBe('node:npm run lint');
      // a command holding the very text the cut looks for is still read whole
      expect(run(bash('echo \'},"tool_input":{"x":1}\' && npm test')).stdout).toContain('npm test');
      // PostToolUseFailure: no tool_response, the error text instead
      expect(
        run({
          hook_event_name: 'PostToolUseFailure',
          tool_name: 'Bash',
          tool_input: { command: 'npm test' },
          error: 'Exit code 1',
        }).stdout,
      ).toBe('node:npm test');
      // a payload laid out the other way round is tested whole: a needless start, never a lost record
      expect(run({ tool_response: { stdout: 'x' }, tool_input: { command: 'npm test' } }).stdout).toBe('node:npm test');
      expect(run(bash('npm test'), { CSM_DISABLE: '1' }).stdout).toBe('');
      expect(run(bash('npm test'), { CSM_DISABLE: 'true' }).stdout).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    }
  }, 60_000);

  it('reads only the head of a payload of megabytes, and streams it whole to the hook when the command is a check (issue 26 §8)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-checks-only-'));
    try {
      const hook = path.join(dir, 'hook.mjs');
      fs.writeFileSync(
        hook,
        "import fs from 'node:fs'; const t = fs.readFileSync(0, 'utf8'); process.stdout.write(`node:${t.length}:${JSON.parse(t).tool_input.command}`);\n",
      );
      // a hang guard only (the shell's pattern work on 10 MB once took half a minute); spawnSync kills it past 20 s
      const run = (input: string) =>
        spawnSync('sh', [path.join(root, 'dist/hooks/checks-only.sh'), hook], {
          input,
          encoding: 'utf8',
          timeout: 20_000,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, CSM_DISABLE: '' },
        });
      const big = 'x'.repeat(10 * 1024 * 1024);
      const noInput = run(JSON.stringify({ session_id: 's', tool_name: 'Bash', tool_response: { stdout: big } }));
      expect([noInput.status, noInput.signal, noInput.stdout]).toEqual([0, null, '']);
      const plain = run(
        JSON.stringify({
          session_id: 's',
          tool_name: 'Bash',
          tool_input: { command: 'ls' },
          tool_response: { stdout: big },
        }),
      );
      expect([plain.status, plain.signal, plain.stdout]).toEqual([0, null, '']);
      const payload = JSON.stringify({
        session_id: 's',
        tool_name: 'Bash',
        tool_input: { command: 'npm test' },
        tool_response: { stdout: big },
      });
      const check = run(payload);
      expect([check.status, check.stdout]).toEqual([0, `node:${payload.length}:npm test`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    }
  }, 120_000);
});
