import { filesEditedFor, type SessionState } from '../tasks/session-state.ts';
import { nextReadyTask } from '../tasks/task-actions.ts';
import { asData, fileAsData } from './as-data.ts';
import { gateView } from './status-view.ts';

/**
 * The hand-off note for a context window about to be compacted: what is done, what is in progress
 * and with which files, what fails, what comes next — facts from the ledger, for the Claude that
 * carries on after the compaction. Plain statements, the repository's words quoted as data.
 */
/** Why a task is blocked: its newest blocker, else its status. */
const lastBlocker = (t: { blockers: readonly string[]; status: string }): string =>
  t.blockers[t.blockers.length - 1] ?? t.status;

export function handoffText(s: SessionState): string {
  const done = s.tasks.filter((t) => t.status === 'completed');
  const active = s.tasks.find((t) => t.status === 'in_progress');
  const lines: string[] = [];
  lines.push(
    `Done: ${done.length} of ${s.tasks.length} task(s)${
      done.length
        ? ` — ${done
            .slice(-5)
            .map((t) => `${t.id} ${asData(t.title, 80)}`)
            .join(', ')}`
        : ''
    }.`,
  );
  if (active) {
    lines.push(`In progress: ${active.id} ${asData(active.title, 120)} (agent ${active.agent}).`);
    if (active.criteria.length)
      lines.push(
        `Its success criteria: ${active.criteria
          .slice(0, 4)
          .map((c) => asData(c, 120))
          .join('; ')}.`,
      );
    const files = filesEditedFor(s, active.id);
    const earlier = files.length > 12 ? ` (and ${files.length - 12} earlier)` : '';
    if (files.length) lines.push(`Files it touched so far: ${files.slice(-12).map(fileAsData).join(', ')}${earlier}.`);
  } else lines.push('No task is in progress.');
  const g = gateView(s);
  if (g.failing.length) lines.push(`Failing gates: ${g.failing.join(', ')} (\`csm gates\` shows the output).`);
  if (g.preexisting.length) lines.push(`Failing since before the session (not blocking): ${g.preexisting.join(', ')}.`);
  const blocked = s.tasks.filter((t) => t.status === 'blocked' || t.status === 'failed');
  if (blocked.length)
    lines.push(`Blocked: ${blocked.map((t) => `${t.id} ${asData(lastBlocker(t), 120)}`).join('; ')}.`);
  const next = nextReadyTask(s);
  const pending = s.tasks.filter((t) => t.status === 'pending');
  if (next)
    lines.push(
      `Next: ${next.id} ` +
        `${asData(next.title, 120)}${pending.length > 1 ? `, then ${pending.length - 1} more pending` : ''}.`,
    );
  const text = lines.join('\n');
  return text.length > 1200 ? `${text.slice(0, 1199)}…` : text;
}

/** The thresholds this Claude session's window has hand-offs for since it was last fresh (start, clear, compact). */
function windowHandoffs(s: SessionState, claudeSession: string | null): number[] {
  const fresh = s.claudeSessions.filter((c) => c.id === claudeSession).pop()?.t ?? '';
  return s.handoffs
    .filter((h) => h.t >= fresh)
    .map((h) => /^context (\d+)%/.exec(h.reason)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number);
}

/** The highest of `thresholds` (percentages of the context window) that `usedPercent` has passed, or null. */
function topPassed(usedPercent: number, thresholds: readonly number[]): number | null {
  const passed = thresholds.filter((t) => usedPercent >= t);
  return passed.length ? Math.max(...passed) : null;
}

/**
 * The threshold just passed that has no hand-off yet since this Claude session's window was last
 * fresh, or null. A hand-off at a higher threshold covers the lower ones.
 */
export function handoffDue(
  s: SessionState,
  claudeSession: string | null,
  usedPercent: number,
  thresholds: readonly number[],
): number | null {
  const top = topPassed(usedPercent, thresholds);
  if (top === null) return null;
  return windowHandoffs(s, claudeSession).some((w) => w >= top) ? null : top;
}

/** The threshold passed that this window already has a hand-off for, or null: the status line keeps saying so. */
export function handoffSaved(
  s: SessionState,
  claudeSession: string | null,
  usedPercent: number,
  thresholds: readonly number[],
): number | null {
  const top = topPassed(usedPercent, thresholds);
  if (top === null) return null;
  return windowHandoffs(s, claudeSession).some((w) => w >= top) ? top : null;
}

/** The reason recorded with a hand-off written at `threshold` percent of the window. */
export const pressureReason = (threshold: number, usedPercent: number): string =>
  `context ${threshold}% (window ${Math.round(usedPercent)}% full)`;
