import { changedFiles, treeKey } from '../../adapters/git/changed-files.ts';
import type { SessionStore } from './session-store.ts';

const baselineName = (id: string): string => `baseline-${id}.json`;

/** The working tree as the session found it (machine-local): Stop does not gate a tree nobody changed. */
export async function recordBaseline(store: SessionStore, id: string): Promise<void> {
  const tree = treeKey(await changedFiles(store.root));
  await store.local.writeJson(baselineName(id), { session: id, tree });
}

/** True when the working tree is exactly as it was when the session started. */
export function unchangedSinceStart(store: SessionStore, id: string, tree: string): boolean {
  const v = store.local.readJson(baselineName(id)) as { tree?: unknown } | null;
  return v?.tree === tree;
}
