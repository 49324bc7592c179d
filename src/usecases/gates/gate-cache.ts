import type { LocalState } from '../../adapters/store/local-json.ts';
import type { GateResult } from '../../contracts/events.ts';
import { type GateCache, parseCache, updateCache } from '../../domain/gates/fingerprint.ts';

/** `.claude/.csm/gate-cache.json`: the fingerprints each gate last passed and failed with (machine-local). */
const CACHE = 'gate-cache.json';

export function readGateCache(local: LocalState): GateCache {
  return parseCache(local.readText(CACHE));
}

/** Drops what the cache remembers of these gates' failures (the tree they failed on is gone). Best effort. */
export async function forgetFailures(local: LocalState, names: readonly string[]): Promise<void> {
  try {
    const cache = readGateCache(local);
    for (const n of names) delete cache.failed[n];
    await local.writeJson(CACHE, cache);
  } catch {
    // the next run re-runs them anyway once the tree changes
  }
}

/** Best effort: a cache that cannot be written only costs a re-run next time. */
export async function saveGateCache(local: LocalState, results: readonly GateResult[], at: string): Promise<void> {
  if (results.every((r) => r.cached)) return;
  try {
    await local.writeJson(CACHE, updateCache(readGateCache(local), results, at));
  } catch {
    // ignored on purpose
  }
}
