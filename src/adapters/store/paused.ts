import type { LocalState } from './local-json.ts';

/** csm is paused in this clone (`csm pause`): since when, and why if said. Machine-local, like the active pointer. */
export interface Paused {
  since: string;
  reason: string | null;
}

const FILE = 'paused.json';

/** The pause, or null when csm works as usual (no file, or one that is not a pause). */
export function readPaused(local: LocalState): Paused | null {
  const v = local.readJson(FILE) as { since?: unknown; reason?: unknown } | null;
  if (!v || typeof v.since !== 'string') return null;
  return { since: v.since, reason: typeof v.reason === 'string' ? v.reason : null };
}

/** Pauses csm here (a Paused) or resumes it (null). */
export async function writePaused(local: LocalState, value: Paused | null): Promise<void> {
  if (value) await local.writeJson(FILE, value);
  else if (readPaused(local)) await local.remove(FILE);
}
