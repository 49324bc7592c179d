import { isDoc, isSource } from '../gates/docs-check.ts';
import { redact } from '../redact.ts';
import { activeMs, activeMsInIntervals, toMinutes } from '../tasks/active-time.ts';
import type { SessionState, TaskState } from '../tasks/session-state.ts';
import { missingOf, nextSteps, objectivesStatus } from './report-sections.ts';
import type { NumstatRow } from '../../contracts/git-state.ts';
import type { ReportData, ReportInput, TaskRow } from './report-data.ts';
import { reviewNotes } from './review-notes.ts';
import { docCoverage, gateChanges, type GateChanges, isTestFile, lastTestRun, passedTestFiles, qualityScore, ratio } from './session-metrics.ts';
import { scoreOf } from './score.ts';

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

/** The report's numbers of the original design's performance record. */
function countsOf(
  s: SessionState,
  x: { tasks: TaskRow[]; completed: TaskRow[]; testFiles: string[]; passed: string[]; changes: GateChanges; numstat: readonly NumstatRow[]; points: number[]; idleMs: number },
): ReportData['counts'] {
  return {
    tasksPlanned: x.tasks.length,
    tasksCompleted: x.completed.length,
    testsWritten: x.testFiles.length,
    testsPassed: x.passed.length,
    ...bugCounts(x.changes),
    linesAdded: x.numstat.reduce((n, r) => n + r.added, 0),
    linesRemoved: x.numstat.reduce((n, r) => n + r.removed, 0),
    timeSpent: toMinutes(activeMs(x.points, x.idleMs)),
    timeEstimated: s.tasks.reduce((n, t) => n + (t.estimatedMinutes ?? 0), 0),
  };
}

/**
 * Bugs, as the gates saw them: a regression Stop caught and the session fixed is the gate working,
 * not a bug. bugsIntroduced: blocking gates that passed earlier in the session and still fail at
 * its end; regressionsCaught: the same, fixed before the end; bugsFixed: failures from before the
 * session that now pass.
 */
export function bugCounts(c: GateChanges): { bugsFixed: number; bugsIntroduced: number; regressionsCaught: number } {
  return {
    bugsFixed: c.fixed.filter((f) => !f.introduced).length,
    bugsIntroduced: c.stillFailing.filter((f) => f.introduced && f.blocking).length,
    regressionsCaught: c.fixed.filter((f) => f.introduced).length,
  };
}

/** Gate output goes into committed reports: every summary redacted. */
const redactedChanges = (c: GateChanges): GateChanges => ({
  introduced: c.introduced.map((x) => ({ ...x, summary: redact(x.summary) })),
  fixed: c.fixed.map((x) => ({ ...x, failSummary: redact(x.failSummary), passSummary: redact(x.passSummary) })),
  stillFailing: c.stillFailing.map((x) => ({ ...x, summary: redact(x.summary) })),
});

const handoffChain = (t: TaskState): ReportData['handoffs'][number] => ({
  task: t.id,
  title: t.title,
  chain: [t.handoffs[0]?.from ?? '?', ...t.handoffs.map((h) => h.to)],
  notes: t.handoffs.map((h) => `${h.from ?? '?'} → ${h.to}${h.note ? `: ${redact(h.note)}` : ''}`),
});

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
  const bugs = bugCounts(changes);
  const bugRate = ratio(bugs.bugsIntroduced, Math.max(1, completed.length));
  const score = scoreOf({
    completion: completionRate,
    quality,
    timeEfficiency,
    bugsIntroduced: bugs.bugsIntroduced,
    tasksCompleted: completed.length,
    docs,
  });
  const counts = countsOf(s, { tasks, completed, testFiles, passed, changes, numstat, points, idleMs });
  const lastRun = lastTestRun(s);
  const data: ReportData = {
    session: s.session,
    objectives: [...s.objectives],
    workflow: s.workflow,
    branch: s.branch,
    baseCommit: s.baseCommit,
    fromStartTree: s.baseTree !== null,
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
    gateRuns: s.gateRuns.map((r) => ({ t: r.t, trigger: r.trigger, results: r.results.map((g) => ({ name: g.name, status: g.status, blocking: g.blocking, cached: g.cached, line: g.status === 'pass' ? '' : firstLine(g.summary), ...(g.preexisting ? { preexisting: true } : {}) })) })),
    gateChanges: redactedChanges(changes),
    blockers: s.tasks.filter((t) => t.blockers.length > 0).map((t) => ({ task: t.id, title: t.title, status: t.status, reasons: t.blockers.map(redact) })),
    handoffs: s.tasks.filter((t) => t.handoffs.length > 0).map(handoffChain),
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

