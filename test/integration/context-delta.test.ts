/**
 * Context economy (issue 16 §1), through the built hooks: SessionStart's text is the same, byte
 * for byte, for the same work whenever it runs (no clocks: the prompt cache after it stays valid),
 * and what changes mid-session reaches Claude once, as a short delta next to the next prompt.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csm, csmJson, editPayload, readLedger, runHook, writeFiles } from './support/temp-repo.ts';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const at = (min: number): { env: { CSM_NOW: string } } => ({
  env: { CSM_NOW: new Date(T0 + min * 60_000).toISOString() },
});
const payload = (
  dir: string,
  event: string,
  claudeSession: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  session_id: claudeSession,
  transcript_path: path.join(dir, '.t.jsonl'),
  cwd: dir,
  hook_event_name: event,
  ...extra,
});
async function start(dir: string, claudeSession: string, min: number, source: string): Promise<string> {
  const r = await runHook('session-start', payload(dir, 'SessionStart', claudeSession, { source }), at(min));
  expect(r.code, r.stderr).toBe(0);
  return contextOf(r.stdout) ?? '';
}
const contextOf = (stdout: string): string | null =>
  stdout.trim()
    ? ((JSON.parse(stdout) as { hookSpecificOutput?: { additionalContext?: string } }).hookSpecificOutput
        ?.additionalContext ?? null)
    : null;

describe('context that keeps the prompt cache and says what changed once', () => {
  it('two SessionStarts on the same work are identical, however far apart; each change is told once, next to a prompt', async () => {
    const dir = createTempRepo({
      files: {
        'src/a.js': 'exports.a = 1;\n',
        '.claude/csm.json': `${JSON.stringify({ detectGates: false, consoleCheck: { enabled: false }, docsCheck: { enabled: false }, gates: [{ name: 'check', command: 'test ! -f broken.flag' }] })}\n`,
      },
    });
    await csmJson(dir, 'start', 'Stable context', '--no-baseline', at(0));
    await csmJson(dir, 'task', 'add', 'First step', '--estimate', '10', at(1));
    await csmJson(dir, 'task', 'add', 'Second step', '--estimate', '10', at(1));
    await csmJson(dir, 'task', 'start', 'task-1', at(2));
    writeFiles(dir, { 'src/a.js': 'exports.a = 2;\n' });
    expect((await runHook('post-tool-use', editPayload(dir, 'src/a.js'), at(5))).code).toBe(0);

    const start = async (claudeSession: string, min: number, source = 'startup'): Promise<string> => {
      const r = await runHook('session-start', payload(dir, 'SessionStart', claudeSession, { source }), at(min));
      expect(r.code, r.stderr).toBe(0);
      return contextOf(r.stdout) ?? '';
    };
    const titled = await runHook(
      'session-start',
      payload(dir, 'SessionStart', 'claude-t', { source: 'startup' }),
      at(9),
    );
    expect(
      (JSON.parse(titled.stdout) as { hookSpecificOutput: { sessionTitle?: string } }).hookSpecificOutput.sessionTitle,
    ).toBe('csm 001 · First step');
    const first = await start('claude-a', 10);
    const later = await start('claude-b', 55);
    expect(first).toContain('Active task: task-1');
    expect(later, 'the same work, 45 minutes and another Claude session later').toBe(first);

    const prompt = async (min: number): Promise<string | null> => {
      const r = await runHook(
        'user-prompt-submit',
        payload(dir, 'UserPromptSubmit', 'claude-a', { prompt: 'go on' }),
        at(min),
      );
      expect(r.code, r.stderr).toBe(0);
      return contextOf(r.stdout);
    };
    expect(await prompt(11), 'nothing changed since SessionStart').toBeNull();

    // another terminal finishes the task and starts the next
    await csmJson(dir, 'task', 'done', 'task-1', '--force', at(12));
    await csmJson(dir, 'task', 'start', 'task-2', at(12));
    const d1 = await prompt(13);
    expect(d1).toMatch(
      /^csm: session 001 since the last update: completed: task-1 “First step”; active task now task-2 “Second step”\.$/,
    );
    expect(await prompt(14), 'never twice').toBeNull();

    // a gate starts failing, then passes again; the plan grows
    writeFiles(dir, { 'broken.flag': 'x\n' });
    expect((await csm(dir, 'gates', at(15))).code).toBe(1);
    const d2 = await prompt(16);
    expect(d2).toContain('gates now failing: check');
    await csmJson(dir, 'task', 'add', 'Third step', at(17));
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'broken.flag'));
    expect((await csm(dir, 'gates', at(18))).code).toBe(0);
    const d3 = await prompt(19);
    expect(d3).toContain('gates passing again: check');
    expect(d3).toContain('the plan has 3 task(s) (was 2)');
    expect(await prompt(20)).toBeNull();

    // Stop blocks on the gate: its reason tells Claude, so the next prompt does not say it again
    writeFiles(dir, { 'broken.flag': 'x\n' });
    const stop = await runHook(
      'stop',
      payload(dir, 'Stop', 'claude-a', { stop_hook_active: false, background_tasks: [] }),
      at(20.5),
    );
    expect(stop.stdout).toContain('"decision":"block"');
    expect(await prompt(20.7), 'the block told it').toBeNull();
    rmSync(path.join(dir, 'broken.flag'));
    expect((await csm(dir, 'gates', at(20.8))).code).toBe(0);
    expect(await prompt(20.9)).toContain('gates passing again: check');

    const sizes = [d1, d2, d3].map((d) => d?.length ?? 0);
    for (const n of sizes) expect(n).toBeLessThanOrEqual(400);
    // a Claude session that was never told anything (no SessionStart: csm started mid-conversation) is told the session once
    const fresh = await runHook(
      'user-prompt-submit',
      payload(dir, 'UserPromptSubmit', 'claude-new', { prompt: 'hi' }),
      at(21),
    );
    expect(contextOf(fresh.stdout)).toMatch(
      /^csm: session 001 is active now \(objectives: “Stable context”; 3 task\(s\), active task task-2 “Second step”/,
    );
    console.log(
      `context: SessionStart ${first.length} chars, identical 45 min apart; deltas ${sizes.join(', ')} chars, each told once`,
    );
  });

  it('a filling context window: the status line writes a hand-off once per threshold, PreCompact writes one, SessionStart after the compaction puts it first', async () => {
    const dir = createTempRepo({
      files: {
        'src/a.js': 'exports.a = 1;\n',
        '.claude/csm.json': `${JSON.stringify({ detectGates: false, consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
      },
    });
    await csmJson(dir, 'start', 'Long session', '--no-baseline', at(0));
    await csmJson(
      dir,
      'task',
      'add',
      'Parse the callback',
      '--estimate',
      '10',
      '--criterion',
      'rejects a bad state',
      at(1),
    );
    await csmJson(dir, 'task', 'add', 'Store the token', at(1));
    await csmJson(dir, 'task', 'start', 'task-1', at(2));
    writeFiles(dir, { 'src/a.js': 'exports.a = 2;\n' });
    expect((await runHook('post-tool-use', editPayload(dir, 'src/a.js', { sessionId: 'claude-a' }), at(3))).code).toBe(
      0,
    );
    await start(dir, 'claude-a', 4, 'startup');

    const status = async (used: number, min: number): Promise<string> => {
      const r = await csm(dir, 'statusline', {
        input: JSON.stringify({
          session_id: 'claude-a',
          cwd: dir,
          workspace: { current_dir: dir },
          context_window: { used_percentage: used },
        }),
        ...at(min),
      });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    const handoffs = (): { reason: string; text: string }[] =>
      readLedger(dir).filter((e) => e.type === 'context.handoff') as unknown as { reason: string; text: string }[];
    expect(await status(50, 5)).toMatch(/· ctx 50%$/);
    expect(handoffs()).toHaveLength(0);
    expect(await status(72, 6)).toMatch(/· ctx 72% · hand-off saved$/);
    expect(await status(75, 7), 'said on every redraw, written once').toMatch(/· ctx 75% · hand-off saved$/);
    expect(handoffs()).toHaveLength(1);
    expect(await status(86, 8)).toMatch(/hand-off saved$/);
    expect(handoffs().map((h) => h.reason)).toEqual(['context 70% (window 72% full)', 'context 85% (window 86% full)']);
    expect(handoffs()[0]?.text).toContain('In progress: task-1 “Parse the callback” (agent backend-specialist).');
    expect(handoffs()[0]?.text).toContain('Files it touched so far: src/a.js.');
    expect(handoffs()[0]?.text).toContain('Next: task-2 “Store the token”');

    const pre = await runHook(
      'pre-compact',
      payload(dir, 'PreCompact', 'claude-a', { trigger: 'auto', custom_instructions: '' }),
      at(9),
    );
    expect(pre.code, pre.stderr).toBe(0);
    expect(pre.stdout, 'PreCompact never blocks, says nothing').toBe('');
    expect(
      handoffs()
        .map((h) => h.reason)
        .pop(),
    ).toBe('before auto compaction');

    const after = await start(dir, 'claude-a', 10, 'compact');
    const lines = after.split('\n');
    const handoffLine = lines.findIndex((l) => l === 'Hand-off written before auto compaction:');
    expect(handoffLine, after).toBeGreaterThan(0);
    expect(handoffLine).toBeLessThan(lines.findIndex((l) => l.startsWith('Active task:')));
    // the window is fresh after the compaction: the next threshold writes again
    expect(await status(71, 11)).toMatch(/hand-off saved$/);
    console.log(
      `context: hand-offs at 70% and 85% once each, one before the compaction, first in the context after it (${handoffs()[0]?.text.length} chars)`,
    );
  });

  it('a fresh conversation has git status from Claude Code: SessionStart names the branch and runs no git; after resume or compact it counts the files', async () => {
    const dir = createTempRepo({ files: { 'src/a.js': 'exports.a = 1;\n' } });
    await csmJson(dir, 'start', 'Git facts', '--no-baseline');
    writeFiles(dir, { 'src/a.js': 'exports.a = 2;\n', 'src/b.js': 'exports.b = 1;\n' });
    // a git on PATH that notes each call, then runs the real one
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-git-log-'));
    const log = path.join(bin, 'calls.log');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const env = { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    const calls = (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
    const context = async (source: string): Promise<string> => {
      const r = await runHook('session-start', payload(dir, 'SessionStart', 'claude-g', { source }), { env });
      expect(r.code, r.stderr).toBe(0);
      return contextOf(r.stdout) ?? '';
    };
    for (const source of ['startup', 'clear']) {
      expect(await context(source)).toMatch(/^Git: branch main\. Time:/m);
      expect(calls(), source).toEqual([]);
    }
    for (const source of ['resume', 'compact']) {
      const n = Number(/^Git: branch main, (\d+) uncommitted file\(s\)\. Time:/m.exec(await context(source))?.[1]);
      expect(n, source).toBeGreaterThanOrEqual(2); // src/a.js and src/b.js, and whatever the repo had
      expect(calls().pop(), source).toMatch(/^status --porcelain=v1 -z/);
    }
  });

  it('csm profile times every hook and, with a session active here, reports the context sizes without recording anything', async () => {
    const dir = createTempRepo({ files: { 'src/a.js': 'exports.a = 1;\n' } });
    await csmJson(dir, 'start', 'Measure the context', '--no-baseline');
    await csmJson(dir, 'task', 'add', 'Something to show');
    await csmJson(dir, 'task', 'start', 'task-1');
    const before = readLedger(dir).length;
    const r = await csmJson<{
      rows: { hook: string; ratio: number }[];
      context: { session: string; sizes: { source: string; chars: number; tokens: number }[] };
    }>(dir, 'profile', '--runs', '3');
    expect(r.rows.map((x) => x.hook).sort()).toEqual([
      'post-tool-use',
      'pre-compact',
      'session-start',
      'stop',
      'user-prompt-submit',
    ]);
    expect(r.context.session).toBe('001');
    expect(r.context.sizes.map((x) => x.source)).toEqual(['startup', 'resume', 'compact']);
    for (const x of r.context.sizes) {
      expect(x.chars).toBeGreaterThan(200);
      expect(x.chars).toBeLessThanOrEqual(x.source === 'startup' ? 6000 : 9500);
      expect(x.tokens).toBe(Math.round(x.chars / 4));
    }
    expect(readLedger(dir).length, 'profiling records nothing in the project').toBe(before);
  }, 120_000);
});
