import { readLocalText, writeLocalJson } from '../../adapters/store/local-json.ts';
import type { StorePaths } from '../../adapters/store/paths.ts';
import type { GateResult } from '../../contracts/events.ts';
import { type GateCache, parseCache, updateCache } from '../../domain/gates/fingerprint.ts';

/** `.claude/.csm/gate-cache.json`: the fingerprints each gate last passed and failed with (machine-local). */
const CACHE = 'gate-cache.json';

export function readGateCache(paths: StorePaths): GateCache {
  return parseCache(readLocalText(paths, CACHE));
}

/** Drops what the cache remembers of these gates' failures (the tree they failed on is gone). Best effort. */
export async function forgetFailures(paths: StorePaths, names: readonly string[]): Promise<void> {
  try {
    const cache = readGateCache(paths);
    for (const n of names) delete cache.failed[n];
    await writeLocalJson(paths, CACHE, cache);
  } catch {
    // the next run re-runs them anyway once the tree changes
  }
}

/** Best effort: a cache that cannot be written only costs a re-run next time. */
export async function saveGateCache(paths: StorePaths, results: readonly GateResult[], at: string): Promise<void> {
  if (results.every((r) => r.cached)) return;
  try {
    await writeLocalJson(paths, CACHE, updateCache(readGateCache(paths), results, at));
  } catch {
    // ignored on purpose
  }
}
