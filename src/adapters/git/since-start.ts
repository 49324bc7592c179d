import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NumstatRow } from '../../contracts/git-state.ts';
import { git, gitDir, headSha, isGitRepo } from './git-fast.ts';

/**
 * What changed since the session started, from git: per-file line counts and the unified diff,
 * measured from the tree the session started from when it has one (so work that was uncommitted
 * then is not counted as the session's), else from its base commit.
 */

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
let indexes = 0;

/**
 * The working tree as it is now, as a git tree object: tracked and untracked files, ignored ones
 * left out — written through a throwaway copy of the index, so git's own index is not touched.
 * Null when git cannot (no repository, a read-only object store).
 */
export function worktreeTree(root: string): string | null {
  const dir = gitDir(root);
  if (!dir) return null;
  const tmp = path.join(os.tmpdir(), `csm-index-${process.pid}-${Date.now().toString(36)}-${indexes++}`);
  try {
    if (fs.existsSync(path.join(dir, 'index'))) fs.copyFileSync(path.join(dir, 'index'), tmp);
    const env = { GIT_INDEX_FILE: tmp };
    if (git(root, ['add', '-A', '--', '.', ':(exclude).claude'], env) === null) return null;
    return git(root, ['write-tree'], env)?.trim() || null;
  } catch {
    return null;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Lines added and removed per file between the tree the session started from and the working tree now. */
function numstatTrees(root: string, tree: string): NumstatRow[] | null {
  const now = worktreeTree(root);
  if (now === null) return null;
  const out = git(root, ['diff', '--numstat', '--no-renames', tree, now, '--', '.', ':(exclude).claude']);
  return out === null ? null : parseNumstat(out).sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Lines added and removed per file since the session started: from its start tree when it has one
 * (work that was uncommitted then is not the session's), else from `base` (untracked files counted whole).
 */
export async function numstatSince(
  root: string,
  base: string | null,
  tree: string | null = null,
): Promise<NumstatRow[]> {
  if (!isGitRepo(root)) return [];
  const fromTree = tree === null ? null : numstatTrees(root, tree);
  if (fromTree !== null) return fromTree;
  const from = base ?? (await headSha(root));
  const tracked = from
    ? parseNumstat(git(root, ['diff', '--numstat', '--no-renames', from, '--', '.', ':(exclude).claude']) ?? '')
    : [];
  const untracked = (git(root, ['ls-files', '--others', '--exclude-standard', '-z']) ?? '')
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
export async function diffSince(root: string, base: string | null, tree: string | null = null): Promise<string> {
  if (!isGitRepo(root) || !(base ?? tree)) return '';
  const now = tree === null ? null : worktreeTree(root);
  const range = tree !== null && now !== null ? [tree, now] : base ? [base] : [];
  if (range.length === 0) return '';
  const args = ['diff', '-U0', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', ...range];
  return git(root, [...args, '--', '.', ':(exclude).claude']) ?? '';
}

/** Of `paths` (repository-relative), those whose file changed at or after `ms` (a deleted one cannot say: left out). */
export function touchedSince(root: string, paths: readonly string[], ms: number): string[] {
  return paths.filter((p) => {
    try {
      return fs.statSync(path.join(root, p)).mtimeMs >= ms - 1000;
    } catch {
      return false;
    }
  });
}
