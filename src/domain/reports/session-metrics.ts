import { isDoc, isSource } from '../gates/docs-check.ts';
import type { GateRunRecord, SessionState } from '../tasks/session-state.ts';

/**
 * The formulas behind the review's metrics, each a function of the ledger state alone.
 * A "result" is one gate's outcome in one gate.run event.
 */

/** A value with the two counts it came from; `value` is null when the denominator is 0 (n/a). */
export interface Ratio {
  value: number | null;
  num: number;
  den: number;
}

export const ratio = (num: number, den: number): Ratio => ({ value: den > 0 ? num / den : null, num, den });

/**
 * Quality Score = passes ÷ checks, where the checks are every gate result that actually ran
 * (status pass or fail, not a cached pass) plus every recorded test/typecheck/lint/build command
 * (evidence.command). Errors (a gate that could not run) and skipped gates are not checks.
 */
export function qualityScore(s: SessionState): Ratio {
  let num = 0;
  let den = 0;
  for (const run of s.gateRuns) {
    for (const r of run.results) {
      // a fail with only the failures the gate had before the session says nothing of this session's work
      if (r.cached || (r.status !== 'pass' && r.status !== 'fail') || r.preexisting) continue;
      den++;
      if (r.status === 'pass') num++;
    }
  }
  for (const e of s.evidence) {
    den++;
    if (e.outcome === 'pass') num++;
  }
  return ratio(num, den);
}

/** Newest run passed: it has at least one pass/fail result and no blocking failure. */
export function runPassed(run: GateRunRecord): boolean {
  return (
    run.results.some((r) => r.status === 'pass' || r.status === 'fail') &&
    !run.results.some((r) => r.blocking && r.status === 'fail')
  );
}

const TEST_FILE = [
  /(^|\/)(test|tests|__tests__|spec|specs)\//,
  /\.(test|spec)\.[^/]+$/,
  /(^|\/)test_[^/]+\.py$/,
  /_test\.(py|go)$/,
  /Tests?\.(java|kt|cs|swift)$/,
];
/**
 * A test file by its path: under test/, tests/, __tests__/, spec/, or named *.test.*, *.spec.*, test_*.py,
 * *_test.py|go, *Test(s).java|kt|cs|swift.
 */
export const isTestFile = (path: string): boolean => TEST_FILE.some((re) => re.test(path));

const TEST_GATE = /test|pytest|spec/i;

/** The newest test run: a result of a gate named like a test gate (pass/fail), or an evidence command of kind test. */
export function lastTestRun(s: SessionState): { t: string; source: string; passed: boolean } | null {
  let best: { t: string; source: string; passed: boolean } | null = null;
  const consider = (t: string, source: string, passed: boolean): void => {
    if (best === null || Date.parse(t) >= Date.parse(best.t)) best = { t, source, passed };
  };
  for (const run of s.gateRuns) {
    for (const r of run.results)
      if (TEST_GATE.test(r.name) && (r.status === 'pass' || r.status === 'fail'))
        consider(run.t, `gate ${r.name}`, r.status === 'pass');
  }
  for (const e of s.evidence) if (e.kind === 'test') consider(e.t, e.command, e.outcome === 'pass');
  return best;
}

/**
 * testsPassed: changed test files covered by a passing test run — the newest test run passed and
 * is not older than the file's last recorded edit (a file changed outside Claude has no edit
 * record and counts when the newest test run passed).
 */
export function passedTestFiles(s: SessionState, testFiles: readonly string[]): string[] {
  const run = lastTestRun(s);
  if (!run || !run.passed) return [];
  const runAt = Date.parse(run.t);
  return testFiles.filter((f) => {
    const edits = s.edits.filter((e) => e.path === f);
    const lastEdit = edits.length ? Date.parse(edits[edits.length - 1]!.t) : -Infinity;
    return lastEdit <= runAt;
  });
}

/**
 * Documentation Coverage, per unit of change: a unit is a task with recorded edits
 * (file.edited events carrying its id), plus one unit for edits made with no task in progress.
 * A unit counts when it edited a source file (docs-check's definition: code, tests excluded);
 * it is documented when its own edits include a doc file (*.md, docs/, CHANGELOG…) or a task
 * that depends on it edited one. Coverage = documented units ÷ units that changed source.
 */
export function docCoverage(s: SessionState): Ratio & { undocumented: string[] } {
  const byUnit = new Map<string, string[]>();
  for (const e of s.edits) {
    const key = e.task ?? '(no task)';
    const list = byUnit.get(key) ?? [];
    list.push(e.path);
    byUnit.set(key, list);
  }
  let num = 0;
  let den = 0;
  const undocumented: string[] = [];
  for (const [unit, paths] of byUnit) {
    if (!paths.some(isSource)) continue;
    den++;
    const dependents = s.tasks.filter((t) => t.dependsOn.includes(unit)).map((t) => t.id);
    const documented = paths.some(isDoc) || dependents.some((d) => (byUnit.get(d) ?? []).some(isDoc));
    if (documented) num++;
    else undocumented.push(unit);
  }
  return { ...ratio(num, den), undocumented };
}
