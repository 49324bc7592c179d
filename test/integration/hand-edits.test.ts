/**
 * Issue 27 §4: edits made by hand are invisible to the hooks; `csm task done` on a task with no
 * recorded edit names the files git saw change since the task started, and --take-edits records them.
 */
import { describe, expect, it } from 'vitest';
import { createTempRepo, csm, csmJson, readLedger, writeFiles } from './support/temp-repo.ts';

describe('a task done by hand (issue 27 §4)', () => {
  it('names what git saw change since the task started (not what changed before it), and takes it with --take-edits', async () => {
    const dir = createTempRepo({
      files: { 'src/a.js': 'exports.a = 1;\n', '.claude/csm.json': '{"docsCheck": {"enabled": false}}\n' },
    });
    writeFiles(dir, { 'src/before.js': 'exports.before = 1;\n' });
    await csmJson(dir, 'start', 'By hand', '--no-baseline');
    writeFiles(dir, { 'src/early.js': 'exports.early = 1;\n' });
    await csmJson(dir, 'task', 'add', 'Edit a', '--estimate', '5');
    await new Promise((r) => setTimeout(r, 1100)); // the task starts after src/early.js was written
    await csmJson(dir, 'task', 'start', 'task-1');
    await new Promise((r) => setTimeout(r, 50));
    writeFiles(dir, { 'src/a.js': 'exports.a = 2;\nexports.b = 3;\n', 'src/c.js': 'exports.c = 1;\n' });

    const refused = await csm(dir, 'task', 'done', 'task-1', '--output', 'edited a');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /no recorded edits on task-1.*; git shows 2 file\(s\) changed since task-1 started that csm did not see \(edited by hand\?\): src\/a\.js, src\/c\.js — csm task done task-1 --take-edits records them on it/,
    );
    expect(refused.stderr).not.toMatch(/before\.js/);

    const took = await csm(dir, 'task', 'done', 'task-1', '--output', 'edited a', '--take-edits');
    expect(took.stderr).toMatch(/recorded 2 file\(s\) edited by hand on task-1; task-1 cannot be marked done yet/);
    const edits = readLedger(dir).filter((e: { type: string }) => e.type === 'file.edited');
    expect(edits.map((e: { path: string; tool: string; task: string }) => [e.path, e.tool, e.task])).toEqual([
      ['src/a.js', 'by hand', 'task-1'],
      ['src/c.js', 'by hand', 'task-1'],
    ]);
    // the edits are the task's now: what is left is a passing check after them
    expect(took.stderr).toMatch(/no passing gate run after the last edit of task-1/);
  });
});
