import type { ReportData } from './report-data.ts';

/**
 * The bug figures in words: what the session left broken, what its gates caught and it fixed,
 * and what was failing before it and now passes.
 */
export function bugNote(d: ReportData): string {
  const c = d.counts;
  const caught = `caught and fixed ${c.regressionsCaught}`;
  return `bugs introduced ${c.bugsIntroduced}, ${caught}, fixed from before ${c.bugsFixed}`;
}

/** Time efficiency with what it divides: actual minutes of estimated ones (under 1× is faster than planned). */
export function timeNote(d: ReportData): string {
  const t = d.metrics.timeEfficiency;
  if (t.value === null) return 'time n/a (no task with an estimate completed)';
  return `time ${t.num} of ${t.den} min estimated (${t.value.toFixed(2)}×)`;
}
