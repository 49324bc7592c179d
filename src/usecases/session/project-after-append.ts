import { markProjectionBehind, takeProjectionBehind } from '../../adapters/store/projection-marker.ts';
import { assertWritable } from '../../adapters/store/paths.ts';
import { lockStore } from '../../adapters/store/store-lock.ts';
import { isCsmError } from '../../errors.ts';
import type { SessionStore } from './session-store.ts';

/**
 * Brings tasks.json up to date after an append, if the store lock is free right now: `update`
 * extends it in place or, when earlier appends found the lock taken, tasks.json is first rebuilt
 * from the whole ledger. When the lock is taken, tasks.json is marked behind for the next writer
 * (any task command rebuilds it whole): a contended lock delays the projection and never loses
 * the event. Returns what `update` returned, or null when the work was left for later.
 */
export async function projectAfterAppend<T>(store: SessionStore, id: string, update: () => T): Promise<T | null> {
  try {
    return await lockStore(
      store.paths,
      () => {
        if (takeProjectionBehind(store.paths, id)) {
          assertWritable(store.paths, store.paths.sessionFile(id, 'tasks.json'));
          store.readTasksFile(id); // refuse to rebuild over a file that fails its schema
          store.writeTasks(store.load(id).state);
        }
        return update();
      },
      { waitMs: 0 },
    );
  } catch (e) {
    if (!isCsmError(e) || e.code !== 'LOCKED') throw e;
    markProjectionBehind(store.paths, id);
    return null;
  }
}
