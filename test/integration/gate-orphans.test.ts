/**
 * Gates die with Stop (issue 15 §5): when Claude Code ends the Stop hook while a gate runs — its
 * time limit (SIGTERM), an interrupt (SIGINT), a closed terminal (SIGHUP) — the gate's whole
 * process group ends too, instead of running on under PID 1. The built hook in a real repo.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, hookBundle, runHook, writeFiles } from './support/temp-repo.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await sleep(50);
  }
  return what();
}

describe.each(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'] as const)(
  'the Stop hook ended by %s while a gate runs',
  (signal) => {
    it("ends the gate's process group with it, and exits 0", async () => {
      const dir = createTempRepo({
        files: {
          // a gate that hangs, with a child of its own in the background
          '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false }, gates: [{ name: 'hang', command: 'sleep 300 & echo $! > bg.pid; wait', timeout: 300 }] })}\n`,
          'src/a.js': 'exports.a = 1;\n',
        },
      });
      await csmJson(dir, 'start', 'Orphans', '--no-baseline');
      writeFiles(dir, { 'src/a.js': 'exports.a = 2;\n' });
      const hook = spawn(process.execPath, [hookBundle('stop')], {
        cwd: dir,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, CLAUDE_PROJECT_DIR: dir },
      });
      hook.stdin.end(
        JSON.stringify({
          session_id: 's',
          transcript_path: path.join(dir, '.t'),
          cwd: dir,
          hook_event_name: 'Stop',
          stop_hook_active: false,
        }),
      );
      const exited = new Promise<number | null>((resolve) => hook.on('exit', (code) => resolve(code)));
      const pidFile = path.join(dir, 'bg.pid');
      expect(
        await until(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() !== '', 20_000),
        'the gate started',
      ).toBe(true);
      const gatePid = Number(fs.readFileSync(pidFile, 'utf8'));
      expect(alive(gatePid)).toBe(true);
      hook.kill(signal);
      // SIGKILL runs no handler: the exit status is the signal's, and the gate's watchdog ends the group within a second
      expect(await exited).toBe(signal === 'SIGKILL' ? null : 0);
      expect(await until(() => !alive(gatePid), 3000), `the gate's child (pid ${gatePid}) outlived the hook`).toBe(
        true,
      );
    }, 60_000);
  },
);

describe('a gate that timed out', () => {
  it('is not started again on the same files (every turn would wait its whole limit); a change runs it again', async () => {
    const dir = createTempRepo({
      files: {
        '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false }, gates: [{ name: 'hang', command: 'echo run >> runs.txt; sleep 30', timeout: 1 }] })}\n`,
        'src/a.js': 'exports.a = 1;\n',
        '.gitignore': 'runs.txt\n',
      },
    });
    await csmJson(dir, 'start', 'Hangs', '--no-baseline');
    const stop = async (): Promise<{ systemMessage?: string; decision?: string }> => {
      const r = await runHook('stop', {
        session_id: 's',
        transcript_path: path.join(dir, '.t'),
        cwd: dir,
        hook_event_name: 'Stop',
        stop_hook_active: false,
      });
      expect(r.code).toBe(0);
      return r.stdout.trim() ? JSON.parse(r.stdout) : {};
    };
    const runs = (): number => fs.readFileSync(path.join(dir, 'runs.txt'), 'utf8').split('\n').filter(Boolean).length;
    writeFiles(dir, { 'src/a.js': 'exports.a = 2;\n' });
    const first = await stop();
    expect(first.decision).toBeUndefined();
    expect(first.systemMessage).toMatch(/could not run hang \(timed out after/);
    expect(runs()).toBe(1);
    const again = await stop();
    expect(again.systemMessage).toMatch(
      /hang \(timed out at .* on these same files — not started again until they change/,
    );
    expect(runs()).toBe(1);
    writeFiles(dir, { 'src/a.js': 'exports.a = 3;\n' });
    await stop();
    expect(runs()).toBe(2);
  }, 60_000);
});
