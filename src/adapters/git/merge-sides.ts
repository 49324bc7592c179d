import fs from 'node:fs';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

/** The two versions git merged into a file, and what the merge wrote (null: not in that commit). */
export interface GitMergeSides {
  ours: string | null;
  theirs: string | null;
  merged: string | null;
}

const open = (root: string): SimpleGit => simpleGit({ baseDir: root, completion: { onExit: false, onClose: true }, maxConcurrentProcesses: 4 });

/** `git --version` as "2.39.5", or null when git is not on PATH. */
export async function gitVersion(cwd: string): Promise<string | null> {
  try {
    const v = await open(cwd).version();
    return v.installed ? `${v.major}.${v.minor}.${v.patch}` : null;
  } catch {
    return null;
  }
}

async function show(git: SimpleGit, spec: string): Promise<string | null> {
  try {
    return await git.raw(['cat-file', 'blob', spec]);
  } catch {
    return null;
  }
}

async function verify(git: SimpleGit, rev: string): Promise<boolean> {
  try {
    return (await git.raw(['rev-parse', '-q', '--verify', `${rev}^{commit}`])).trim() !== '';
  } catch {
    return false;
  }
}

/**
 * For each repo-relative path: the sides of the merge that last wrote it — a merge in progress
 * (HEAD, MERGE_HEAD and the index), or else the newest merge commit that combined the file.
 * Paths that no merge wrote are left out. Never throws: outside git the map is empty.
 */
export async function mergeSides(root: string, relPaths: readonly string[]): Promise<Map<string, GitMergeSides>> {
  const out = new Map<string, GitMergeSides>();
  if (!fs.existsSync(path.join(root, '.git'))) return out;
  const git = open(root);
  const inProgress = await verify(git, 'MERGE_HEAD');
  for (const rel of relPaths) {
    const p = rel.split(path.sep).join('/');
    if (inProgress) {
      const [ours, theirs, merged] = await Promise.all([show(git, `HEAD:${p}`), show(git, `MERGE_HEAD:${p}`), show(git, `:0:${p}`)]);
      if (ours !== null || theirs !== null) out.set(rel, { ours, theirs, merged });
      continue;
    }
    let line = '';
    try {
      line = (await git.raw(['log', '-1', '--merges', '--format=%H %P', '--', p])).trim();
    } catch {
      continue;
    }
    const [commit, first, second] = line.split(' ');
    if (!commit || !first || !second) continue;
    const [ours, theirs, merged] = await Promise.all([show(git, `${first}:${p}`), show(git, `${second}:${p}`), show(git, `${commit}:${p}`)]);
    out.set(rel, { ours, theirs, merged });
  }
  return out;
}
