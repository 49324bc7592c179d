import type { SimpleGit } from 'simple-git';
import { isGitRepo } from './git-fast.ts';
import type { GitState, NumstatRow } from '../../contracts/git-state.ts';
import { isCsmOwnPath } from '../../kernel/own-paths.ts';

export type { GitState, NumstatRow };

const NO_GIT: GitState = { isRepo: false, branch: null, head: null, uncommitted: [], recentCommits: [] };

/** simple-git is loaded on first use: the hooks' hot paths do without it (git-fast.ts). */
async function open(root: string): Promise<SimpleGit> {
  const { simpleGit } = await import('simple-git');
  return simpleGit({ baseDir: root, completion: { onExit: false, onClose: true }, maxConcurrentProcesses: 4 });
}

export { gitBrief, headSha, isGitRepo } from './git-fast.ts';
export { diffSince, numstatSince } from './since-start.ts';

async function safe<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch {
    return fallback;
  }
}

export async function readGitState(root: string, commits = 5): Promise<GitState> {
  if (!isGitRepo(root)) return NO_GIT;
  const git = await open(root);
  const [branch, head, status, log] = await Promise.all([
    safe(async () => (await git.raw(['symbolic-ref', '--short', '-q', 'HEAD'])).trim() || null, null),
    safe(async () => (await git.revparse(['HEAD'])).trim() || null, null),
    safe(async () => git.raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']), ''),
    safe(async () => git.raw(['log', `-${commits}`, '--format=%h%x09%cI%x09%s']), ''),
  ]);
  const uncommitted = status
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3))
    .filter((p) => !isCsmOwnPath(p) && !/^\.claude\/\.git(ignore|attributes)$/.test(p));
  const recentCommits = log
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [hash = '', date = '', ...rest] = l.split('\t');
      return { hash, date, subject: rest.join('\t') };
    });
  return { isRepo: true, branch: branch ?? (head ? 'HEAD (detached)' : null), head, uncommitted, recentCommits };
}
