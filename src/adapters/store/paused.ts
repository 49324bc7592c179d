import { localFile, readLocalJson, writeLocalJson } from './local-json.ts';
import type { StorePaths } from './paths.ts';
import { lockStore } from './store-lock.ts';
import { removeFile } from './remove.ts';

/** csm is paused in this clone (`csm pause`): since when, and why if said. Machine-local, like the active pointer. */
export interface Paused {
  since: string;
  reason: string | null;
}

const FILE = 'paused.json';

/** The pause, or null when csm works as usual (no file, or one that is not a pause). */
export function readPaused(paths: StorePaths): Paused | null {
  const v = readLocalJson(paths, FILE) as { since?: unknown; reason?: unknown } | null;
  if (!v || typeof v.since !== 'string') return null;
  return { since: v.since, reason: typeof v.reason === 'string' ? v.reason : null };
}

/** Pauses csm here (a Paused) or resumes it (null). */
export async function writePaused(paths: StorePaths, value: Paused | null): Promise<void> {
  if (value) await writeLocalJson(paths, FILE, value);
  else if (readPaused(paths)) await lockStore(paths, () => removeFile(localFile(paths, FILE)));
}
