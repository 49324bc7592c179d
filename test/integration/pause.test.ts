/**
 * Issue 27 §8: `csm pause` turns the hooks' work off in this repository until `csm resume` — no
 * context, no edit recorded, no check on Stop — and says so in status and the status line; a
 * UserPromptSubmit no person typed (`source: poll_event`) gets no update.
 */
import { describe, expect, it } from 'vitest';
import { createTempRepo, csm, csmJson, editPayload, ledgerLines, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const QUIET = `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`;

describe('pausing csm in one repository (issue 27 §8)', () => {
  it('paused: SessionStart says so and loads nothing, edits are not recorded, Stop checks nothing; resumed: all back', {
    timeout: 120_000,
  }, async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'p', private: true, scripts: { test: 'node --test test/' } })}\n`,
        'src/add.js': lines('exports.add = (a, b) => a + b;'),
        'test/add.test.js': lines(
          "const t = require('node:test');",
          "const { add } = require('../src/add.js');",
          "t('adds', () => { if (add(2, 3) !== 5) throw new Error('wrong sum'); });",
        ),
        '.claude/csm.json': QUIET,
      },
    });
    await csmJson(dir, 'start', 'Pause me');
    await csmJson(dir, 'task', 'add', 'Change add', '--estimate', '5');
    await csmJson(dir, 'task', 'start', 'task-1');
    const paused = await csm(dir, 'pause', '--reason', 'pairing by hand');
    expect(paused.stdout).toMatch(/csm is paused here/);
    const ledgerBefore = ledgerLines(dir).length;

    const start = await runHook('session-start', {
      session_id: 'p1',
      cwd: dir,
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    expect(JSON.parse(start.stdout)).toEqual({
      systemMessage: expect.stringMatching(/^csm: paused in this repository \(pairing by hand\): .*csm resume/),
    });
    writeFiles(dir, { 'src/add.js': lines('exports.add = (a, b) => a - b;') });
    expect((await runHook('post-tool-use', editPayload(dir, 'src/add.js', { sessionId: 'p1' }))).stdout).toBe('');
    const stop = await runHook('stop', {
      session_id: 'p1',
      cwd: dir,
      hook_event_name: 'Stop',
      stop_hook_active: false,
    });
    expect(stop.stdout).not.toMatch(/block/);
    const prompt = await runHook('user-prompt-submit', {
      session_id: 'p1',
      cwd: dir,
      hook_event_name: 'UserPromptSubmit',
      prompt: 'go on',
    });
    expect(prompt.stdout).toBe('');
    expect(ledgerLines(dir)).toHaveLength(ledgerBefore);
    expect((await csm(dir, 'status')).stdout).toMatch(
      /^Paused \(just now: pairing by hand\) — the hooks do nothing here until csm resume/,
    );
    const line = await csm(dir, 'statusline', { input: JSON.stringify({ cwd: dir }) });
    expect(line.stdout).toMatch(/^csm 001 paused /);

    expect((await csm(dir, 'resume')).stdout).toMatch(/csm works again here/);
    const blocked = await runHook(
      'stop',
      { session_id: 'p1', cwd: dir, hook_event_name: 'Stop', stop_hook_active: false },
      { timeoutMs: 60_000 },
    );
    expect(JSON.parse(blocked.stdout)).toMatchObject({
      decision: 'block',
      reason: expect.stringMatching(/wrong sum/),
    });
    expect((await csm(dir, 'resume')).stdout).toMatch(/was not paused/);
  });

  it('a UserPromptSubmit no person typed (source poll_event) gets no update; a typed one gets it', {
    timeout: 60_000,
  }, async () => {
    const dir = createTempRepo({ files: { 'README.md': 'x\n', '.claude/csm.json': QUIET } });
    await csmJson(dir, 'start', 'Polls', '--no-baseline');
    const base = { session_id: 'u1', cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: '' };
    await runHook('session-start', {
      session_id: 'u1',
      cwd: dir,
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    await csmJson(dir, 'task', 'add', 'Added in another terminal', '--estimate', '5');
    expect((await runHook('user-prompt-submit', { ...base, source: 'poll_event' })).stdout).toBe('');
    const typed = await runHook('user-prompt-submit', { ...base, prompt: 'go on' });
    expect(typed.stdout).toMatch(/the plan has 1 task\(s\) \(was 0\)/);
  });
});
