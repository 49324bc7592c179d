import fs from 'node:fs';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { gitStatusZ, readHead } from './git-fast.ts';
import type { GitState, NumstatRow } from '../../contracts/git-state.ts';
import { isCsmOwnPath } from '../../domain/edits/edit-facts.ts';

export type { GitState, NumstatRow };

const NO_GIT: GitState = { isRepo: false, branch: null, head: null, uncommitted: [], recentCommits: [] };

/** simple-git is loaded on first use: the hooks' hot paths do without it (git-fast.ts). */
async function open(root: string): Promise<SimpleGit> {
  const { simpleGit } = await import('simple-git');
  return simpleGit({ baseDir: root, completion: { onExit: false, onClose: true }, maxConcurrentProcesses: 4 });
}

export const isGitRepo = (root: string): boolean => fs.existsSync(path.join(root, '.git'));

async function safe<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch {
    return fallback;
  }
}

export async function headSha(root: string): Promise<string | null> {
  if (!isGitRepo(root)) return null;
  return readHead(root).head ?? safe(async () => (await (await open(root)).revparse(['HEAD'])).trim() || null, null);
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

const parseNumstat = (text: string): NumstatRow[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [a = '0', r = '0', ...p] = l.split('\t');
      return { path: p.join('\t'), added: a === '-' ? 0 : Number(a), removed: r === '-' ? 0 : Number(r) };
    });

/**
 * Lines added and removed per file since `base` (a commit), working tree included; untracked
 * files count as added. Paths under `.claude/` are csm's own and left out.
 */
export async function numstatSince(root: string, base: string | null): Promise<NumstatRow[]> {
  if (!isGitRepo(root)) return [];
  const git = await open(root);
  const head = await headSha(root);
  const from = base ?? head;
  const tracked = from ? parseNumstat(await safe(() => git.raw(['diff', '--numstat', from, '--', '.', ':(exclude).claude']), '')) : [];
  const untracked = (await safe(() => git.raw(['ls-files', '--others', '--exclude-standard', '-z']), ''))
    .split('\0')
    .filter((p) => p && !p.startsWith('.claude/'));
  const rows = new Map(tracked.map((r) => [r.path, r]));
  for (const p of untracked) {
    if (rows.has(p)) continue;
    let lines = 0;
    try {
      const text = fs.readFileSync(path.join(root, p), 'utf8');
      lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    } catch {
      // unreadable: counted as a changed file with 0 lines
    }
    rows.set(p, { path: p, added: lines, removed: 0 });
  }
  return [...rows.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Unified diff (0 context) since `base`, working tree included; used to find lines added this session. */
export async function diffSince(root: string, base: string | null): Promise<string> {
  if (!isGitRepo(root) || !base) return '';
  return safe(async () => (await open(root)).raw(['diff', '-U0', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', base, '--', '.', ':(exclude).claude']), '');
}

/** Branch and count of uncommitted files, for the SessionStart digest (one git process). */
export async function gitBrief(root: string): Promise<{ branch: string | null; uncommitted: number | null }> {
  const { isRepo, branch } = readHead(root);
  if (!isRepo) return { branch: null, uncommitted: null };
  const status = await gitStatusZ(root, 'normal');
  const uncommitted = status === null ? null : status.split('\0').filter((e) => e.length > 3 && !isCsmOwnPath(e.slice(3))).length;
  return { branch, uncommitted };
}
