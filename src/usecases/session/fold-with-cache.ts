import { readFoldCache, saveFoldCache } from '../../adapters/store/fold-cache.ts';
import { readLedger } from '../../adapters/store/ledger.ts';
import { compactActivity } from '../../domain/tasks/active-time.ts';
import { applyEvent, foldEvents } from '../../domain/tasks/fold-events.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';

/**
 * SessionStart's fold: the state from the machine-local cache plus what the ledger gained since
 * (a 10,000-event ledger is ~1.5 MB of JSON). The cache keeps the newest edits only — the digest
 * needs no more — and the activity points active time can still need (compactActivity: exact for
 * the idle threshold it was made with); reports and metrics always fold the whole ledger.
 */
const KEEP_EDITS = 300;

function compact(state: SessionState, idleMs: number, leftOut: number): { state: SessionState; editsLeftOut: number } {
  const kept: SessionState = {
    ...state,
    edits: state.edits.slice(-KEEP_EDITS),
    activity: compactActivity(state.activity, idleMs),
  };
  return { state: kept, editsLeftOut: leftOut + state.edits.length - kept.edits.length };
}

/** The folded state of a session's ledger, using and refreshing the cache. Falls back to a whole fold. */
export function foldWithSnapshot(
  ledgerFile: string,
  localDir: string,
  id: string,
  idleMs: number,
): { state: SessionState; warnings: string[]; editsLeftOut: number } {
  const hit = readFoldCache<SessionState>(ledgerFile, localDir, id, idleMs);
  if (hit) {
    const state = hit.state;
    for (const e of hit.added) applyEvent(state, e);
    // a few new lines are cheaper to fold again next time than to rewrite the cache now
    if (hit.stale) {
      const c = compact(state, idleMs, hit.editsLeftOut);
      hit.resave(c.state, c.editsLeftOut);
    }
    return { state, warnings: [], editsLeftOut: hit.editsLeftOut };
  }
  const { events, warnings, size } = readLedger(ledgerFile);
  const state = foldEvents(id, events);
  if (warnings.length === 0) {
    const c = compact(state, idleMs, 0);
    saveFoldCache(ledgerFile, localDir, id, idleMs, size, c.state, c.editsLeftOut);
  }
  return { state, warnings, editsLeftOut: 0 };
}
