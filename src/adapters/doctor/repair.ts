import fs from 'node:fs';
import path from 'node:path';
import { assertWritable, type StorePaths } from '../store/paths.ts';

/** The few file moves `csm doctor --fix` makes besides ordinary writes. Call holding the store lock. */

/** Moves `file` to `<file>.corrupt-<stamp>` (then `-1`, `-2` … if taken) and returns the new name. */
export function moveAside(paths: StorePaths, file: string, stamp: string): string {
  let name = `${file}.corrupt-${stamp}`;
  for (let i = 1; fs.existsSync(name); i++) name = `${file}.corrupt-${stamp}-${i}`;
  assertWritable(paths, name);
  fs.renameSync(file, name);
  return name;
}

/** Removes a lock directory and its owner note. */
export function removeLockDir(locksDir: string, name: string): void {
  const dir = path.join(locksDir, `${name}.lock`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.owner`, { force: true });
}
