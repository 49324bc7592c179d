import { sessionActiveMs, taskActiveMs } from '../tasks/projection.ts';
import type { TaskRow } from './report-data.ts';
import { toMinutes } from '../tasks/active-time.ts';
import type { SessionState, TaskState } from '../tasks/session-state.ts';
import { nextReadyTask } from '../tasks/task-actions.ts';

export type Phase = 'planning' | 'execution' | 'validation' | 'completed';

/** A task as status lists it; `carriedFrom`: carried over unfinished from an earlier session (`001/task-3`). */
export type StatusTask = Pick<TaskRow, 'id' | 'title' | 'agent' | 'status' | 'estimatedMinutes' | 'actualMinutes'> & {
  carriedFrom?: string;
};

export interface StatusView {
  session: string;
  status: 'active' | 'completed';
  phase: Phase;
  objectives: string[];
  progress: { completed: number; total: number; percent: number };
  activeTask: { id: string; title: string; agent: string; criteria: string[]; files: string[]; minutes: number } | null;
  nextTask: { id: string; title: string; agent: string } | null;
  blockers: { task: string; reason: string }[];
  tasks: StatusTask[];
  time: { spentMinutes: number; estimatedMinutes: number; budgetMinutes: number; overBudget: boolean };
  /**
   * Each gate's newest result: `failing` (blocking, this session's), `preexisting` (failing since before it),
   * `advisory`, `passing`.
   */
  gates: {
    at: string;
    failing: string[];
    passing: string[];
    preexisting: string[];
    advisory: string[];
    /** Edits recorded after that newest run: what the results do not cover yet. */
    editsSince: number;
  } | null;
  unassignedFiles: string[];
}

export function phaseOf(s: SessionState): Phase {
  if (s.status === 'completed') return 'completed';
  if (s.tasks.length === 0) return 'planning';
  return s.tasks.every((t) => t.status === 'completed') ? 'validation' : 'execution';
}

export function statusView(s: SessionState, now: number, idleMs: number, budgetMinutes: number): StatusView {
  const done = s.tasks.filter((t) => t.status === 'completed').length;
  const active = s.tasks.find((t) => t.status === 'in_progress');
  const next = active ? undefined : nextReadyTask(s);
  const minutesOf = (t: TaskState): number | null =>
    t.intervals.length ? toMinutes(taskActiveMs(s, t, now, idleMs)) : null;
  const spent = toMinutes(sessionActiveMs(s, now, idleMs));
  const run = s.gateRuns[s.gateRuns.length - 1];
  return {
    session: s.session,
    status: s.status,
    phase: phaseOf(s),
    objectives: [...s.objectives],
    progress: {
      completed: done,
      total: s.tasks.length,
      percent: s.tasks.length ? Math.round((done / s.tasks.length) * 100) : 0,
    },
    activeTask: active
      ? {
          id: active.id,
          title: active.title,
          agent: active.agent,
          criteria: [...active.criteria],
          files: [...active.files],
          minutes: minutesOf(active) ?? 0,
        }
      : null,
    nextTask: next ? { id: next.id, title: next.title, agent: next.agent } : null,
    blockers: s.tasks
      .filter((t) => t.status === 'blocked')
      .flatMap((t) => t.blockers.slice(-1).map((reason) => ({ task: t.id, reason }))),
    tasks: s.tasks.map((t) => ({
      ...{ id: t.id, title: t.title, agent: t.agent, status: t.status },
      ...{ estimatedMinutes: t.estimatedMinutes, actualMinutes: minutesOf(t) },
      ...(t.carriedFrom ? { carriedFrom: t.carriedFrom } : {}),
    })),
    time: {
      spentMinutes: spent,
      estimatedMinutes: s.tasks.reduce((n, t) => n + (t.estimatedMinutes ?? 0), 0),
      budgetMinutes,
      overBudget: spent > budgetMinutes,
    },
    gates: run ? gateView(s) : null,
    unassignedFiles: [...s.unassignedFiles],
  };
}

/**
 * Each gate's newest result across the runs (a run may hold only some gates): a `skipped`
 * result (not re-run after a revert) says nothing is known, so the gate is not listed.
 */
export function gateView(s: SessionState): NonNullable<StatusView['gates']> {
  const latest = new Map<string, SessionState['gateRuns'][number]['results'][number]>();
  for (const run of s.gateRuns) for (const r of run.results) latest.set(r.name, r);
  const of = (pick: (r: SessionState['gateRuns'][number]['results'][number]) => boolean): string[] =>
    [...latest.values()].filter(pick).map((r) => r.name);
  const at = s.gateRuns[s.gateRuns.length - 1]?.t ?? '';
  return {
    at,
    editsSince: at ? s.edits.filter((e) => e.t > at).length : 0,
    failing: of((r) => r.status === 'fail' && r.blocking && !r.preexisting),
    preexisting: of((r) => r.status === 'fail' && r.preexisting === true),
    advisory: of((r) => r.status === 'fail' && !r.blocking && !r.preexisting),
    passing: of((r) => r.status === 'pass'),
  };
}
