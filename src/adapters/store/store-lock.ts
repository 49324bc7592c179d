import path from 'node:path';
import { msg } from '../../messages/index.ts';
import { ioError, makeDirs } from './atomic-file.ts';
import { holdsLock, type LockOptions, withLock } from './lock.ts';
import { assertWritable, type StorePaths } from './paths.ts';

const LOCK = 'store';

/** Whether this process holds the store lock now (inside a locked section). */
export const holdsStoreLock = (paths: StorePaths): boolean => holdsLock(paths.locks, LOCK);

/** `fn` run where the lock is already held, its throw turned into a rejection as a lock's would be. */
function inHeldLock<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * Runs `fn` holding the store lock (`.claude/.csm/locks/store.lock`): every write to the store
 * happens inside it, after re-reading what it changes. Re-entrant within one process.
 */
export function lockStore<T>(paths: StorePaths, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  // already held (a write inside a locked section): run it here; the checks below were made when it was taken
  if (holdsStoreLock(paths)) return inHeldLock(fn);
  // never create the lock directory through a symlink that leads out of the repository
  assertWritable(paths, path.join(paths.locks, `${LOCK}.lock`));
  try {
    makeDirs(paths.local);
  } catch (e) {
    throw ioError(msg.store.couldNotCreate(paths.local), e);
  }
  return withLock(paths.locks, LOCK, fn, opts);
}
