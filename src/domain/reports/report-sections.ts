import type { LedgerEvent } from '../../contracts/events.ts';
import { failureLine } from './failure-line.ts';
import { redact } from '../redact.ts';
import type { SessionState } from '../tasks/session-state.ts';
import { fmtTime } from './format-time.ts';
import { type GateChanges } from './gate-changes.ts';
import { runPassed } from './session-metrics.ts';

/** Parts of the completion report that are decisions over the state: objectives met, next steps, overrides. */

/**
 * Objectives are met when every planned task is completed (at least one) and the newest gate run
 * has a pass/fail result and no blocking failure; with no gate run at all, the newest recorded
 * check command must have passed. Forced completions count, and are named.
 */
export function objectivesStatus(s: SessionState): { met: boolean; why: string[] } {
  const why: string[] = [];
  const open = s.tasks.filter((t) => t.status !== 'completed');
  if (s.tasks.length === 0) why.push('no task was planned');
  else if (open.length)
    why.push(`${open.length} of ${s.tasks.length} tasks not completed (${open.map((t) => t.id).join(', ')})`);
  const run = s.gateRuns[s.gateRuns.length - 1];
  if (run && !runPassed(run)) {
    const failing = run.results.filter((r) => r.blocking && r.status === 'fail').map((r) => r.name);
    why.push(
      failing.length
        ? `the newest gate run (${fmtTime(run.t)}) failed: ${failing.join(', ')}`
        : `the newest gate run (${fmtTime(run.t)}) checked nothing (every gate errored or was skipped)`,
    );
  } else if (!run) {
    const ev = s.evidence[s.evidence.length - 1];
    if (!ev) why.push('no gate run or test command verified the work');
    else if (ev.outcome !== 'pass') why.push(`no gate run, and the newest check command failed (${fmtTime(ev.t)})`);
  }
  const met = why.length === 0;
  if (met) {
    const fails = run?.results.filter((r) => r.status === 'fail') ?? [];
    const old = fails.some((r) => r.preexisting)
      ? ', failures from before the session aside'
      : fails.length
        ? ', advisory failures aside'
        : '';
    const verdict = run
      ? `newest gate run (${fmtTime(run.t)}) passed${old}`
      : 'newest check command passed (no gate run)';
    why.push(`all ${s.tasks.length} tasks completed; ${verdict}`);
  }
  const forced = s.tasks.filter((t) => t.forced).length;
  if (forced) why.push(`${forced} completion(s) forced without full evidence (see the review's overrides)`);
  return { met, why };
}

/** What a forced completion lacked, from its task.completed event. */
export function missingOf(ledger: readonly LedgerEvent[] | undefined, id: string): string[] {
  if (!ledger) return [];
  for (let i = ledger.length - 1; i >= 0; i--) {
    const e = ledger[i]!;
    if (e.type === 'task.completed' && e.id === id) return (e.missing ?? []).map(redact);
  }
  return [];
}

/** Unfinished tasks, gates still failing, undocumented changes, edits with no task. */
export function nextSteps(s: SessionState, changes: GateChanges, undocumented: string[]): string[] {
  const steps = s.tasks
    .filter((t) => t.status !== 'completed')
    .map(
      (t) =>
        `${t.id} ${t.title} — ${t.status}${t.blockers.length ? `: ${redact(t.blockers[t.blockers.length - 1]!)}` : ''}`,
    );
  for (const f of changes.stillFailing) {
    const before = f.preexisting ? ' (failing since before this session)' : '';
    const kind = `${f.blocking ? 'gate' : 'advisory gate'} ${f.gate}${before}`;
    steps.push(`fix ${kind}: ${failureLine(f.summary) || 'failing'}${f.command ? ` (re-run: ${f.command})` : ''}`);
  }
  if (undocumented.length)
    steps.push(`document the changes of ${undocumented.join(', ')} (README, docs/ or CHANGELOG)`);
  if (s.unassignedFiles.length)
    steps.push(`review edits made with no task in progress: ${s.unassignedFiles.join(', ')}`);
  return steps;
}
