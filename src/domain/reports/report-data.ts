import type { LedgerEvent } from '../../contracts/events.ts';
import type { NumstatRow } from '../../contracts/git-state.ts';
import type { SessionState } from '../tasks/session-state.ts';
import type { GateChanges } from './gate-changes.ts';
import type { Ratio } from './session-metrics.ts';
import type { ScorePart } from './score.ts';

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

/** What the reports take from the session state as it is. */
type StateFacts = Pick<
  SessionState,
  | 'session'
  | 'objectives'
  | 'workflow'
  | 'branch'
  | 'baseCommit'
  | 'startedAt'
  | 'unassignedFiles'
  | 'stopBlocks'
  | 'risks'
>;

export interface ReportData extends StateFacts {
  /** The files were measured from the working tree at the start (uncommitted changes then are not the session's). */
  fromStartTree: boolean;
  /** The last ledger event other than session.completed. */
  endAt: string | null;
  objectivesMet: { met: boolean; why: string[] };
  tasks: TaskRow[];
  files: (NumstatRow & { kind: 'test' | 'doc' | 'source' | 'other' })[];
  tests: {
    files: string[];
    passed: string[];
    cases: { task: string; title: string; cases: string[] }[];
    lastRun: { t: string; passed: boolean } | null;
  };
  gateRuns: {
    t: string;
    trigger: string;
    results: {
      name: string;
      status: string;
      blocking: boolean;
      cached: boolean;
      line: string;
      preexisting?: boolean;
    }[];
  }[];
  gateChanges: GateChanges;
  blockers: { task: string; title: string; status: string; reasons: string[] }[];
  handoffs: { task: string; title: string; chain: string[]; notes: string[] }[];
  nextSteps: string[];
  overrides: { task: string; title: string; at: string | null; missing: string[] }[];
  undocumented: string[];
  metrics: { completionRate: Ratio; qualityScore: Ratio; timeEfficiency: Ratio; bugRate: Ratio; docCoverage: Ratio };
  score: { value: number; parts: ScorePart[] };
  counts: {
    tasksPlanned: number;
    tasksCompleted: number;
    testsWritten: number;
    testsPassed: number;
    bugsFixed: number;
    bugsIntroduced: number;
    /** Regressions a gate caught and the session fixed (not bugs: the gate working). */
    regressionsCaught: number;
    linesAdded: number;
    linesRemoved: number;
    timeSpent: number;
    timeEstimated: number;
  };
  budgetMinutes: number | null;
  plansImported: number;
  replans: number;
  stopReleases: { t: string; reason: string }[];
  wentWell: string[];
  wentBadly: string[];
}

/**
 * The original design's performance-tracking record, one line of .claude/metrics-history.jsonl.
 * - tasksPlanned: tasks in the plan at the end (removed tasks left out); tasksCompleted: those completed (forced
 *   included);
 * - testsWritten: changed test files with added lines since the base commit (isTestFile);
 * - testsPassed: of those, the ones covered by a passing test run (passedTestFiles);
 * - bugsFixed: failures from before the session that now pass; bugsIntroduced: blocking gates that
 *   passed earlier in the session and still fail at its end (bugCounts; a caught-and-fixed regression is neither);
 * - linesAdded / linesRemoved: git numstat since the base commit, working tree included, .claude/ left out;
 * - timeSpent: active minutes of the session (gaps over the idle threshold left out);
 * - timeEstimated: the sum of the tasks' estimates, in minutes;
 * - score: the review's 0–100 score (SCORE_FORMULA).
 */
export interface PerformanceRecord {
  session: string;
  completedAt: string | null;
  metrics: Omit<ReportData['counts'], 'regressionsCaught'>;
  score: number;
}

export const performanceRecord = (data: ReportData, completedAt: string | null = null): PerformanceRecord => ({
  session: data.session,
  completedAt,
  metrics: (({ regressionsCaught: _, ...rest }) => rest)(data.counts),
  score: data.score.value,
});
