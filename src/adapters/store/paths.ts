import fs from 'node:fs';
import path from 'node:path';
import { CsmError } from '../../errors.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import { isInside } from '../../kernel/inside.ts';

export type SessionFileKind = 'context.md' | 'plan.md' | 'tests.md' | 'tasks.json' | 'completed.md' | 'review.md' | 'events.jsonl';

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
 * Refuses a write target that is not inside `.claude/`, or that reaches outside the repository
 * through a symlink (`.claude`, `sessions/` or the file itself).
 */
export function assertWritable(paths: StorePaths, target: string): void {
  const abs = path.resolve(target);
  if (abs.includes('\0') || !isInside(paths.claude, abs)) {
    throw new CsmError('UNSAFE_PATH', `refusing to write ${target}: it is outside ${paths.claude}`);
  }
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(paths.root);
  } catch {
    realRoot = paths.root;
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
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = fs.realpathSync(cur);
      } catch {
        throw new CsmError('UNSAFE_PATH', `${path.relative(paths.root, cur)} is a broken symlink; csm will not write through it`, {
          fix: `remove the link or point it inside the repository`,
        });
      }
      // git's own files are never csm's to write: a committed link into .git/ would corrupt the clone
      if (isInside(path.join(realRoot, '.git'), real)) {
        const rel = path.relative(paths.root, cur);
        throw new CsmError('UNSAFE_PATH', `${rel} is a symlink into .git (${real}); csm never writes there`, {
          fix: 'replace the link with a real file or directory',
        });
      }
      if (!isInside(realRoot, real)) {
        throw new CsmError('UNSAFE_PATH', `${path.relative(paths.root, cur)} is a symlink to ${real}, outside the repository; csm will not write there`, {
          fix: `replace the link with a real directory, or move the target inside ${paths.root}`,
        });
      }
    }
  }
}
