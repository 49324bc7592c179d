import fs from 'node:fs';
import path from 'node:path';
import type { StorePaths } from './paths.ts';

/**
 * "tasks.json is behind its ledger": left by a writer that appended an event but found the store
 * lock taken, cleared by the next writer that rebuilds tasks.json from the whole ledger. The
 * writer that clears it does so before reading the ledger, so an event appended while it works
 * either is in what it reads or leaves a fresh mark.
 */
const markerFile = (paths: StorePaths, id: string): string => path.join(paths.local, `projection-behind-${id}`);

export function markProjectionBehind(paths: StorePaths, id: string): void {
  let fd: number | undefined;
  try {
    const { O_WRONLY, O_CREAT, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
    fd = fs.openSync(markerFile(paths, id), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o644);
  } catch {
    // without the mark, tasks.json catches up at the next task command instead of the next edit
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Whether the mark is there (one stat). */
export const isProjectionBehind = (paths: StorePaths, id: string): boolean => fs.existsSync(markerFile(paths, id));

/** Clears the mark; true when there was one. */
export function takeProjectionBehind(paths: StorePaths, id: string): boolean {
  try {
    fs.unlinkSync(markerFile(paths, id));
    return true;
  } catch {
    return false;
  }
}
