import fs from 'node:fs';
import path from 'node:path';
import { isInside } from '../../kernel/inside.ts';
import { mainWorktree } from '../git/git-fast.ts';
import { findRepoRoot } from './paths.ts';

const hasActive = (root: string): boolean => fs.existsSync(path.join(root, '.claude', '.csm', 'active'));

/**
 * The store a hook event belongs to. Usually the repository of `cwd`. When `cwd` is a git
 * worktree with no active session of its own (a subagent's `isolation: worktree` checkout under
 * .claude/worktrees/, or a `cd` into another worktree), the session is the project's: the one
 * of `projectDir` (CLAUDE_PROJECT_DIR) when `cwd` lies under it, else the main worktree's.
 */
export function storeRootFor(cwd: string, projectDir: string | undefined): { storeRoot: string; workRoot: string } {
  const workRoot = findRepoRoot(cwd);
  if (hasActive(workRoot)) return { storeRoot: workRoot, workRoot };
  if (projectDir && isInside(projectDir, cwd)) {
    const projectRoot = findRepoRoot(projectDir);
    if (hasActive(projectRoot)) return { storeRoot: projectRoot, workRoot };
  }
  const main = mainWorktree(workRoot);
  if (main && hasActive(main)) return { storeRoot: main, workRoot };
  return { storeRoot: workRoot, workRoot };
}
