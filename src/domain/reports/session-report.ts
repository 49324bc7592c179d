import type { LedgerEvent } from '../../contracts/events.ts';
import type { NumstatRow } from '../../contracts/git-state.ts';
import { isDoc, isSource } from '../gates/docs-check.ts';
import { redact } from '../redact.ts';
import { activeMs, activeMsInIntervals, toMinutes } from '../tasks/active-time.ts';
import type { SessionState, TaskState } from '../tasks/session-state.ts';
import { missingOf, nextSteps, objectivesStatus } from './report-sections.ts';
import { reviewNotes } from './review-notes.ts';
import {
  docCoverage, gateChanges, type GateChanges, isTestFile, lastTestRun, passedTestFiles, qualityScore, type Ratio, ratio, scoreOf, type ScorePart,
} from './session-metrics.ts';

export { renderCompleted, renderReview, finalHeading, interimHeading } from './report-render.ts';

/**
 * Everything the completion and review reports say, computed from the ledger state and git
 * numstat only. No clock: the session's end is its last ledger event other than
 * `session.completed` (completing adds no time), so an interim report and the final one built
 * from the same facts have the same body.
 */
export interface ReportInput {
  state: SessionState;
  /** git numstat since the session's base commit, working tree included (adapters/git numstatSince). */
  numstat: readonly NumstatRow[];
  idleMs: number;
  config?: { timeBudgetMinutes?: number } | undefined;
  /** The ledger, read only for what forced completions lacked (TaskState does not keep it). */
  ledger?: readonly LedgerEvent[] | undefined;
}

export interface TaskRow {
  id: string;
  title: string;
  agent: string;
  status: string;
  estimatedMinutes: number | null;
  /** Active minutes inside the task's in-progress stretches, up to the session's end; null if never started. */
  actualMinutes: number | null;
  files: string[];
  forced: boolean;
  output: string | null;
}

export interface ReportData {
  session: string;
  objectives: string[];
  workflow: string | null;
  branch: string | null;
  baseCommit: string | null;
  startedAt: string | null;
  /** The last ledger event other than session.completed. */
  endAt: string | null;
  objectivesMet: { met: boolean; why: string[] };
  tasks: TaskRow[];
  files: (NumstatRow & { kind: 'test' | 'doc' | 'source' | 'other' })[];
  tests: { files: string[]; passed: string[]; cases: { task: string; title: string; cases: string[] }[]; lastRun: { t: string; passed: boolean } | null };
  gateRuns: { t: string; trigger: string; results: { name: string; status: string; blocking: boolean; cached: boolean; line: string }[] }[];
  gateChanges: GateChanges;
  blockers: { task: string; title: string; status: string; reasons: string[] }[];
  handoffs: { task: string; title: string; chain: string[]; notes: string[] }[];
  unassignedFiles: string[];
  nextSteps: string[];
  overrides: { task: string; title: string; at: string | null; missing: string[] }[];
  undocumented: string[];
  metrics: { completionRate: Ratio; qualityScore: Ratio; timeEfficiency: Ratio; bugRate: Ratio; docCoverage: Ratio };
  score: { value: number; parts: ScorePart[] };
  counts: {
    tasksPlanned: number; tasksCompleted: number; testsWritten: number; testsPassed: number; bugsFixed: number; bugsIntroduced: number;
    linesAdded: number; linesRemoved: number; timeSpent: number; timeEstimated: number;
  };
  budgetMinutes: number | null;
  plansImported: number;
  replans: number;
  risks: { risk: string; mitigation: string }[];
  stopBlocks: number;
  stopReleases: { t: string; reason: string }[];
  wentWell: string[];
  wentBadly: string[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const firstLine = (text: string): string => redact(text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '');

/** Activity points without the session.completed event, and the session's end. */
function workActivity(s: SessionState): { points: number[]; end: number | null } {
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
  const ivs = t.intervals.map((iv) => ({ start: iv.start, end: Math.min(iv.end ?? end, end) })).filter((iv) => iv.end >= iv.start);
  return toMinutes(activeMsInIntervals(ivs, points, idleMs));
}

export function buildReportData(input: ReportInput): ReportData {
  const { state: s, numstat, idleMs } = input;
  const { points, end } = workActivity(s);
  const endMs = end ?? 0;
  const tasks: TaskRow[] = s.tasks.map((t) => ({
    id: t.id, title: t.title, agent: t.agent, status: t.status, estimatedMinutes: t.estimatedMinutes,
    actualMinutes: taskMinutes(t, points, endMs, idleMs), files: [...t.files], forced: t.forced, output: t.output === null ? null : redact(t.output),
  }));
  const files = numstat.map((r) => ({ ...r, kind: isTestFile(r.path) ? ('test' as const) : isDoc(r.path) ? ('doc' as const) : isSource(r.path) ? ('source' as const) : ('other' as const) }));
  const testFiles = files.filter((f) => f.kind === 'test' && f.added > 0).map((f) => f.path);
  const passed = passedTestFiles(s, testFiles);
  const changes = gateChanges(s.gateRuns);
  const docs = docCoverage(s);
  const completed = tasks.filter((t) => t.status === 'completed');
  const timed = completed.filter((t) => (t.estimatedMinutes ?? 0) > 0 && t.actualMinutes !== null);
  const timeEfficiency = ratio(round1(timed.reduce((n, t) => n + (t.actualMinutes ?? 0), 0)), timed.reduce((n, t) => n + (t.estimatedMinutes ?? 0), 0));
  const completionRate = ratio(completed.length, tasks.length);
  const quality = qualityScore(s);
  const bugRate = ratio(changes.introduced.length, Math.max(1, completed.length));
  const score = scoreOf({ completion: completionRate, quality, timeEfficiency, bugsIntroduced: changes.introduced.length, tasksCompleted: completed.length, docs });
  const counts = {
    tasksPlanned: tasks.length,
    tasksCompleted: completed.length,
    testsWritten: testFiles.length,
    testsPassed: passed.length,
    bugsFixed: changes.fixed.length,
    bugsIntroduced: changes.introduced.length,
    linesAdded: numstat.reduce((n, r) => n + r.added, 0),
    linesRemoved: numstat.reduce((n, r) => n + r.removed, 0),
    timeSpent: toMinutes(activeMs(points, idleMs)),
    timeEstimated: s.tasks.reduce((n, t) => n + (t.estimatedMinutes ?? 0), 0),
  };
  const lastRun = lastTestRun(s);
  const data: ReportData = {
    session: s.session,
    objectives: [...s.objectives],
    workflow: s.workflow,
    branch: s.branch,
    baseCommit: s.baseCommit,
    startedAt: s.startedAt,
    endAt: end === null ? null : new Date(end).toISOString(),
    objectivesMet: objectivesStatus(s),
    tasks,
    files,
    tests: {
      files: testFiles,
      passed,
      cases: s.tasks.filter((t) => t.tests.length > 0).map((t) => ({ task: t.id, title: t.title, cases: [...t.tests] })),
      lastRun: lastRun ? { t: lastRun.t, passed: lastRun.passed } : null,
    },
    gateRuns: s.gateRuns.map((r) => ({
      t: r.t,
      trigger: r.trigger,
      results: r.results.map((g) => ({ name: g.name, status: g.status, blocking: g.blocking, cached: g.cached, line: g.status === 'pass' ? '' : firstLine(g.summary) })),
    })),
    gateChanges: {
      introduced: changes.introduced.map((x) => ({ ...x, summary: redact(x.summary) })),
      fixed: changes.fixed.map((x) => ({ ...x, failSummary: redact(x.failSummary), passSummary: redact(x.passSummary) })),
      stillFailing: changes.stillFailing.map((x) => ({ ...x, summary: redact(x.summary) })),
    },
    blockers: s.tasks.filter((t) => t.blockers.length > 0).map((t) => ({ task: t.id, title: t.title, status: t.status, reasons: t.blockers.map(redact) })),
    handoffs: s.tasks
      .filter((t) => t.handoffs.length > 0)
      .map((t) => ({
        task: t.id,
        title: t.title,
        chain: [t.handoffs[0]!.from ?? '?', ...t.handoffs.map((h) => h.to)],
        notes: t.handoffs.map((h) => `${h.from ?? '?'} → ${h.to}${h.note ? `: ${redact(h.note)}` : ''}`),
      })),
    unassignedFiles: [...s.unassignedFiles],
    nextSteps: nextSteps(s, changes, docs.undocumented),
    overrides: s.tasks.filter((t) => t.forced).map((t) => ({ task: t.id, title: t.title, at: t.completedAt, missing: missingOf(input.ledger, t.id) })),
    undocumented: docs.undocumented,
    metrics: { completionRate, qualityScore: quality, timeEfficiency, bugRate, docCoverage: ratio(docs.num, docs.den) },
    score,
    counts,
    budgetMinutes: input.config?.timeBudgetMinutes ?? null,
    plansImported: s.replans,
    replans: Math.max(0, s.replans - 1),
    risks: s.risks.map((r) => ({ ...r })),
    stopBlocks: s.stopBlocks,
    stopReleases: s.stopReleases.map((r) => ({ t: r.t, reason: redact(r.reason) })),
    wentWell: [],
    wentBadly: [],
  };
  const notes = reviewNotes(data);
  data.wentWell = notes.well;
  data.wentBadly = notes.badly;
  return data;
}

/**
 * The original design's performance-tracking record, one line of .claude/metrics-history.jsonl.
 * - tasksPlanned: tasks in the plan at the end (removed tasks left out); tasksCompleted: those completed (forced included);
 * - testsWritten: changed test files with added lines since the base commit (isTestFile);
 * - testsPassed: of those, the ones covered by a passing test run (passedTestFiles);
 * - bugsFixed / bugsIntroduced: gate fail→pass / pass→fail transitions (gateChanges);
 * - linesAdded / linesRemoved: git numstat since the base commit, working tree included, .claude/ left out;
 * - timeSpent: active minutes of the session (gaps over the idle threshold left out);
 * - timeEstimated: the sum of the tasks' estimates, in minutes;
 * - score: the review's 0–100 score (SCORE_FORMULA).
 */
export interface PerformanceRecord {
  session: string;
  completedAt: string | null;
  metrics: ReportData['counts'];
  score: number;
}

export const performanceRecord = (data: ReportData, completedAt: string | null = null): PerformanceRecord => ({
  session: data.session,
  completedAt,
  metrics: { ...data.counts },
  score: data.score.value,
});
