import { describe, expect, it } from 'vitest';
import { PlanSchema, type Plan } from '../../src/contracts/plan.ts';
import { importPlan } from '../../src/domain/plan/import-plan.ts';
import { applyEvent, foldEvents } from '../../src/domain/tasks/fold-events.ts';
import type { LedgerEvent } from '../../src/contracts/events.ts';
import { ev, spec, started } from '../support/events.ts';

const AGENTS = ['architect', 'backend-specialist', 'test-engineer'];
const task = (ref: string, over: Partial<Plan['tasks'][number]> = {}): Plan['tasks'][number] => ({
  ref,
  title: `Task ${ref}`,
  agent: 'backend-specialist',
  estimateMinutes: 20,
  expectedLines: 40,
  criteria: ['works'],
  tests: ['a test'],
  files: [],
  dependsOn: [],
  ...over,
});
const plan = (tasks: Plan['tasks'], risks: Plan['risks'] = []): Plan => ({ tasks, risks });

describe('importPlan', () => {
  const fresh = foldEvents('001', [ev(0, started())]);

  it('turns refs into task ids and keeps the dependencies', () => {
    const r = importPlan(
      fresh,
      plan([task('a'), task('b', { dependsOn: ['a'] }), task('c', { dependsOn: ['a'] })]),
      AGENTS,
      100,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.added).toEqual(['task-1', 'task-2', 'task-3']);
    const s = foldEvents('001', [ev(0, started()), ...r.value.events.map((e, i) => ev(1 + i / 100, e))]);
    expect(s.tasks.map((t) => [t.id, t.dependsOn])).toEqual([
      ['task-1', []],
      ['task-2', ['task-1']],
      ['task-3', ['task-1']],
    ]);
    expect(s.replans).toBe(1);
  });

  it('refuses the whole plan and lists every problem', () => {
    const r = importPlan(
      fresh,
      plan([
        task('a', { agent: 'wizard' }),
        task('b', { dependsOn: ['zzz'] }),
        task('c', { files: ['../../etc/passwd'] }),
      ]),
      AGENTS,
      100,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(3);
    expect(r.problems.join('\n')).toMatch(/agent "wizard".*agents: architect, backend-specialist, test-engineer/);
    expect(r.problems.join('\n')).toMatch(/dependsOn "zzz"/);
  });

  it('names a dependency cycle', () => {
    const r = importPlan(
      fresh,
      plan([task('a', { dependsOn: ['c'] }), task('b', { dependsOn: ['a'] }), task('c', { dependsOn: ['b'] })]),
      AGENTS,
      100,
    );
    expect(!r.ok && r.problems.join()).toMatch(/dependency cycle: task-\d → task-\d → task-\d → task-\d/);
  });

  it('warns (does not refuse) over the micro-task limit', () => {
    const r = importPlan(fresh, plan([task('a', { expectedLines: 250 })]), AGENTS, 100);
    expect(r.ok && r.value.warnings[0]).toMatch(/~250 changed lines, over the 100-line micro-task limit/);
  });

  it('re-planning keeps completed tasks, updates open ones named by id, removes the rest', () => {
    const events: LedgerEvent[] = [
      ev(0, started()),
      ev(0, { type: 'task.added', task: spec(1) }),
      ev(0, { type: 'task.added', task: spec(2) }),
      ev(0, { type: 'task.added', task: spec(3) }),
      ev(1, { type: 'task.completed', id: 'task-1', output: 'x', forced: false, noCode: true, missing: [] }),
      ev(2, { type: 'task.started', id: 'task-2' }),
    ];
    const s = foldEvents('001', events);
    const r = importPlan(
      s,
      plan([
        { ...task('two', { title: 'Task 2, sharper' }), id: 'task-2' },
        task('new', { dependsOn: ['task-1', 'two'] }),
      ]),
      AGENTS,
      100,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ kept: ['task-1'], updated: ['task-2'], removed: ['task-3'], added: ['task-4'] });
    for (const e of r.value.events) applyEvent(s, { v: 1, t: '2026-11-25T10:00:00.000Z', ...e } as LedgerEvent);
    expect(s.tasks.map((t) => [t.id, t.status, t.title])).toEqual([
      ['task-1', 'completed', 'Task 1'],
      ['task-2', 'in_progress', 'Task 2, sharper'],
      ['task-4', 'pending', 'Task new'],
    ]);
    expect(s.tasks[2]?.dependsOn).toEqual(['task-1', 'task-2']);
  });

  it('refuses to touch a completed task by id', () => {
    const s = foldEvents('001', [
      ev(0, started()),
      ev(0, { type: 'task.added', task: spec(1) }),
      ev(1, { type: 'task.completed', id: 'task-1', output: null, forced: true, noCode: true, missing: [] }),
    ]);
    expect(importPlan(s, plan([{ ...task('x'), id: 'task-1' }]), AGENTS, 100).ok).toBe(false);
  });

  it('the schema requires criteria and an estimate, and refuses an empty plan', () => {
    expect(PlanSchema.safeParse({ tasks: [] }).success).toBe(false);
    const { criteria: _c, ...noCriteria } = task('a');
    expect(PlanSchema.safeParse({ tasks: [noCriteria] }).success).toBe(false);
    expect(PlanSchema.safeParse({ tasks: [task('a')] }).success).toBe(true);
  });
});
