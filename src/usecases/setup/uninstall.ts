import path from 'node:path';
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import { removeDirIfEmpty, removeFile, removeLocalState } from '../../adapters/store/remove.ts';
import { removeStoreFile, writeStoreFile } from '../../adapters/store/store-files.ts';
import { removeCsmHooks } from '../../domain/settings-merge.ts';
import { formatJson } from '../../kernel/format-json.ts';
import type { Project } from '../session/open-store.ts';
import { defaultFiles } from './init-store.ts';
import { removeCodexHooks } from './install-codex.ts';
import { readSettings } from './install-settings.ts';

export interface UninstallReport {
  removedHooks: number;
  removedFiles: string[];
  kept: string[];
  /** Sessions stay: they are the project's history. */
  sessionsKept: string[];
}

/**
 * csm's hooks out of .claude/settings.json, settings.local.json and .codex/hooks.json; a file that held nothing else
 * goes. Call holding the lock.
 */
function removeHooks(p: Project): number {
  let removedHooks = 0;
  for (const name of ['settings.json', 'settings.local.json']) {
    const file = path.join(p.paths.claude, name);
    if (readTextIfExists(file) === null) continue;
    const { settings, removed } = removeCsmHooks(readSettings(file));
    if (!removed) continue;
    if (Object.keys(settings).length === 0) removeStoreFile(p.paths, file);
    else writeStoreFile(p.paths, file, formatJson(settings));
    removedHooks += removed;
  }
  return removedHooks + removeCodexHooks(p);
}

/**
 * `csm uninstall`: removes what csm added and nobody changed; keeps sessions, memory written since and every edited
 * file.
 */
export async function uninstall(p: Project): Promise<UninstallReport> {
  const result = await p.store.locked(() => {
    const removedHooks = removeHooks(p);
    const removedFiles: string[] = [];
    const kept: string[] = [];
    for (const { file, content } of defaultFiles(p.paths)) {
      const text = readTextIfExists(file);
      if (text === null) continue;
      if (text === content) {
        removeFile(file);
        removedFiles.push(path.relative(p.root, file));
      } else kept.push(path.relative(p.root, file));
    }
    for (const dir of [p.paths.agents, p.paths.workflows, p.paths.memory]) removeDirIfEmpty(dir);
    return { removedHooks, removedFiles, kept };
  });
  removeLocalState(p.paths);
  for (const dir of [p.paths.sessions, p.paths.claude]) removeDirIfEmpty(dir);
  return { ...result, sessionsKept: p.store.listSessionIds() };
}
