import { redact } from '../redact.ts';
import { activeMs, toMinutes } from '../tasks/active-time.ts';
import type { SessionState } from '../tasks/session-state.ts';
import type { NumstatRow } from '../../contracts/git-state.ts';
import { bugCounts, gateChanges, type GateChanges } from './gate-changes.ts';
import type { ReportData, ReportInput, TaskRow } from './report-data.ts';
import { fileRows, gateRunRows, handoffChain, redactedChanges, round1, taskRows, workActivity } from './report-rows.ts';
import { missingOf, nextSteps, objectivesStatus } from './report-sections.ts';
import { reviewNotes } from './review-notes.ts';
import { scoreOf } from './score.ts';
import {
  docCoverage,
  lastTestRun,
  passedTestFiles,
  qualityScore as qualityScoreOf,
  type Ratio,
  ratio,
} from './session-metrics.ts';

/** The report's numbers of the original design's performance record. */
function countsOf(
  s: SessionState,
  x: {
    tasks: TaskRow[];
    completed: TaskRow[];
    testFiles: string[];
    passed: string[];
    changes: GateChanges;
    numstat: readonly NumstatRow[];
    points: number[];
    idleMs: number;
  },
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

/** The five metrics of the original design and the score. */
function metricsOf(
  s: SessionState,
  tasks: readonly TaskRow[],
  changes: GateChanges,
  docs: Ratio,
): Pick<ReportData, 'metrics' | 'score'> {
  const completed = tasks.filter((t) => t.status === 'completed');
  const timed = completed.filter((t) => (t.estimatedMinutes ?? 0) > 0 && t.actualMinutes !== null);
  const timeEfficiency = ratio(
    round1(timed.reduce((n, t) => n + (t.actualMinutes ?? 0), 0)),
    timed.reduce((n, t) => n + (t.estimatedMinutes ?? 0), 0),
  );
  const completionRate = ratio(completed.length, tasks.length);
  const qualityScore = qualityScoreOf(s);
  const { bugsIntroduced } = bugCounts(changes);
  const bugRate = ratio(bugsIntroduced, Math.max(1, completed.length));
  const score = scoreOf({
    completion: completionRate,
    quality: qualityScore,
    timeEfficiency,
    bugsIntroduced,
    tasksCompleted: completed.length,
    docs,
  });
  const docCoverage = ratio(docs.num, docs.den);
  return { metrics: { completionRate, qualityScore, timeEfficiency, bugRate, docCoverage }, score };
}

export function buildReportData(input: ReportInput): ReportData {
  const { state: s, numstat, idleMs } = input;
  const { points, end } = workActivity(s);
  const endMs = end ?? 0;
  const tasks = taskRows(s, points, endMs, idleMs);
  const files = fileRows(numstat);
  const testFiles = files.filter((f) => f.kind === 'test' && f.added > 0).map((f) => f.path);
  const passed = passedTestFiles(s, testFiles);
  const changes = gateChanges(s.gateRuns);
  const docs = docCoverage(s);
  const completed = tasks.filter((t) => t.status === 'completed');
  const { metrics, score } = metricsOf(s, tasks, changes, docs);
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
      cases: s.tasks
        .filter((t) => t.tests.length > 0)
        .map((t) => ({ task: t.id, title: t.title, cases: [...t.tests] })),
      lastRun: lastRun ? { t: lastRun.t, passed: lastRun.passed } : null,
    },
    gateRuns: gateRunRows(s),
    gateChanges: redactedChanges(changes),
    blockers: s.tasks
      .filter((t) => t.blockers.length > 0)
      .map((t) => ({ task: t.id, title: t.title, status: t.status, reasons: t.blockers.map(redact) })),
    handoffs: s.tasks.filter((t) => t.handoffs.length > 0).map(handoffChain),
    unassignedFiles: [...s.unassignedFiles],
    nextSteps: nextSteps(s, changes, docs.undocumented),
    overrides: s.tasks
      .filter((t) => t.forced)
      .map((t) => ({ task: t.id, title: t.title, at: t.completedAt, missing: missingOf(input.ledger, t.id) })),
    undocumented: docs.undocumented,
    metrics,
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
