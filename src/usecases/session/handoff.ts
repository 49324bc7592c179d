import { handoffDue, handoffText, pressureReason } from '../../domain/reports/handoff.ts';
import { openProject } from './open-store.ts';
import type { SessionStore } from './session-store.ts';

/** Writes a hand-off note for the session into its ledger (`reason`: why now). Returns the note. */
export async function recordHandoff(store: SessionStore, sessionId: string, reason: string): Promise<string> {
  const { result } = await store.mutate(sessionId, (state) => {
    const text = handoffText(state);
    return { events: [{ type: 'context.handoff', reason, text }], result: text };
  });
  return result;
}

/**
 * The status line's view of the context window: past a threshold of `context.handoffAt` with no
 * hand-off yet since the window was fresh, one is written (checked again under the lock, so two
 * status lines at once write one). Returns the threshold written for, or null.
 */
export async function handoffOnPressure(
  dir: string,
  claudeSession: string | null,
  usedPercent: number,
): Promise<number | null> {
  const p = openProject(dir);
  const id = p.store.activeSessionId();
  if (!id || p.config.context.handoffAt.length === 0) return null;
  const thresholds = p.config.context.handoffAt;
  if (handoffDue(p.store.loadForDigest(id).state, claudeSession, usedPercent, thresholds) === null) return null;
  const { result } = await p.store.mutate(id, (state) => {
    const due = handoffDue(state, claudeSession, usedPercent, thresholds);
    return due === null
      ? { events: [], result: null }
      : {
          events: [{ type: 'context.handoff', reason: pressureReason(due, usedPercent), text: handoffText(state) }],
          result: due,
        };
  });
  return result;
}
