import fs from 'node:fs';
import path from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../store/atomic-file.ts';
import { linkError } from '../store/link-error.ts';

/**
 * A project's Codex hooks file, `.codex/hooks.json` (Codex reads it next to the project's
 * `.codex/config.toml`): the one file csm writes outside `.claude/`, for `csm init --codex`.
 * Like every write of csm's, never through a link.
 */
export const projectHooksFile = (root: string): string => path.join(root, '.codex', 'hooks.json');

/** Refuses a link at `.codex` or at the file itself. */
function assertNoLink(root: string): void {
  for (const p of [path.join(root, '.codex'), projectHooksFile(root)]) {
    try {
      if (fs.lstatSync(p).isSymbolicLink()) throw linkError(root, p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

export const readProjectHooks = (root: string): string | null => readTextIfExists(projectHooksFile(root));

/** Writes `.codex/hooks.json` (atomically, creating `.codex/`). */
export function writeProjectHooks(root: string, text: string): void {
  assertNoLink(root);
  writeFileAtomic(projectHooksFile(root), text);
}

/** Removes `.codex/hooks.json`, and `.codex/` when nothing else is left in it. */
export function removeProjectHooks(root: string): void {
  assertNoLink(root);
  fs.rmSync(projectHooksFile(root), { force: true });
  try {
    fs.rmdirSync(path.join(root, '.codex'));
  } catch {
    // not empty (the project's own config.toml …) or already gone
  }
}
