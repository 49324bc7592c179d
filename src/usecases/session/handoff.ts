import { handoffDue, handoffSaved, handoffText, pressureReason } from '../../domain/reports/handoff.ts';
import type { NewEvent } from '../../contracts/events.ts';
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

/** A hand-off covering the window's pressure: the threshold, and whether this call wrote it. */
export interface PressureHandoff {
  at: number;
  written: boolean;
}

/**
 * The status line's view of the context window: past a threshold of `context.handoffAt` with no
 * hand-off yet since the window was fresh, one is written (checked again under the lock, so two
 * status lines at once write one). Returns the hand-off that covers the threshold passed — written
 * now or earlier, so every redraw can say it is saved — or null below the thresholds.
 */
export async function handoffOnPressure(
  dir: string,
  claudeSession: string | null,
  usedPercent: number,
): Promise<PressureHandoff | null> {
  const p = openProject(dir);
  const id = p.store.activeSessionId();
  if (!id || p.config.context.handoffAt.length === 0) return null;
  const thresholds = p.config.context.handoffAt;
  const before = p.store.loadForDigest(id).state;
  const saved = handoffSaved(before, claudeSession, usedPercent, thresholds);
  if (saved !== null) return { at: saved, written: false };
  if (handoffDue(before, claudeSession, usedPercent, thresholds) === null) return null;
  const { result } = await p.store.mutate(id, (state): { events: NewEvent[]; result: PressureHandoff | null } => {
    const due = handoffDue(state, claudeSession, usedPercent, thresholds);
    if (due === null) {
      const at = handoffSaved(state, claudeSession, usedPercent, thresholds);
      return { events: [], result: at === null ? null : { at, written: false } };
    }
    const reason = pressureReason(due, usedPercent);
    return {
      events: [{ type: 'context.handoff', reason, text: handoffText(state) }],
      result: { at: due, written: true },
    };
  });
  return result;
}
