import fs from 'node:fs';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

/** The two versions git merged into a file, and what the merge wrote (null: not in that commit). */
export interface GitMergeSides {
  ours: string | null;
  theirs: string | null;
  merged: string | null;
}

const open = (root: string): SimpleGit =>
  simpleGit({ baseDir: root, completion: { onExit: false, onClose: true }, maxConcurrentProcesses: 4 });

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

/** [first parent, second parent, merge] of the newest merge commit that combined one of `paths`, first path first. */
async function lastMerge(git: SimpleGit, paths: readonly string[]): Promise<[string, string, string] | null> {
  for (const p of paths) {
    try {
      const [commit, first, second] = (await git.raw(['log', '-1', '--merges', '--format=%H %P', '--', p]))
        .trim()
        .split(' ');
      if (commit && first && second) return [first, second, commit];
    } catch {
      // not in history
    }
  }
  return null;
}

/**
 * For each repo-relative path: its version on each side of the merge that combined these files
 * (a merge in progress: HEAD, MERGE_HEAD and the index; else the newest merge commit that combined
 * the first path that any merge combined — put the ledger first), and what that merge wrote.
 * Empty outside git or when no merge combined them. Never throws.
 */
export async function mergeSides(root: string, relPaths: readonly string[]): Promise<Map<string, GitMergeSides>> {
  const out = new Map<string, GitMergeSides>();
  if (!fs.existsSync(path.join(root, '.git'))) return out;
  const git = open(root);
  const posix = relPaths.map((rel) => rel.split(path.sep).join('/'));
  const revs: [string, string, string] | null = (await verify(git, 'MERGE_HEAD'))
    ? ['HEAD', 'MERGE_HEAD', ':0']
    : await lastMerge(git, posix);
  if (!revs) return out;
  const [ours, theirs, merged] = revs;
  await Promise.all(
    posix.map(async (p, i) => {
      const at = (rev: string): Promise<string | null> => show(git, rev === ':0' ? `:0:${p}` : `${rev}:${p}`);
      const [o, t, m] = await Promise.all([at(ours), at(theirs), at(merged)]);
      if (o !== null || t !== null) out.set(relPaths[i] as string, { ours: o, theirs: t, merged: m });
    }),
  );
  return out;
}
