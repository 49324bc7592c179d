import path from 'node:path';
import { readProjectHooks, removeProjectHooks, writeProjectHooks } from '../../adapters/codex/project-hooks-file.ts';
import { fileExists } from '../../adapters/store/file-stat.ts';
import { type HooksBlock, mergeHooks, removeCsmHooks } from '../../domain/settings-merge.ts';
import { codexHooksBlock } from '../../kernel/hook-events.ts';
import { formatJson } from '../../kernel/format-json.ts';
import type { Project } from '../session/open-store.ts';
import { installLine, parseSettings } from './install-settings.ts';

/**
 * Where a project's Codex hooks find csm: the package in the repository's node_modules (a
 * devDependency, as for `--settings`). Codex gives project hooks no project variable and runs them
 * in the session's folder, which may be below the root: the shell asks git for the root.
 */
export const CODEX_PROJECT_BUNDLES = '$(git rev-parse --show-toplevel)/node_modules/claude-session-manager/dist/hooks';

/** csm's hooks as a project's `.codex/hooks.json` registers them. */
export const codexProjectHooks = (): HooksBlock => codexHooksBlock(CODEX_PROJECT_BUNDLES);

/**
 * `csm init --codex`: merges csm's Codex hooks into the project's `.codex/hooks.json`, keeping every
 * other hook (run twice, nothing is duplicated; an older csm's entries are replaced).
 */
export async function installCodexHooks(
  p: Project,
): Promise<{ file: string; added: number; installed: boolean; installLine: string }> {
  const r = await p.store.locked(() => {
    const file = path.join(p.root, '.codex', 'hooks.json');
    const { settings, added, removed } = mergeHooks(parseSettings(file, readProjectHooks(p.root)), codexProjectHooks());
    if (added > 0 || removed > 0) writeProjectHooks(p.root, formatJson(settings));
    return { file, added };
  });
  const installed = fileExists(path.join(p.root, 'node_modules', 'claude-session-manager'));
  return { ...r, installed, installLine: installLine() };
}

/** csm's hooks out of `.codex/hooks.json` (the file goes when it held nothing else). Call holding the lock. */
export function removeCodexHooks(p: Project): number {
  const file = path.join(p.root, '.codex', 'hooks.json');
  const text = readProjectHooks(p.root);
  if (text === null) return 0;
  const { settings, removed } = removeCsmHooks(parseSettings(file, text));
  if (!removed) return 0;
  if (Object.keys(settings).length === 0) removeProjectHooks(p.root);
  else writeProjectHooks(p.root, formatJson(settings));
  return removed;
}
