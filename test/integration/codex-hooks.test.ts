/**
 * The built hooks as Codex runs them (issue 30): `node dist/hooks/<name>.mjs --host codex`, with
 * the payloads Codex 0.171.0 sends (apply_patch with the patch text only, Bash output without an
 * exit code, stop_hook_active on every continuation). Every answer must fit Codex's closed output
 * schema of its event: one key too many and Codex drops it (test/fixtures/codex-hook-schemas/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HookName } from '../../src/kernel/hook-events.ts';
import sessionStartSchema from '../fixtures/codex-hook-schemas/session-start.output.json' with { type: 'json' };
import postToolUseSchema from '../fixtures/codex-hook-schemas/post-tool-use.output.json' with { type: 'json' };
import stopSchema from '../fixtures/codex-hook-schemas/stop.output.json' with { type: 'json' };
import userPromptSubmitSchema from '../fixtures/codex-hook-schemas/user-prompt-submit.output.json' with {
  type: 'json',
};
import { closedSchemaProblems, type Schema } from '../support/closed-schema.ts';
import {
  createTempRepo,
  csm,
  csmJson,
  hookBundle,
  readLedger,
  readTasks,
  runBundle,
  writeFiles,
} from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const ADD_OK = lines('export const add = (a, b) => a + b;');
const ADD_BUGGY = lines('export const add = (a, b) => a - b;');
const PROJECT = {
  'package.json': `${JSON.stringify({ name: 'p', private: true, type: 'module', scripts: { test: 'node --test' } })}\n`,
  'src/add.js': ADD_OK,
  'src/old.js': lines('export const old = 1;'),
  'README.md': '# p\n',
  'test/add.test.js': lines(
    "import test from 'node:test';",
    "import assert from 'node:assert';",
    "import { add } from '../src/add.js';",
    "test('adds', () => assert.equal(add(2, 3), 5));",
  ),
};

/** A started session with task-1 in progress; Codex's thread id stands where Claude's session id would. */
async function project(config: Record<string, unknown> = {}): Promise<{ dir: string; codex: Record<string, unknown> }> {
  const csmJsonFile = { consoleCheck: { enabled: false }, docsCheck: { enabled: false }, ...config };
  const dir = createTempRepo({ files: { ...PROJECT, '.claude/csm.json': `${JSON.stringify(csmJsonFile)}\n` } });
  await csmJson(dir, 'start', 'Keep add() right');
  expect((await csm(dir, 'task', 'add', 'Fix add', '--estimate', '5')).code).toBe(0);
  expect((await csm(dir, 'task', 'next', '--start')).code).toBe(0);
  const codex = {
    session_id: '01a24e56-8d11-7c32-84d2-4d688de9a69f',
    turn_id: '01a24e56-8d2c-7a43-a687-339b775569da',
    transcript_path: path.join(dir, '.codex-rollout.jsonl'),
    cwd: dir,
    model: 'gpt-5.5',
    permission_mode: 'bypassPermissions',
  };
  return { dir, codex };
}

const hook = (name: HookName, payload: Record<string, unknown>, cwd: string) =>
  runBundle(hookBundle(name), ['--host', 'codex'], cwd, { input: JSON.stringify(payload) });

/** The hook's stdout, parsed, after checking it against Codex's schema (empty stdout: null). */
function answer(stdout: string, schema: unknown): Record<string, unknown> | null {
  if (stdout.trim() === '') return null;
  const out = JSON.parse(stdout) as Record<string, unknown>;
  expect(closedSchemaProblems(schema as Schema, out), stdout).toEqual([]);
  return out;
}

const patch = (...l: string[]): string => ['*** Begin Patch', ...l, '*** End Patch', ''].join('\n');

describe('the built hooks under Codex (--host codex)', () => {
  it("SessionStart's context reaches Codex: its answer fits the schema (no sessionTitle); Claude Code's keeps it", async () => {
    const { dir, codex } = await project();
    const payload = { ...codex, hook_event_name: 'SessionStart', source: 'startup' };
    const r = await hook('session-start', payload, dir);
    expect(r.code).toBe(0);
    const out = answer(r.stdout, sessionStartSchema);
    const specific = out?.hookSpecificOutput as Record<string, unknown>;
    expect(specific.hookEventName).toBe('SessionStart');
    expect(specific.additionalContext).toMatch(/csm session 001 is active/);
    expect(specific).not.toHaveProperty('sessionTitle');
    const claude = await runBundle(hookBundle('session-start'), [], dir, { input: JSON.stringify(payload) });
    expect(JSON.parse(claude.stdout).hookSpecificOutput).toHaveProperty('sessionTitle');
  });

  it('UserPromptSubmit says once what changed since SessionStart, in the shape Codex takes', async () => {
    const { dir, codex } = await project();
    expect(
      (await hook('session-start', { ...codex, hook_event_name: 'SessionStart', source: 'startup' }, dir)).code,
    ).toBe(0);
    expect((await csm(dir, 'task', 'add', 'Test add', '--estimate', '5')).code).toBe(0);
    const prompt = { ...codex, hook_event_name: 'UserPromptSubmit', prompt: 'go on' };
    const first = answer((await hook('user-prompt-submit', prompt, dir)).stdout, userPromptSubmitSchema);
    expect(first?.hookSpecificOutput).toEqual({
      hookEventName: 'UserPromptSubmit',
      additionalContext: 'csm: session 001 since the last update: the plan has 2 task(s) (was 1).',
    });
    expect((await hook('user-prompt-submit', prompt, dir)).stdout.trim()).toBe('');
  });

  it('apply_patch: every file the patch touched is recorded against the task in progress, with its lines', async () => {
    const { dir, codex } = await project();
    // what Codex applied before the hook ran
    writeFiles(dir, { 'src/add.js': ADD_BUGGY, 'src/new.js': lines('a', 'b'), 'lib/moved.js': 'x\n' });
    fs.rmSync(path.join(dir, 'README.md'));
    fs.rmSync(path.join(dir, 'src/old.js'));
    const command = patch(
      '*** Update File: src/add.js',
      '@@',
      '-export const add = (a, b) => a + b;',
      '+export const add = (a, b) => a - b;',
      '*** Add File: src/new.js',
      '+a',
      '+b',
      '*** Delete File: README.md',
      '*** Update File: src/old.js',
      '*** Move to: lib/moved.js',
      '@@',
      '-export const old = 1;',
      '+x',
      '*** Add File: .claude/csm.json',
      '+{}',
    );
    const r = await hook(
      'post-tool-use',
      {
        ...codex,
        hook_event_name: 'PostToolUse',
        tool_name: 'apply_patch',
        tool_input: { command },
        tool_response: 'Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\n',
        tool_use_id: 'call_fake_2',
      },
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    answer(r.stdout, postToolUseSchema);
    const edits = readLedger(dir)
      .filter((e) => e.type === 'file.edited')
      .map((e) => [e.path, e.tool, e.added, e.removed, e.task, e.claudeSession]);
    expect(edits).toEqual([
      ['src/add.js', 'apply_patch', 1, 1, 'task-1', codex.session_id],
      ['src/new.js', 'apply_patch', 2, 0, 'task-1', codex.session_id],
      ['README.md', 'apply_patch', 0, 0, 'task-1', codex.session_id],
      ['src/old.js', 'apply_patch', 0, 0, 'task-1', codex.session_id],
      ['lib/moved.js', 'apply_patch', 1, 1, 'task-1', codex.session_id],
    ]);
    const task = readTasks(dir).tasks.find((t: { id: string }) => t.id === 'task-1');
    expect(task.files).toEqual(['src/add.js', 'src/new.js', 'README.md', 'src/old.js', 'lib/moved.js']);
  });

  it('a patch from a subdirectory is read relative to the session cwd; a failed one records nothing', async () => {
    const { dir, codex } = await project();
    fs.mkdirSync(path.join(dir, 'src/deep'));
    const payload = {
      ...codex,
      cwd: path.join(dir, 'src'),
      hook_event_name: 'PostToolUse',
      tool_name: 'apply_patch',
      tool_input: { command: patch('*** Add File: deep/x.js', '+1') },
    };
    expect((await hook('post-tool-use', { ...payload, tool_response: 'Exit code: 1\nerror' }, dir)).code).toBe(0);
    expect(readLedger(dir).filter((e) => e.type === 'file.edited')).toEqual([]);
    expect((await hook('post-tool-use', { ...payload, tool_response: 'Exit code: 0\n' }, dir)).code).toBe(0);
    expect(
      readLedger(dir)
        .filter((e) => e.type === 'file.edited')
        .map((e) => e.path),
    ).toEqual(['src/deep/x.js']);
  });

  it('a check run through Bash, whose result Codex gives without an exit code, is not counted as a pass', async () => {
    const { dir, codex } = await project();
    const r = await hook(
      'post-tool-use',
      {
        ...codex,
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: { command: 'npm test' },
        tool_response: '✖ adds\n# fail 1\n',
      },
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('');
    expect(readLedger(dir).filter((e) => e.type === 'evidence.command')).toEqual([]);
  });

  it('Stop blocks once a turn on a failing check, in the shape Codex takes; the cap lets it go', async () => {
    const { dir, codex } = await project({ stop: { blockCap: 2 } });
    const stop = (active: boolean) =>
      hook(
        'stop',
        { ...codex, hook_event_name: 'Stop', stop_hook_active: active, last_assistant_message: 'done' },
        dir,
      );
    const outcomes: string[] = [];
    for (const [i, active] of [false, true, false, true, false].entries()) {
      // the model edits again each turn (a turn that changed nothing is not blocked twice), still wrong
      if (!active) writeFiles(dir, { 'src/add.js': `// attempt ${i}\n${ADD_BUGGY}` });
      const r = await stop(active);
      expect(r.code, r.stderr).toBe(0);
      const out = answer(r.stdout, stopSchema);
      outcomes.push(out?.decision === 'block' ? `block: ${String(out.reason).split('\n')[0]}` : 'allow');
    }
    expect(outcomes).toEqual([
      'block: csm: the gate test failed — fix it before stopping.',
      'allow',
      'block: csm: the gate test failed — fix it before stopping.',
      'allow',
      'allow',
    ]);
    expect(readLedger(dir).filter((e) => e.type === 'stop.blocked')).toHaveLength(2);
    expect(readLedger(dir).filter((e) => e.type === 'stop.released')).toHaveLength(1);
    // the fix lets the next one go, and starts the count again
    writeFiles(dir, { 'src/add.js': ADD_OK });
    expect(answer((await stop(false)).stdout, stopSchema)?.decision).toBeUndefined();
  });
});
