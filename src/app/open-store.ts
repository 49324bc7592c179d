import fs from 'node:fs';
import path from 'node:path';
import type { CsmConfig } from '../contracts/config.ts';
import { mainWorktree } from '../adapters/git/git-fast.ts';
import type { HookInput } from '../contracts/hook-input.ts';
import { clock } from '../adapters/clock.ts';
import { loadConfig } from '../adapters/config/load-config.ts';
import { findRepoRoot, storePaths } from '../adapters/store/paths.ts';
import { SessionStore } from '../adapters/store/session-store.ts';
import { setDebugLogDir } from '../hook-runtime/debug-log.ts';
import { CsmError } from '../errors.ts';

export interface OpenedStore {
  store: SessionStore;
  /** The checkout the event happened in: edits are recorded relative to it (a worktree's root, or the repo's). */
  workRoot: string;
  config: CsmConfig;
  warnings: string[];
  /** The active session on this machine, or null. */
  active: string | null;
}

const hasActive = (root: string): boolean => fs.existsSync(path.join(root, '.claude', '.csm', 'active'));

const isUnder = (parent: string, child: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * The store a hook event belongs to. Usually the repository of `cwd`. When `cwd` is a git
 * worktree with no active session of its own (a subagent's `isolation: worktree` checkout under
 * .claude/worktrees/, or a `cd` into another worktree), the session is the project's: the one
 * of CLAUDE_PROJECT_DIR when `cwd` lies under it, else the main worktree's.
 */
export function storeRootFor(cwd: string): { storeRoot: string; workRoot: string } {
  const workRoot = findRepoRoot(cwd);
  if (hasActive(workRoot)) return { storeRoot: workRoot, workRoot };
  const project = process.env.CLAUDE_PROJECT_DIR;
  if (project && isUnder(project, cwd)) {
    const projectRoot = findRepoRoot(project);
    if (hasActive(projectRoot)) return { storeRoot: projectRoot, workRoot };
  }
  const main = mainWorktree(workRoot);
  if (main && hasActive(main)) return { storeRoot: main, workRoot };
  return { storeRoot: workRoot, workRoot };
}

/** A payload's cwd is used only if it is a plausible directory (not a 1 MB string, not a file). */
function usableDir(dir: string | undefined): string | undefined {
  if (!dir || dir.length > 4096 || dir.includes('\0')) return undefined;
  try {
    return fs.statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** What every hook does first: find the repo from the payload's cwd, load config, find the active session. */
export function openStore(input: HookInput): OpenedStore {
  const cwd = usableDir(input.cwd) ?? usableDir(process.env.CLAUDE_PROJECT_DIR) ?? process.cwd();
  const { storeRoot, workRoot } = storeRootFor(cwd);
  const paths = storePaths(storeRoot);
  setDebugLogDir(paths.root, paths.local);
  const loaded = loadConfig(paths.config);
  if (!loaded.ok) throw new CsmError('INVALID_FILE', `.claude/csm.json is not valid: ${loaded.errors[0] ?? ''}`);
  const store = new SessionStore(paths, { now: clock(), idleMinutes: loaded.config.idleMinutes });
  return { store, workRoot, config: loaded.config, warnings: loaded.warnings, active: store.activeSessionId() };
}
