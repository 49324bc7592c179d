import fs from 'node:fs';
import { walkFiles } from '../walk-files.ts';
import path from 'node:path';
import { gitStatusZ, readHead } from './git-fast.ts';
import type { ChangedFiles, FileEntry } from '../../contracts/changed-files.ts';
import { fnv1a64 } from '../../kernel/hash.ts';

export type { ChangedFiles };

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  '.claude',
  'build',
  'target',
  '.venv',
  'venv',
  '__pycache__',
]);
const WALK_LIMIT = 5000;

function stat(root: string, rel: string): FileEntry {
  try {
    const st = fs.statSync(path.join(root, rel));
    return { path: rel, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return { path: rel, size: -1, mtimeMs: 0 }; // deleted
  }
}

/** Paths from `git status --porcelain -z`: a rename or copy carries its old path in the next field. */
export function parsePorcelainZ(text: string): string[] {
  const fields = text.split('\0');
  const out: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    if (f.length < 4) continue;
    out.push(f.slice(3));
    if (f[0] === 'R' || f[0] === 'C') i++;
  }
  return out;
}

/** Outside git: every file up to WALK_LIMIT, skipping dependency and build directories. */
function walk(root: string): FileEntry[] {
  const out: FileEntry[] = [];
  walkFiles(
    root,
    SKIP_DIRS,
    (rel) => {
      out.push(stat(root, rel));
      return out.length < WALK_LIMIT;
    },
    { dotDirs: true },
  );
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** What changed in the working tree, with size and mtime: the input of gate fingerprints. */
export async function changedFiles(root: string): Promise<ChangedFiles> {
  if (!fs.existsSync(path.join(root, '.git'))) return { isRepo: false, head: null, entries: walk(root) };
  const { head } = readHead(root);
  const status = await gitStatusZ(root);
  if (status === null) return { isRepo: false, head, entries: walk(root) };
  const paths = parsePorcelainZ(status).filter((p) => !p.startsWith('.claude/'));
  return { isRepo: true, head, entries: [...new Set(paths)].sort().map((p) => stat(root, p)) };
}

/** One key for the whole working tree: HEAD plus every changed file's path, size and mtime. */
export const treeKey = (c: ChangedFiles): string => fnv1a64(JSON.stringify([c.head, c.entries]));
