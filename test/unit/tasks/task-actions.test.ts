import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../../src/domain/tasks/fold-events.ts';
import { addTask, blockTask, completeTask, nextReadyTask, startTask } from '../../../src/domain/tasks/task-actions.ts';
import { edit, ev, spec, started } from '../../support/events.ts';

const base = [
  ev(0, started()),
  ev(0, { type: 'task.added', task: spec(1) }),
  ev(0, { type: 'task.added', task: spec(2, { dependsOn: ['task-1'] }) }),
];

describe('task decisions', () => {
  it('names the ids that exist when a task is unknown', () => {
    const d = startTask(foldEvents('001', base), 'task-7');
    expect(d).toMatchObject({ ok: false, reason: expect.stringContaining('task-1, task-2') });
  });

  it('starting a task pauses the one in progress', () => {
    const s = foldEvents('001', [...base, ev(1, { type: 'task.started', id: 'task-1' })]);
    const d = startTask(s, 'task-2');
    expect(d.ok && d.events.map((e) => e.type)).toEqual(['task.paused', 'task.started']);
  });

  it('refuses an empty title and an unknown dependency', () => {
    const s = foldEvents('001', base);
    expect(
      addTask(s, {
        title: '  ',
        agent: 'a',
        estimatedMinutes: null,
        files: [],
        tests: [],
        criteria: [],
        dependsOn: [],
        expectedLines: null,
      }).ok,
    ).toBe(false);
    expect(
      addTask(s, {
        title: 'x',
        agent: 'a',
        estimatedMinutes: null,
        files: [],
        tests: [],
        criteria: [],
        dependsOn: ['task-9'],
        expectedLines: null,
      }).ok,
    ).toBe(false);
    const ok = addTask(s, {
      title: 'x',
      agent: 'a',
      estimatedMinutes: 5,
      files: [],
      tests: [],
      criteria: [],
      dependsOn: [],
      expectedLines: null,
    });
    expect(ok.ok && ok.task?.id).toBe('task-3');
  });

  describe('evidence-based done', () => {
    const working = [...base, ev(1, { type: 'task.started', id: 'task-1' })];
    it('needs recorded edits (or --no-code)', () => {
      const d = completeTask(foldEvents('001', working), 'task-1', { output: null, force: false, noCode: false });
      expect(d).toMatchObject({ ok: false, reason: expect.stringContaining('no recorded edits') });
      expect(completeTask(foldEvents('001', working), 'task-1', { output: null, force: false, noCode: true }).ok).toBe(
        true,
      );
    });
    it('needs a passing check after the last edit', () => {
      const s = foldEvents('001', [...working, ev(2, edit('a.ts', 'task-1'))]);
      expect(completeTask(s, 'task-1', { output: null, force: false, noCode: false })).toMatchObject({
        ok: false,
        reason: expect.stringContaining('no passing gate run'),
      });
      const passed = foldEvents('001', [
        ...working,
        ev(2, edit('a.ts', 'task-1')),
        ev(3, {
          type: 'evidence.command',
          command: 'npm test',
          kind: 'test',
          outcome: 'pass',
          task: 'task-1',
          claudeSession: null,
        }),
      ]);
      expect(completeTask(passed, 'task-1', { output: 'x', force: false, noCode: false }).ok).toBe(true);
    });
    it('--force records an override with what was missing', () => {
      const d = completeTask(foldEvents('001', working), 'task-1', { output: null, force: true, noCode: false });
      expect(d.ok && d.events[0]).toMatchObject({
        type: 'task.completed',
        forced: true,
        missing: [expect.stringContaining('no recorded edits')],
      });
    });
  });

  it('block needs a reason', () => {
    expect(blockTask(foldEvents('001', base), 'task-1', ' ').ok).toBe(false);
  });

  it('next ready respects dependencies', () => {
    expect(nextReadyTask(foldEvents('001', base))?.id).toBe('task-1');
    const s = foldEvents('001', [
      ...base,
      ev(1, { type: 'task.completed', id: 'task-1', output: null, forced: true, noCode: true, missing: [] }),
    ]);
    expect(nextReadyTask(s)?.id).toBe('task-2');
  });
});
