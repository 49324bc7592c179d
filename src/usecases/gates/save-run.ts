import type { GateResult } from '../../contracts/events.ts';
import type { SessionStore } from '../session/session-store.ts';
import { saveBaselines } from './gate-baseline.ts';
import { saveGateCache } from './gate-cache.ts';

/** The run's facts: the gate cache, the 'gate.run' event, at the baseline the baselines — under one store lock. */
export function saveRun(
  store: SessionStore,
  sessionId: string | null,
  trigger: string,
  now: Date,
  ran: readonly GateResult[],
  results: readonly GateResult[],
): Promise<void> {
  const at = now.toISOString();
  return store.locked(async () => {
    // a baseline failure is not "reported": the first Stop judges it (blocking with stop.blockOnPreexisting)
    await saveGateCache(store.local, trigger === 'baseline' ? ran.filter((r) => r.status !== 'fail') : ran, at);
    // A run where every gate was a cached pass adds no fact: the pass it repeats is already in the ledger.
    const news = results.some((r) => !r.cached);
    if (sessionId && results.length > 0 && (news || trigger !== 'stop')) {
      await store.append(sessionId, [{ type: 'gate.run', trigger, results: [...results] }]);
    }
    if (sessionId && trigger === 'baseline') await saveBaselines(store, sessionId, [...results], at);
  });
}
