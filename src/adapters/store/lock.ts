import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { ioError } from './atomic-file.ts';

const held = new Map<string, number>();

/** How this process waits for a lock: hooks briefly and quietly, the CLI longer and saying so. */
let waiting: { waitMs: number; onWait: ((holder: string) => void) | null } = { waitMs: 8000, onWait: null };

/** Sets how long a lock is waited for, and what is said (once, after a second) while waiting. */
export function setLockWaiting(waitMs: number, onWait: ((holder: string) => void) | null): void {
  waiting = { waitMs, onWait };
}

/** The lock's owner note (`<pid> <host>`), read once: null when there is none (yet). */
function ownerNote(lockDir: string): { note: string; pid: string; host: string } | null {
  try {
    const note = fs.readFileSync(`${lockDir}.owner`, 'utf8');
    const [pid = '?', host = ''] = note.split(' ');
    return { note, pid, host: host.trim() };
  } catch {
    return null;
  }
}
const ownerOf = (lockDir: string): string => ownerNote(lockDir)?.pid ?? '?';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface LockOptions {
  /** Give up after this long (ms); the default is the process's (see `setLockWaiting`). */
  waitMs?: number;
  /** A lock not refreshed for this long is stale (ms, proper-lockfile's minimum is 2000). */
  staleMs?: number;
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A lock whose owner process is gone (killed while holding it) is removed at once instead of waiting to go stale. */
function clearDeadOwner(lockDir: string): boolean {
  const ownerFile = `${lockDir}.owner`;
  try {
    const owner = ownerNote(lockDir);
    if (!owner) return false; // no owner note yet (the holder is between mkdir and writing it), or already gone
    const pid = Number(owner.pid);
    if (owner.host === hostname() && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !pidAlive(pid)) {
      // re-read right before removing, so a lock another waiter just took is left alone
      if (fs.readFileSync(ownerFile, 'utf8') !== owner.note) return false;
      fs.rmSync(lockDir, { recursive: true, force: true });
      unlinkQuietly(ownerFile);
      return true;
    }
  } catch {
    // no owner note yet (the holder is between mkdir and writing it), or already gone
  }
  return false;
}

/** unlink without fs.rmSync (which loads the recursive remover on every hook run). */
function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

const lockFs = {
  mkdirSync: fs.mkdirSync,
  realpathSync: fs.realpathSync,
  statSync: fs.statSync,
  rmdirSync: fs.rmdirSync,
  utimesSync: fs.utimesSync,
};

let host: string | undefined;
const hostname = (): string => (host ??= os.hostname());

/** Whether this process holds the named lock now (inside a `withLock` callback). */
export const holdsLock = (locksDir: string, name: string): boolean =>
  (held.get(path.join(locksDir, `${name}.lock`)) ?? 0) > 0;

/**
 * Takes the lock directory, waiting with jittered back-off up to `opts.waitMs`; a lock whose owner died is removed at
 * once.
 */
async function acquire(locksDir: string, lockDir: string, pending: string, opts: LockOptions): Promise<() => void> {
  const started = Date.now();
  const deadline = started + (opts.waitMs ?? waiting.waitMs);
  let said = false;
  let delay = 2;
  for (;;) {
    try {
      // the synchronous form: a handful of fs calls with no thread-pool round trips (hooks are short)
      const release = lockfile.lockSync(locksDir, {
        lockfilePath: lockDir,
        realpath: false,
        // only the calls it makes: given node's fs, proper-lockfile copies it with a spread, which
        // runs fs's lazy getters and loads the whole streams stack on every hook run
        fs: lockFs,
        // proper-lockfile's minimum: a lock nobody refreshes for 2 s is stale (csm holds it for milliseconds)
        stale: opts.staleMs ?? 2_000,
        onCompromised: () => {
          // Another process judged our lock stale; our writes are still whole files (temp + rename).
        },
      });
      return release;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') {
        unlinkQuietly(pending);
        throw ioError(msg.store.couldNotLock(lockDir), e);
      }
      if (clearDeadOwner(lockDir)) continue;
      if (Date.now() >= deadline) {
        unlinkQuietly(pending);
        throw new CsmError('LOCKED', ...msg.store.locked(lockDir));
      }
      if (!said && waiting.onWait && opts.waitMs !== 0 && Date.now() - started > 1000) {
        said = true;
        waiting.onWait(ownerOf(lockDir));
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 1.5, 40);
    }
  }
}

/**
 * Runs `fn` holding the named lock (proper-lockfile: an atomic mkdir under `locksDir`).
 * Re-entrant within one process. Waits with jittered back-off; a lock left by a dead process is recovered.
 */
export async function withLock<T>(
  locksDir: string,
  name: string,
  fn: () => Promise<T> | T,
  opts: LockOptions = {},
): Promise<T> {
  const lockDir = path.join(locksDir, `${name}.lock`);
  const depth = held.get(lockDir) ?? 0;
  if (depth > 0) {
    held.set(lockDir, depth + 1);
    try {
      return await fn();
    } finally {
      held.set(lockDir, depth);
    }
  }
  try {
    fs.mkdirSync(locksDir, { recursive: true });
  } catch (e) {
    throw ioError(msg.store.couldNotCreate(locksDir), e);
  }
  // The owner note is written before the lock is taken and renamed into place right after the
  // mkdir, so a holder killed at any write leaves a whole note (or, for a few microseconds'
  // window, none — that lock goes stale in 2 s).
  const note = `${process.pid} ${hostname()}`;
  const ownerFile = `${lockDir}.owner`;
  const pending = `${ownerFile}.${process.pid}`;
  try {
    fs.writeFileSync(pending, note);
  } catch {
    // the owner note only speeds up recovery after a crash
  }
  const release = await acquire(locksDir, lockDir, pending, opts);
  try {
    fs.renameSync(pending, ownerFile);
  } catch {
    // no note: recovery after a crash falls back to staleness
  }
  held.set(lockDir, 1);
  try {
    return await fn();
  } finally {
    held.delete(lockDir);
    try {
      release();
    } catch {
      // already released (compromised) or gone
    }
    // the note goes after the lock, and only if it is still ours (the next holder may have written its own)
    try {
      if (fs.readFileSync(ownerFile, 'utf8') === note) fs.unlinkSync(ownerFile);
    } catch {
      // already gone
    }
  }
}
