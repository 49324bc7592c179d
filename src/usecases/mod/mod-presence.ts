import type { LocalState } from '../../adapters/store/local-json.ts';

/**
 * `.claude/.csm/mod-helper.json`: the mod's helper serving this repository now (its pid and since
 * when), written when it first serves the repository and removed when it ends — so `csm doctor`
 * can say whether edits go through the mod or the command hooks.
 */
const FILE = 'mod-helper.json';

export interface ModPresence {
  pid: number;
  since: string;
}

export function readModPresence(local: LocalState): ModPresence | null {
  const v = local.readJson(FILE) as { pid?: unknown; since?: unknown } | null;
  return v && typeof v.pid === 'number' && typeof v.since === 'string' ? { pid: v.pid, since: v.since } : null;
}

export async function markModPresent(local: LocalState, me: ModPresence): Promise<void> {
  await local.writeJson(FILE, me);
}

/** Removes the mark when it is still this helper's (another session's helper may have written its own since). */
export async function clearModPresence(local: LocalState, pid: number): Promise<void> {
  if (readModPresence(local)?.pid === pid) await local.remove(FILE);
}
