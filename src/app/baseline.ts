import path from 'node:path';
import { changedFiles, treeKey } from '../adapters/git/changed-files.ts';
import { readTextIfExists } from '../adapters/store/atomic-file.ts';
import type { SessionStore } from '../adapters/store/session-store.ts';

const baselineFile = (store: SessionStore, id: string): string => path.join(store.paths.local, `baseline-${id}.json`);

/** The working tree as the session found it (machine-local): Stop does not gate a tree nobody changed. */
export async function recordBaseline(store: SessionStore, id: string): Promise<void> {
  const tree = treeKey(await changedFiles(store.paths.root));
  await store.locked(() => store.writeLocal(baselineFile(store, id), `${JSON.stringify({ session: id, tree })}\n`));
}

/** True when the working tree is exactly as it was when the session started. */
export function unchangedSinceStart(store: SessionStore, id: string, tree: string): boolean {
  try {
    const v = JSON.parse(readTextIfExists(baselineFile(store, id)) ?? 'null') as { tree?: unknown } | null;
    return v?.tree === tree;
  } catch {
    return false;
  }
}
