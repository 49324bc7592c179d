import { fmtTime } from './format-time.ts';
import type { ReportData } from './report-data.ts';

/** A task took this many times its estimate or more: "did not go well". */
export const OVERRUN = 1.5;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What went well and what did not, as rules over the report's facts (no judgement calls). */
export function reviewNotes(d: ReportData): { well: string[]; badly: string[] } {
  const well: string[] = [];
  const badly: string[] = [];
  const { counts, metrics } = d;
  const open = d.tasks.filter((t) => t.status !== 'completed');

  if (counts.tasksPlanned > 0 && open.length === 0)
    well.push(`all ${plural(counts.tasksPlanned, 'planned task')} completed`);
  else if (open.length)
    badly.push(`${plural(open.length, 'task')} not completed: ${open.map((t) => `${t.id} (${t.status})`).join(', ')}`);

  for (const f of d.gateChanges.fixed) {
    const span = `${fmtTime(f.failedAt)} → ${fmtTime(f.fixedAt)}`;
    const what = f.introduced ? 'caught a regression and it was fixed' : 'went from failing to passing';
    well.push(`gate ${f.gate} ${what} (${span})`);
  }
  for (const f of d.gateChanges.stillFailing) {
    const kind = f.blocking ? 'gate' : 'advisory gate';
    if (f.preexisting) {
      badly.push(`${kind} ${f.gate} still fails as it did before the session (nothing new since ${fmtTime(f.since)})`);
      continue;
    }
    const earlier = f.introduced ? '; it passed earlier in the session' : '';
    badly.push(`${kind} ${f.gate} still fails (since ${fmtTime(f.since)}${earlier})`);
  }

  const lastRun = d.gateRuns[d.gateRuns.length - 1];
  if (lastRun && d.gateChanges.stillFailing.length === 0 && lastRun.results.some((r) => r.status === 'pass'))
    well.push(`the newest gate run (${fmtTime(lastRun.t)}) passed`);
  if (metrics.qualityScore.value !== null && metrics.qualityScore.value >= 0.9)
    well.push(`${metrics.qualityScore.num} of ${metrics.qualityScore.den} checks passed`);
  if (metrics.qualityScore.den === 0 && counts.linesAdded + counts.linesRemoved > 0)
    badly.push('no gate run or test command checked the changes');

  const onTime = d.tasks.filter(
    (t) =>
      t.status === 'completed' &&
      t.estimatedMinutes !== null &&
      t.actualMinutes !== null &&
      t.actualMinutes <= t.estimatedMinutes,
  );
  if (onTime.length) well.push(`on or under estimate: ${onTime.map((t) => t.id).join(', ')}`);
  for (const t of d.tasks) {
    if (t.estimatedMinutes && t.actualMinutes !== null && t.actualMinutes >= OVERRUN * t.estimatedMinutes) {
      badly.push(`${t.id} took ${t.actualMinutes} min against ${t.estimatedMinutes} estimated`);
    }
  }
  if (d.budgetMinutes !== null && counts.timeSpent > d.budgetMinutes)
    badly.push(`${counts.timeSpent} min active, over the ${d.budgetMinutes} min budget`);

  if (counts.testsWritten > 0)
    well.push(
      `${plural(counts.testsWritten, 'test file')} added or changed, ${counts.testsPassed} covered by a ` +
        `passing test run`,
    );
  else if (counts.linesAdded > 0) badly.push('no test file was added or changed');

  if (metrics.docCoverage.value === 1) well.push('every change to source came with a documentation change');
  if (d.undocumented.length) badly.push(`source changed without docs in ${d.undocumented.join(', ')}`);

  if (d.overrides.length)
    badly.push(`${plural(d.overrides.length, 'completion')} forced: ${d.overrides.map((o) => o.task).join(', ')}`);
  if (d.stopBlocks > 0) badly.push(`Stop was blocked ${plural(d.stopBlocks, 'time')} by failing gates`);
  if (d.unassignedFiles.length) badly.push(`edits with no task in progress: ${d.unassignedFiles.join(', ')}`);
  if (d.handoffs.length) well.push(`handoffs recorded on ${d.handoffs.map((h) => h.task).join(', ')}`);
  return { well, badly };
}
