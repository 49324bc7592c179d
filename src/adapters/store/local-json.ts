import path from 'node:path';
import { formatJson } from '../../kernel/format-json.ts';
import { readTextIfExists } from './atomic-file.ts';
import type { StorePaths } from './paths.ts';
import { removeStoreFile, writeStoreFile } from './store-files.ts';
import { lockStore } from './store-lock.ts';

/**
 * Machine-local JSON under `.claude/.csm/` (git-ignored): caches and per-machine state. Reading
 * never throws (a missing, unreadable or corrupt file is null: each of them is only a speed-up
 * or a counter that starts again); writing takes the store lock.
 */
export const localFile = (paths: StorePaths, name: string): string => path.join(paths.local, name);

/** The file's text, or null when it is missing or unreadable. */
export function readLocalText(paths: StorePaths, name: string): string | null {
  try {
    return readTextIfExists(localFile(paths, name));
  } catch {
    return null;
  }
}

export function readLocalJson(paths: StorePaths, name: string): unknown {
  try {
    return JSON.parse(readLocalText(paths, name) ?? 'null') as unknown;
  } catch {
    return null;
  }
}

/**
 * Writes `value` as JSON, under the store lock — formatted as the common formatters would leave it:
 * git ignores `.claude/.csm/`, but prettier reads only the project's own ignore files.
 */
export function writeLocalJson(paths: StorePaths, name: string, value: unknown): Promise<void> {
  const text = formatJson(value);
  return lockStore(paths, () => writeStoreFile(paths, localFile(paths, name), text));
}

/** The repository's machine-local state (`.claude/.csm/`), bound to its store: what use cases read and write. */
export interface LocalState {
  /** The repository the state belongs to. */
  readonly root: string;
  readText(name: string): string | null;
  /** The file's JSON, or null when it is missing, unreadable or corrupt. */
  readJson(name: string): unknown;
  /** Writes `value` as JSON under the store lock. */
  writeJson(name: string, value: unknown): Promise<void>;
  /** Removes the file under the store lock (nothing when it is gone). */
  remove(name: string): Promise<void>;
  /** The file's absolute path, to show a person. */
  file(name: string): string;
}

export const localState = (paths: StorePaths): LocalState => ({
  root: paths.root,
  readText: (name) => readLocalText(paths, name),
  readJson: (name) => readLocalJson(paths, name),
  writeJson: (name, value) => writeLocalJson(paths, name, value),
  remove: (name) => lockStore(paths, () => removeStoreFile(paths, localFile(paths, name))),
  file: (name) => localFile(paths, name),
});
