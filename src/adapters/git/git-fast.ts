import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The two git facts the hooks need on every run, without loading simple-git: HEAD and the branch
 * are read from the .git files; the status is one `git` process. Anything unusual (a missing
 * ref, an unreadable .git) answers null and the callers treat it as unknown.
 */
function gitDir(root: string): string | null {
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

/** `git status --porcelain=v1 -z` output, or null when git could not answer. */
export function gitStatusZ(root: string, untracked: 'all' | 'normal' = 'all'): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['status', '--porcelain=v1', '-z', `--untracked-files=${untracked}`],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } },
      (err, stdout) => resolve(err ? null : stdout),
    );
  });
}
