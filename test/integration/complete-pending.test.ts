/**
 * Issue 27 §4: `csm complete` with tasks not started says what would happen to them and asks for
 * --force (or a block reason), as it does for a task in progress; forced, the next start carries them.
 */
import { describe, expect, it } from 'vitest';
import { createTempRepo, csm, csmJson } from './support/temp-repo.ts';

describe('completing a session with tasks not started, and carrying them (issue 27 §4)', () => {
  it('refuses, naming them and the three ways on; blocked tasks need no force; --force completes and the next start carries them', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Two things', '--no-baseline');
    await csmJson(dir, 'task', 'add', 'First', '--estimate', '5');
    await csmJson(dir, 'task', 'add', 'Second', '--estimate', '5');
    await csmJson(dir, 'task', 'add', 'Third', '--estimate', '5');
    await csmJson(dir, 'task', 'start', 'task-1');
    await csmJson(dir, 'task', 'done', 'task-1', '--no-code', '--output', 'done');
    const refused = await csm(dir, 'complete', '--no-gates');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/task-2, task-3 are not started: completing now leaves them undone/);
    expect(refused.stderr).toMatch(
      /fix: do them first \(csm task next --start\), block each with a reason .*csm complete --force: the next csm start carries them over/,
    );
    await csmJson(dir, 'task', 'block', 'task-3', '--reason', 'waiting for a decision');
    expect((await csm(dir, 'complete', '--no-gates')).stderr).toMatch(/^csm: task-2 is not started/);
    const done = await csmJson<{ session: string }>(dir, 'complete', '--no-gates', '--force');
    expect(done.session).toBe('001');
    const next = await csm(dir, 'start', 'Carry on', '--no-baseline');
    expect(next.stdout).toMatch(
      /carried over 2 unfinished task\(s\) of session 001 \(--no-carry leaves them\):\n {4}task-1 ← 001\/task-2 Second\n {4}task-2 ← 001\/task-3 Third/,
    );
    expect((await csm(dir, 'status')).stdout).toMatch(/task-1 +Second \(← 001\/task-2\)/);
    expect((await csm(dir, 'task', 'show', 'task-2')).stdout).toMatch(/carried over from 001\/task-3/);
    const tasks = await csmJson<{ id: string; carriedFrom?: string }[]>(dir, 'task', 'list');
    expect(tasks.map((t) => [t.id, t.carriedFrom])).toEqual([
      ['task-1', '001/task-2'],
      ['task-2', '001/task-3'],
    ]);
  });

  it("csm start --no-carry leaves the last session's unfinished tasks where they are", async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'One', '--no-baseline');
    await csmJson(dir, 'task', 'add', 'Left over', '--estimate', '5');
    await csmJson(dir, 'complete', '--no-gates', '--force');
    const next = await csmJson<{ snapshot: { carriedOver: unknown[] }; tasks: unknown[] }>(
      dir,
      'start',
      'Two',
      '--no-baseline',
      '--no-carry',
    );
    expect(next.snapshot.carriedOver).toEqual([]);
    expect(next.tasks).toEqual([]);
  });
});
