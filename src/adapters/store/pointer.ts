import fs from 'node:fs';
import { formatSessionId, SESSION_FILE_RE } from '../../kernel/ids.ts';
import { readTextIfExists, writeFileAtomic } from './atomic-file.ts';
import { assertWritable, type StorePaths } from './paths.ts';

/**
 * Which sessions exist and which one is active on this machine: the session file names under
 * `.claude/sessions/` and the git-ignored pointer `.claude/.csm/active`.
 */

/** `.claude/sessions/` exists (csm was set up here). */
export const storeExists = (paths: StorePaths): boolean => fs.existsSync(paths.sessions);

/** The session's ledger exists. */
export const sessionExists = (paths: StorePaths, id: string): boolean => fs.existsSync(paths.sessionFile(id, 'events.jsonl'));

/** A pointer file is there (a quick test, for finding the store a hook event belongs to). */
export const hasActivePointer = (paths: StorePaths): boolean => fs.existsSync(paths.active);

/** The active session on this machine, or null. A pointer to a missing session is ignored. */
export function activeSessionId(paths: StorePaths): string | null {
  const text = readTextIfExists(paths.active)?.trim();
  if (!text || !/^[0-9]{3,9}$/.test(text)) return null;
  return sessionExists(paths, text) ? text : null;
}

/** Points at `id`, or removes the pointer. Call holding the store lock. */
export function writeActive(paths: StorePaths, id: string | null): void {
  if (id === null) {
    fs.rmSync(paths.active, { force: true });
    return;
  }
  assertWritable(paths, paths.active);
  writeFileAtomic(paths.active, `${formatSessionId(Number(id))}\n`);
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
