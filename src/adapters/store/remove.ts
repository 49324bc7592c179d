import fs from 'node:fs';
import type { StorePaths } from './paths.ts';

/** Removes a directory only when it is empty (a missing or non-empty one stays as it is). */
export function removeDirIfEmpty(dir: string): void {
  try {
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  } catch {
    // not there, or not empty: left as it is
  }
}

/** Removes `.claude/.csm/` (the machine-local state: pointer, locks, caches, debug log). */
export const removeLocalState = (paths: StorePaths): void => fs.rmSync(paths.local, { recursive: true, force: true });

/** Removes one file (the link itself when it is a symlink). */
export const removeFile = (file: string): void => fs.rmSync(file);
