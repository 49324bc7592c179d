import { isCsmError } from '../../errors.ts';
import type { SessionStore } from './session-store.ts';

/**
 * How long an edit's projection waits for the lock (holders are other hooks, done in milliseconds); the event is
 * already recorded.
 */
const PROJECTION_WAIT_MS = 1000;

/**
 * Brings tasks.json up to date after an append, if the store lock comes free within a second: `update`
 * extends it in place or, when earlier appends found the lock taken, tasks.json is first rebuilt
 * from the whole ledger. When the lock is taken, tasks.json is marked behind for the next writer
 * (any task command rebuilds it whole): a contended lock delays the projection and never loses
 * the event. Returns what `update` returned, or null when the work was left for later.
 */
export async function projectAfterAppend<T>(store: SessionStore, id: string, update: () => T): Promise<T | null> {
  try {
    return await store.locked(
      () => {
        store.catchUpInLock(id);
        return update();
      },
      { waitMs: PROJECTION_WAIT_MS },
    );
  } catch (e) {
    if (!isCsmError(e) || e.code !== 'LOCKED') throw e;
    store.markProjectionBehind(id);
    return null;
  }
}

/**
 * A command that reads the session first brings tasks.json level when a hook's projection found
 * the lock taken (the mark): what the user then opens agrees with what the command shows. Never
 * fails the command: a tasks.json that cannot be rewritten stays as it is (doctor reports it).
 */
export async function catchUpProjection(store: SessionStore, id: string): Promise<void> {
  if (!store.projectionBehind(id)) return;
  try {
    await store.refresh(id);
  } catch {
    // left for the next write, or for csm doctor
  }
}
