import fs from 'node:fs';
import { formatSessionId, SESSION_FILE_RE } from '../../kernel/ids.ts';
import { makeDirs, readTextIfExists, writeFileAtomic } from './atomic-file.ts';
import { assertWritable, type StorePaths } from './paths.ts';

/**
 * Which sessions exist and which one is active on this machine: the session file names under
 * `.claude/sessions/` and the git-ignored pointer `.claude/.csm/active`.
 */

/** `.claude/sessions/` exists (csm was set up here). */
export const storeExists = (paths: StorePaths): boolean => fs.existsSync(paths.sessions);

/** The session's ledger exists. */
export const sessionExists = (paths: StorePaths, id: string): boolean =>
  fs.existsSync(paths.sessionFile(id, 'events.jsonl'));

/** A pointer file is there (a quick test, for finding the store a hook event belongs to). */
export const hasActivePointer = (paths: StorePaths): boolean => fs.existsSync(paths.active);

/**
 * What binds a pointer to this clone: the identity (inode and creation time) of the machine-local
 * folder, which every clone and copy creates anew. A pointer committed to the repository (`git add
 * -f`) arrives in a clone with another folder's identity, and is not this machine's. The device is
 * left out: a container that mounts the same folder sees another device number for it.
 */
function binding(paths: StorePaths): string | null {
  try {
    const st = fs.statSync(paths.local, { bigint: true });
    return `${st.ino}:${st.birthtimeNs}`;
  } catch {
    return null;
  }
}

export interface ActivePointer {
  /** The active session, or null. */
  id: string | null;
  /**
   * Why a pointer there was not taken: `missing` — its session has no ledger; `foreign` — written
   * in another clone or copy (it came with the files, e.g. committed); `unbound` — an older csm's
   * pointer, which names no clone (taken only by `csm switch`, which binds it).
   */
  problem?: 'foreign' | 'unbound' | 'missing';
  /** The session number the ignored pointer named. */
  named?: string;
}

/** The pointer as written: the session it names and the clone it was written in. */
export function readActive(paths: StorePaths): ActivePointer {
  const m = /^([0-9]{3,9})(?: (\d+:\d+))?$/.exec(readTextIfExists(paths.active)?.trim() ?? '');
  if (!m) return { id: null };
  const id = m[1] as string;
  if (!sessionExists(paths, id)) return { id: null, problem: 'missing', named: id };
  if (m[2] === undefined) return { id: null, problem: 'unbound', named: id };
  return m[2] === binding(paths) ? { id } : { id: null, problem: 'foreign', named: id };
}

/** The active session on this machine, or null. A pointer to a missing session, or from another clone, is ignored. */
export const activeSessionId = (paths: StorePaths): string | null => readActive(paths).id;

/**
 * Points at `id`, bound to this clone, or removes the pointer. Call holding the store lock (or to bind an unbound one).
 */
export function writeActive(paths: StorePaths, id: string | null): void {
  if (id === null) {
    fs.rmSync(paths.active, { force: true });
    return;
  }
  assertWritable(paths, paths.active);
  makeDirs(paths.local);
  writeFileAtomic(paths.active, `${formatSessionId(Number(id))} ${binding(paths) ?? '0:0'}\n`);
}

/** Session numbers that have at least one file, in order. */
export function listSessionIds(paths: StorePaths): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(paths.sessions);
  } catch {
    return [];
  }
  const ids = new Set<number>();
  for (const n of names) {
    const m = SESSION_FILE_RE.exec(n);
    if (m) ids.add(Number(m[1]));
  }
  return [...ids].sort((a, b) => a - b).map(formatSessionId);
}

/** The number after the highest one in use. */
export function nextSessionId(paths: StorePaths): string {
  const ids = listSessionIds(paths);
  return formatSessionId(ids.length ? Number(ids[ids.length - 1]) + 1 : 1);
}
