import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { NumstatRow } from '../../contracts/git-state.ts';
import { isCsmOwnPath } from '../../kernel/own-paths.ts';

export type { NumstatRow };

/**
 * The git facts the hooks need, without simple-git: HEAD and the branch are read from the .git
 * files, everything else is one synchronous `git` process (a hook has nothing else to do while
 * it waits, and spawnSync does not set up streams). Every failure is a value: null or empty.
 * simple-git serves the CLI (git.ts), where start-up time does not matter.
 */
export function gitDir(root: string): string | null {
  const dotgit = path.join(root, '.git');
  try {
    const st = fs.statSync(dotgit);
    if (st.isDirectory()) return dotgit;
    const m = /^gitdir:\s*(.+)\s*$/m.exec(fs.readFileSync(dotgit, 'utf8'));
    return m ? path.resolve(root, m[1] as string) : null;
  } catch {
    return null;
  }
}

/** The common dir of a worktree (where refs and packed-refs live). */
function commonDir(dir: string): string {
  try {
    return path.resolve(dir, fs.readFileSync(path.join(dir, 'commondir'), 'utf8').trim());
  } catch {
    return dir;
  }
}

function resolveRef(dir: string, ref: string): string | null {
  for (const d of [dir, commonDir(dir)]) {
    try {
      const sha = fs.readFileSync(path.join(d, ref), 'utf8').trim();
      if (/^[0-9a-f]{40,64}$/.test(sha)) return sha;
    } catch {
      // not a loose ref here
    }
    try {
      for (const line of fs.readFileSync(path.join(d, 'packed-refs'), 'utf8').split('\n')) {
        const [sha, name] = line.split(' ');
        if (name === ref && sha && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
      }
    } catch {
      // no packed-refs
    }
  }
  return null;
}

/** The main worktree of a linked worktree (whose .git is a file), or null. */
export function mainWorktree(root: string): string | null {
  try {
    if (!fs.statSync(path.join(root, '.git')).isFile()) return null;
  } catch {
    return null;
  }
  const dir = gitDir(root);
  if (!dir) return null;
  const common = commonDir(dir);
  return path.basename(common) === '.git' ? path.dirname(common) : null;
}

export interface HeadInfo {
  isRepo: boolean;
  head: string | null;
  branch: string | null;
}

export function readHead(root: string): HeadInfo {
  const dir = gitDir(root);
  if (!dir) return { isRepo: false, head: null, branch: null };
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, 'HEAD'), 'utf8').trim();
  } catch {
    return { isRepo: true, head: null, branch: null };
  }
  if (/^[0-9a-f]{40,64}$/.test(text)) return { isRepo: true, head: text, branch: 'HEAD (detached)' };
  const m = /^ref:\s*(\S+)$/.exec(text);
  if (!m) return { isRepo: true, head: null, branch: null };
  const ref = m[1] as string;
  return { isRepo: true, head: resolveRef(dir, ref), branch: ref.replace(/^refs\/heads\//, '') };
}

export const isGitRepo = (root: string): boolean => fs.existsSync(path.join(root, '.git'));

/** One git command's stdout, or null when git could not answer. */
export function git(root: string, args: string[], env: Record<string, string> = {}): string | null {
  const r = spawnSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return r.status === 0 && typeof r.stdout === 'string' ? r.stdout : null;
}

/** The files under `rel` that git tracks (repository-relative); empty when none or git could not answer. */
export function trackedUnder(root: string, rel: string): string[] {
  return (git(root, ['ls-files', '-z', '--', rel]) ?? '').split('\0').filter(Boolean);
}

/** `git status --porcelain=v1 -z` output, or null when git could not answer. */
export async function gitStatusZ(root: string, untracked: 'all' | 'normal' = 'all'): Promise<string | null> {
  return git(root, ['status', '--porcelain=v1', '-z', `--untracked-files=${untracked}`]);
}

export async function headSha(root: string): Promise<string | null> {
  if (!isGitRepo(root)) return null;
  return readHead(root).head ?? (git(root, ['rev-parse', '-q', '--verify', 'HEAD'])?.trim() || null);
}

/**
 * The branch (from the .git files) and, when `count`, the number of uncommitted files (one git
 * process), for the SessionStart digest; uncommitted is undefined when not counted.
 */
export async function gitBrief(
  root: string,
  count: boolean,
): Promise<{ branch: string | null; uncommitted?: number | null }> {
  const { isRepo, branch } = readHead(root);
  if (!isRepo) return { branch: null, uncommitted: null };
  if (!count) return { branch };
  const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=normal']);
  const uncommitted =
    status === null ? null : status.split('\0').filter((e) => e.length > 3 && !isCsmOwnPath(e.slice(3))).length;
  return { branch, uncommitted };
}
