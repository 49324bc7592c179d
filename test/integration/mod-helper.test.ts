/**
 * `csm mod serve`, the helper csm's mod starts once per Claude Code session (issue 29): the BUILT
 * CLI as a real child process, reached over its unix socket as the mod reaches it. An edit is
 * recorded by the PostToolUse use case in that process (no process per edit); `/csm status`
 * answers through the CLI's own command; the pane's lines follow the session; it ends, its socket
 * removed, when Claude Code ends it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, createTempRepo, csmJson, editPayload, readLedger, writeFiles } from './support/temp-repo.ts';

const call = (socket: string, route: string, body: unknown): Promise<any> =>
  new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = http.request({ socketPath: socket, path: route, method: 'POST' }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    req.end(text);
  });

async function startHelper(dir: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, 'mod', 'serve'], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`helper exited ${code}`)));
  });
  const socket = (JSON.parse(first) as { listening: string }).listening;
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, socket, exited };
}

describe("the mod's helper (csm mod serve)", () => {
  it('records edits in-process, answers /csm without Claude, draws the pane, and ends when told to', async () => {
    const dir = createTempRepo({ files: { 'src/a.js': 'exports.a = 1;\n' } });
    await csmJson(dir, 'start', 'Try the mod', '--no-baseline');
    await csmJson(dir, 'task', 'add', 'Hot path', '--estimate', '10', '--criterion', 'a is 2');
    await csmJson(dir, 'task', 'start', 'task-1');
    const h = await startHelper(dir);
    expect(fs.statSync(h.socket).mode & 0o777).toBe(0o600);

    const pane = await call(h.socket, '/pane', { cwd: dir, percent: 12 });
    expect(pane.band).toBe('csm 001 ▶ task-1 Hot path · 0/1 · gates – · context 12% · hand-off at 70%, 85%');
    expect(pane.lines.map((l: { text: string }) => l.text)).toContain('  files: none recorded yet');

    expect((await call(h.socket, '/csm', { cwd: dir, args: 'gates' })).code).toBe(0);
    for (let i = 0; i < 20; i++) {
      writeFiles(dir, { [`src/f${i}.js`]: `exports.f = ${i};\n` });
      const answer = await call(h.socket, '/post-tool-use', { cwd: dir, input: editPayload(dir, `src/f${i}.js`) });
      expect(answer).toBeNull();
    }
    const edits = readLedger(dir).filter((e) => e.type === 'file.edited');
    expect(edits.map((e) => e.path)).toEqual(Array.from({ length: 20 }, (_, i) => `src/f${i}.js`));
    expect(new Set(edits.map((e) => e.task))).toEqual(new Set(['task-1']));
    const after = await call(h.socket, '/pane', { cwd: dir });
    expect(after.lines.map((l: { text: string }) => l.text).join('\n')).toMatch(/files: .*src\/f19\.js \(\+14\)/);

    const status = await call(h.socket, '/csm', { cwd: dir, args: 'status' });
    expect(status.code).toBe(0);
    expect(status.text).toContain('Session 001');
    // the gates ran before the 20 edits: status says their result does not cover them yet
    expect(status.text).toMatch(/Gates .*\(checked .*, before 20 later edits: csm gates checks them\)/);
    const done = await call(h.socket, '/csm', { cwd: dir, args: 'task done task-1 --force' });
    expect(done.code, done.text).toBe(0);
    expect((await call(h.socket, '/csm', { cwd: dir, args: 'start Another' })).code).toBe(2);
    const handoff = await call(h.socket, '/context', { cwd: dir, sessionId: 'c1', percent: 86 });
    expect(handoff).toEqual({ at: 85, written: true });

    h.child.kill('SIGTERM');
    expect(await h.exited).toBe(0);
    expect(fs.existsSync(path.dirname(h.socket))).toBe(false);
  });

  it('with CSM_DISABLE=1 takes no edit (the mod hands it on unmarked) and says csm is off in the pane', async () => {
    const dir = createTempRepo({ files: { 'src/a.js': 'exports.a = 1;\n' } });
    await csmJson(dir, 'start', 'Off', '--no-baseline');
    const h = await startHelper(dir, { CSM_DISABLE: '1' });
    writeFiles(dir, { 'src/b.js': 'exports.b = 1;\n' });
    expect(await call(h.socket, '/post-tool-use', { cwd: dir, input: editPayload(dir, 'src/b.js') })).toEqual({
      skipped: true,
    });
    expect(readLedger(dir).filter((e) => e.type === 'file.edited')).toEqual([]);
    expect((await call(h.socket, '/pane', { cwd: dir })).band).toContain('off (CSM_DISABLE=1)');
    h.child.kill('SIGTERM');
    expect(await h.exited).toBe(0);
  });
});
