import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../../src/domain/tasks/fold-events.ts';
import { toTasksFile } from '../../../src/domain/tasks/projection.ts';
import { TasksFileSchema } from '../../../src/contracts/tasks.ts';
import { T0, edit, ev, spec, started } from '../../support/events.ts';

const IDLE = 15 * 60_000;

describe('foldEvents → tasks.json', () => {
  const events = [
    ev(0, started()),
    ev(0, { type: 'task.added', task: spec(1, { estimatedMinutes: 20 }) }),
    ev(0, { type: 'task.added', task: spec(2, { estimatedMinutes: 10, dependsOn: ['task-1'] }) }),
    ev(1, { type: 'task.started', id: 'task-1' }),
    ev(5, edit('src/a.ts', 'task-1')),
    ev(9, edit('src/b.ts', 'task-1')),
    ev(10, { type: 'task.completed', id: 'task-1', output: 'done', forced: false, noCode: false, missing: [] }),
    ev(12, edit('README.md', null)),
    ev(60, { type: 'task.started', id: 'task-2' }),
    ev(63, { type: 'task.blocked', id: 'task-2', reason: 'waiting for keys' }),
  ];
  const s = foldEvents('001', events);

  it('derives statuses, files and blockers from events', () => {
    expect(s.tasks.map((t) => t.status)).toEqual(['completed', 'blocked']);
    expect(s.tasks[0]?.files).toEqual(['src/a.ts', 'src/b.ts']);
    expect(s.unassignedFiles).toEqual(['README.md']);
    expect(s.tasks[1]?.blockers).toEqual(['waiting for keys']);
  });

  it('computes actual minutes as active time and session metrics', () => {
    const file = toTasksFile(s, T0 + 63 * 60_000, IDLE);
    expect(file.tasks[0]?.actualMinutes).toBe(9);
    expect(file.tasks[1]?.actualMinutes).toBe(3);
    // session: 0→12 active (12), gap 12→60 excluded, 60→63 (3)
    expect(file.metrics).toEqual({
      totalTasks: 2,
      completed: 1,
      failed: 0,
      blocked: 1,
      timeSpent: 15,
      timeEstimated: 30,
    });
    expect(TasksFileSchema.safeParse(file).success).toBe(true);
  });

  it('keeps every field of the original schema', () => {
    const file = toTasksFile(s, T0, IDLE);
    for (const key of [
      'id',
      'title',
      'agent',
      'status',
      'estimatedMinutes',
      'actualMinutes',
      'files',
      'tests',
      'blockers',
      'output',
    ]) {
      expect(file.tasks[0]).toHaveProperty(key);
    }
    expect(Object.keys(file.metrics).sort()).toEqual([
      'blocked',
      'completed',
      'failed',
      'timeEstimated',
      'timeSpent',
      'totalTasks',
    ]);
    expect(file.sessionId).toBe('001');
  });

  it('ignores events for unknown tasks and never reuses removed ids', () => {
    const t = foldEvents('001', [
      ev(0, started()),
      ev(0, { type: 'task.added', task: spec(1) }),
      ev(1, { type: 'task.removed', id: 'task-1', reason: 're-plan' }),
      ev(2, { type: 'task.started', id: 'task-9' }),
    ]);
    expect(t.tasks).toEqual([]);
    expect(t.maxTaskNo).toBe(1);
  });

  it('pauses a task when another starts and counts both intervals', () => {
    const t = foldEvents('001', [
      ev(0, started()),
      ev(0, { type: 'task.added', task: spec(1) }),
      ev(0, { type: 'task.added', task: spec(2) }),
      ev(0, { type: 'task.started', id: 'task-1' }),
      ev(4, { type: 'task.paused', id: 'task-1' }),
      ev(4, { type: 'task.started', id: 'task-2' }),
      ev(6, { type: 'task.paused', id: 'task-2' }),
      ev(6, { type: 'task.started', id: 'task-1' }),
      ev(8, { type: 'task.completed', id: 'task-1', output: null, forced: false, noCode: true, missing: [] }),
    ]);
    const file = toTasksFile(t, T0 + 8 * 60_000, IDLE);
    expect(file.tasks.map((x) => [x.status, x.actualMinutes])).toEqual([
      ['completed', 6],
      ['pending', 2],
    ]);
  });
});
