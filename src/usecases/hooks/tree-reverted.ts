import type { GateResult } from '../../contracts/events.ts';
import { baselineTime, loadBaselines } from '../gates/gate-baseline.ts';
import { forgetFailures, readGateCache } from '../gates/gate-cache.ts';
import type { SessionStore } from '../session/session-store.ts';
import { type ClaudeSessionState, writeClaudeSession } from './claude-session-state.ts';

/**
 * The working tree is back as the session found it (a revert): what the gates say is what they
 * said then. The block counter starts again, and the gates that failed since get a result that
 * says so — their baseline when there is one, else "not re-run" — so status, SessionStart and the
 * reports stop showing a failure that no longer exists.
 */
export async function afterRevert(
  store: SessionStore,
  sessionId: string,
  claudeSession: string | undefined,
  counters: ClaudeSessionState,
): Promise<void> {
  if (counters.consecutiveBlocks > 0) await writeClaudeSession(store, claudeSession, { consecutiveBlocks: 0 });
  // failures the baseline recorded are already what the ledger says; only later ones need a word
  const since = baselineTime(store, sessionId) ?? store.startedAt(sessionId) ?? '';
  const failed = Object.entries(readGateCache(store.local).failed)
    .filter(([, f]) => f.failedAt > since)
    .map(([name]) => name);
  if (failed.length === 0) return;
  const baselines = loadBaselines(store, sessionId) ?? {};
  const results: GateResult[] = failed.map((name) => {
    const base = baselines[name];
    const shared = { name, durationMs: 0, command: null, fingerprint: null, cached: true };
    if (!base || base.status === 'error' || base.status === 'skipped') {
      return {
        ...shared,
        status: 'skipped',
        blocking: false,
        summary: 'not re-run: the tree is back as the session found it',
      };
    }
    return {
      ...shared,
      status: base.status,
      blocking: false,
      summary:
        base.status === 'pass'
          ? 'the tree is back as the session found it: passing, as at the baseline'
          : 'the tree is back as the session found it: failing, as at the baseline',
      ...(base.status === 'fail' ? { preexisting: true } : {}),
    };
  });
  await store.append(sessionId, [{ type: 'gate.run', trigger: 'stop', results }]);
  await forgetFailures(store.local, failed);
}
