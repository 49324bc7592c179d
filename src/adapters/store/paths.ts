import fs from 'node:fs';
import path from 'node:path';
import { CsmError } from '../../errors.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import { isInside } from '../../kernel/inside.ts';
import { msg } from '../../messages/index.ts';
import { linkError } from './link-error.ts';

export type SessionFileKind =
  | 'context.md'
  | 'plan.md'
  | 'tests.md'
  | 'tasks.json'
  | 'completed.md'
  | 'review.md'
  | 'events.jsonl';

/** Every path csm touches, derived from the repository root. */
export interface StorePaths {
  root: string;
  claude: string;
  sessions: string;
  memory: string;
  workflows: string;
  agents: string;
  /** Machine-local, git-ignored: active pointer, locks, caches, debug log, per-Claude-session state. */
  local: string;
  active: string;
  locks: string;
  debugLog: string;
  config: string;
  metricsHistory: string;
  sessionFile(id: string, kind: SessionFileKind): string;
}

/** The git top level above `cwd` (a `.git` dir or file), or `cwd` itself outside git. No process is spawned. */
export function findRepoRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (let depth = 0; depth < 512; depth++) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(cwd);
    dir = up;
  }
  return path.resolve(cwd);
}

export function storePaths(root: string): StorePaths {
  const claude = path.join(root, '.claude');
  const sessions = path.join(claude, 'sessions');
  const local = path.join(claude, '.csm');
  return {
    root,
    claude,
    sessions,
    memory: path.join(claude, 'memory'),
    workflows: path.join(claude, 'workflows'),
    agents: path.join(claude, 'agents'),
    local,
    active: path.join(local, 'active'),
    locks: path.join(local, 'locks'),
    debugLog: path.join(local, 'csm-debug.log'),
    config: path.join(claude, 'csm.json'),
    metricsHistory: path.join(claude, 'metrics-history.jsonl'),
    sessionFile: (id, kind) => path.join(sessions, `session-${formatSessionId(Number(id))}-${kind}`),
  };
}

/**
 * Refuses a write target that is not inside `.claude/`, or that goes through a symlink at any
 * level from `.claude` down to the file itself (out of the repository, into `.git/`, or anywhere).
 */
export function assertWritable(paths: StorePaths, target: string): void {
  const abs = path.resolve(target);
  if (abs.includes('\0') || !isInside(paths.claude, abs)) {
    throw new CsmError('UNSAFE_PATH', ...msg.store.outsideClaude(target, paths.claude));
  }
  // Check every existing component from .claude down to the file.
  const rel = path.relative(paths.root, abs).split(path.sep);
  let cur = paths.root;
  for (const part of rel) {
    cur = path.join(cur, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(cur);
    } catch {
      break;
    }
    if (st.isSymbolicLink()) throw linkError(paths.root, cur);
  }
}
