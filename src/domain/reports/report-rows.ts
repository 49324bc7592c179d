import type { NumstatRow } from '../../contracts/git-state.ts';
import { failureLine } from './failure-line.ts';
import { isDoc, isSource } from '../gates/docs-check.ts';
import { redact } from '../redact.ts';
import { activeMsInIntervals, toMinutes } from '../tasks/active-time.ts';
import type { SessionState, TaskState } from '../tasks/session-state.ts';
import type { GateChanges } from './gate-changes.ts';
import type { ReportData, TaskRow } from './report-data.ts';
import { isTestFile } from './session-metrics.ts';

/** The report's rows, from the session state: tasks with their minutes, files by kind, gate runs, handoffs. */

export const round1 = (n: number): number => Math.round(n * 10) / 10;
/** Activity points without the session.completed event, and the session's end. */
export function workActivity(s: SessionState): { points: number[]; end: number | null } {
  const points = [...s.activity];
  if (s.completedAt) {
    const i = points.lastIndexOf(Date.parse(s.completedAt));
    if (i >= 0) points.splice(i, 1);
  }
  const end = points.reduce<number | null>((m, p) => (m === null || p > m ? p : m), null);
  return { points, end };
}

function taskMinutes(t: TaskState, points: number[], end: number, idleMs: number): number | null {
  if (t.intervals.length === 0) return null;
  const ivs = t.intervals
    .map((iv) => ({ start: iv.start, end: Math.min(iv.end ?? end, end) }))
    .filter((iv) => iv.end >= iv.start);
  return toMinutes(activeMsInIntervals(ivs, points, idleMs));
}

/** Gate output goes into committed reports: every summary redacted. */
export const redactedChanges = (c: GateChanges): GateChanges => ({
  introduced: c.introduced.map((x) => ({ ...x, summary: redact(x.summary) })),
  fixed: c.fixed.map((x) => ({ ...x, failSummary: redact(x.failSummary), passSummary: redact(x.passSummary) })),
  stillFailing: c.stillFailing.map((x) => ({ ...x, summary: redact(x.summary) })),
});

export const handoffChain = (t: TaskState): ReportData['handoffs'][number] => ({
  task: t.id,
  title: t.title,
  chain: [t.handoffs[0]?.from ?? '?', ...t.handoffs.map((h) => h.to)],
  notes: t.handoffs.map((h) => `${h.from ?? '?'} → ${h.to}${h.note ? `: ${redact(h.note)}` : ''}`),
});

/** Each task with its active minutes (to the session's end) and its output redacted. */
export function taskRows(s: SessionState, points: number[], endMs: number, idleMs: number): TaskRow[] {
  return s.tasks.map((t) => ({
    id: t.id,
    title: t.title,
    agent: t.agent,
    status: t.status,
    estimatedMinutes: t.estimatedMinutes,
    actualMinutes: taskMinutes(t, points, endMs, idleMs),
    files: [...t.files],
    forced: t.forced,
    output: t.output === null ? null : redact(t.output),
  }));
}

const kindOf = (p: string): ReportData['files'][number]['kind'] =>
  isTestFile(p) ? 'test' : isDoc(p) ? 'doc' : isSource(p) ? 'source' : 'other';

/** The changed files with what kind each is. */
export const fileRows = (numstat: readonly NumstatRow[]): ReportData['files'] =>
  numstat.map((r) => ({ ...r, kind: kindOf(r.path) }));

/** Every gate run, each result with the first line of its output (redacted) when it did not pass. */
export const gateRunRows = (s: SessionState): ReportData['gateRuns'] =>
  s.gateRuns.map((r) => ({
    t: r.t,
    trigger: r.trigger,
    results: r.results.map((g) => ({
      name: g.name,
      status: g.status,
      blocking: g.blocking,
      cached: g.cached,
      line: g.status === 'pass' ? '' : failureLine(g.summary),
      ...(g.preexisting ? { preexisting: true } : {}),
    })),
  }));
