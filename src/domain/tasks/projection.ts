import type { Metrics, Task, TasksFile } from '../../contracts/tasks.ts';
import { activeMs, activeMsInIntervals, toMinutes } from './active-time.ts';
import type { SessionState, TaskState } from './session-state.ts';

/** Active minutes spent on a task; an interval still open runs to `now`. */
export function taskActiveMs(s: SessionState, task: TaskState, now: number, idleMs: number): number {
  const intervals = task.intervals.map((iv) => ({ start: iv.start, end: iv.end ?? Math.max(now, iv.start) }));
  return activeMsInIntervals(intervals, s.activity, idleMs);
}

/** Active minutes of the whole session: every ledger event is activity; an active session runs to `now`. */
export function sessionActiveMs(s: SessionState, now: number, idleMs: number): number {
  const points = [...s.activity];
  if (s.status === 'active') points.push(now);
  return activeMs(points, idleMs);
}

export function computeMetrics(s: SessionState, now: number, idleMs: number): Metrics {
  const count = (st: string): number => s.tasks.filter((t) => t.status === st).length;
  return {
    totalTasks: s.tasks.length,
    completed: count('completed'),
    failed: count('failed'),
    blocked: count('blocked'),
    timeSpent: toMinutes(sessionActiveMs(s, now, idleMs)),
    timeEstimated: s.tasks.reduce((sum, t) => sum + (t.estimatedMinutes ?? 0), 0),
  };
}

export function toTask(s: SessionState, t: TaskState, now: number, idleMs: number): Task {
  const started = t.intervals.length > 0;
  return {
    id: t.id,
    title: t.title,
    agent: t.agent,
    status: t.status,
    estimatedMinutes: t.estimatedMinutes,
    actualMinutes: started ? toMinutes(taskActiveMs(s, t, now, idleMs)) : null,
    files: [...t.files],
    tests: [...t.tests],
    blockers: [...t.blockers],
    output: t.output,
    criteria: [...t.criteria],
    dependsOn: [...t.dependsOn],
    expectedLines: t.expectedLines,
    handoffs: t.handoffs.map((h) => ({ ...h })),
    startedAt: t.startedAt,
    completedAt: t.completedAt,
    forced: t.forced,
    ...(t.carriedFrom ? { carriedFrom: t.carriedFrom } : {}),
  };
}

/** session-NNN-tasks.json as derived from the ledger. */
export function toTasksFile(s: SessionState, now: number, idleMs: number): TasksFile {
  return {
    sessionId: s.session,
    tasks: s.tasks.map((t) => toTask(s, t, now, idleMs)),
    metrics: computeMetrics(s, now, idleMs),
    status: s.status,
    objectives: [...s.objectives],
    unassignedFiles: [...s.unassignedFiles],
    updatedAt: s.lastEventAt,
  };
}
