import fs from 'node:fs';
import path from 'node:path';
import { msg } from '../../messages/index.ts';
import { ioError, readTextIfExists, writeFileAtomic } from './atomic-file.ts';
import { assertWritable, type StorePaths } from './paths.ts';
import { lockStore } from './store-lock.ts';

/** Files under `.claude/`: every write is checked against links out of the repository, then atomic. */

/** Writes a file under `.claude/`. Call holding the store lock. */
export function writeStoreFile(paths: StorePaths, file: string, content: string): void {
  assertWritable(paths, file);
  writeFileAtomic(file, content);
}

/** Writes a file under `.claude/`, taking the store lock for it. */
export function writeStoreFileLocked(paths: StorePaths, file: string, content: string): Promise<void> {
  return lockStore(paths, () => writeStoreFile(paths, file, content));
}

/**
 * Appends one line to a JSON-lines file under `.claude/` (a torn last line stays a line of its own). Call holding the
 * store lock.
 */
export function appendStoreLine(paths: StorePaths, file: string, line: string): void {
  assertWritable(paths, file);
  const prev = readTextIfExists(file) ?? '';
  try {
    fs.appendFileSync(file, `${prev.length > 0 && !prev.endsWith('\n') ? '\n' : ''}${line}\n`);
  } catch (e) {
    throw ioError(msg.store.couldNotAppend(file), e);
  }
}

/** Removes a file under `.claude/` (nothing when it is gone). Call holding the store lock. */
export function removeStoreFile(paths: StorePaths, file: string): void {
  assertWritable(paths, file);
  fs.rmSync(file, { force: true });
}

/** Creates directories under `.claude/`. Call holding the store lock. */
export function makeStoreDirs(paths: StorePaths, dirs: readonly string[]): void {
  for (const dir of dirs) {
    assertWritable(paths, path.join(dir, 'x'));
    fs.mkdirSync(dir, { recursive: true });
  }
}

/** The names of the `.md` files in a directory (without the extension), sorted; none when it is missing. */
export function markdownNames(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}
