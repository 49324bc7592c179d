import type { GateResult } from '../../contracts/events.ts';
import { type Baselines, baselinesOf } from '../../domain/gates/baseline.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import type { SessionStore } from '../session/session-store.ts';

const fileName = (id: string): string => `gate-baseline-${formatSessionId(Number(id))}.json`;

/** Keeps the baseline run where Stop reads it without folding the ledger (machine-local; the ledger has it too). */
export async function saveBaselines(
  store: SessionStore,
  sessionId: string,
  results: readonly GateResult[],
  at: string,
): Promise<void> {
  try {
    await store.local.writeJson(fileName(sessionId), {
      session: formatSessionId(Number(sessionId)),
      at,
      gates: baselinesOf(results),
    });
  } catch {
    // the ledger has the run: it is read from there instead
  }
}

/** When the baseline run was recorded on this machine (ISO), or null. */
export function baselineTime(store: SessionStore, sessionId: string): string | null {
  const local = store.local.readJson(fileName(sessionId)) as { at?: unknown } | null;
  return typeof local?.at === 'string' ? local.at : null;
}

/**
 * The session's baseline: the machine-local copy, else the ledger's newest `baseline` gate run; null when none was
 * recorded.
 */
export function loadBaselines(store: SessionStore, sessionId: string): Baselines | null {
  const local = store.local.readJson(fileName(sessionId)) as { gates?: unknown } | null;
  if (local && typeof local.gates === 'object' && local.gates !== null) return local.gates as Baselines;
  try {
    const runs = store.load(sessionId).state.gateRuns.filter((r) => r.trigger === 'baseline');
    const last = runs[runs.length - 1];
    return last ? baselinesOf(last.results) : null;
  } catch {
    return null;
  }
}
