import type { LedgerEvent, NewEvent, TaskSpec } from '../../src/contracts/events.ts';

/** Test factory: stamps events with times `min` minutes after a fixed start. */
export const T0 = Date.parse('2026-11-25T09:00:00.000Z');
export const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();
export const ev = (min: number, e: NewEvent): LedgerEvent => ({ v: 1, t: at(min), ...e }) as LedgerEvent;

export const spec = (n: number, over: Partial<TaskSpec> = {}): TaskSpec => ({
  id: `task-${n}`,
  title: `Task ${n}`,
  agent: 'backend-specialist',
  estimatedMinutes: 30,
  files: [],
  tests: [],
  criteria: [],
  dependsOn: [],
  expectedLines: null,
  ...over,
});

export const started = (objectives = ['Ship it']): NewEvent => ({
  type: 'session.started',
  session: '001',
  objectives,
  workflow: null,
  branch: 'main',
  baseCommit: 'abc',
});

export const edit = (path: string, task: string | null, added = 3, removed = 1): NewEvent => ({
  type: 'file.edited',
  path,
  tool: 'Edit',
  added,
  removed,
  task,
  claudeSession: 'cs-1',
  agentId: null,
  agentType: null,
});
