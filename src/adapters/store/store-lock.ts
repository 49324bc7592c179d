import path from 'node:path';
import { ioError, makeDirs } from './atomic-file.ts';
import { holdsLock, type LockOptions, withLock } from './lock.ts';
import { assertWritable, type StorePaths } from './paths.ts';

const LOCK = 'store';

/**
 * Runs `fn` holding the store lock (`.claude/.csm/locks/store.lock`): every write to the store
 * happens inside it, after re-reading what it changes. Re-entrant within one process.
 */
export function lockStore<T>(paths: StorePaths, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  // already held (a write inside a locked section): the checks below were made when it was taken
  if (holdsLock(paths.locks, LOCK)) return withLock(paths.locks, LOCK, fn, opts);
  // never create the lock directory through a symlink that leads out of the repository
  assertWritable(paths, path.join(paths.locks, `${LOCK}.lock`));
  try {
    makeDirs(paths.local);
  } catch (e) {
    throw ioError(`could not create ${paths.local}`, e);
  }
  return withLock(paths.locks, LOCK, fn, opts);
}
