import fs from 'node:fs';
import path from 'node:path';
import type { SessionFileKind, StorePaths } from './paths.ts';

export interface StatePath {
  file: string;
  dir: boolean;
  /** The path is a symlink (entries are read from the folder listing; folders and top files are checked one by one). */
  link: boolean;
}

const lstatLink = (file: string): boolean => {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/** csm's own folders under `.claude/` (the first is `.claude` itself, whose entries are not all csm's). */
const stateDirs = (paths: StorePaths): string[] => [
  paths.claude,
  paths.sessions,
  paths.memory,
  path.join(paths.memory, 'archive'),
  paths.local,
  paths.locks,
  path.join(paths.local, 'cache'),
  path.join(paths.local, 'claude'),
];

/**
 * csm's own state under `.claude/`: its folders, every entry in them, and its files at the top.
 * None of these may be a symlink — a committed link could lead into another clone's sessions or
 * into git's own files — so csm neither reads nor writes through one (doctor says how to replace it).
 */
export function statePaths(paths: StorePaths): StatePath[] {
  const dirs = stateDirs(paths);
  const out: StatePath[] = dirs.map((file) => ({ file, dir: true, link: lstatLink(file) }));
  for (const file of [paths.config, paths.metricsHistory]) out.push({ file, dir: false, link: lstatLink(file) });
  for (const d of dirs.slice(1)) {
    for (const e of entriesOf(d)) {
      const file = path.join(d, e.name);
      if (!dirs.includes(file)) out.push({ file, dir: e.isDirectory(), link: e.isSymbolicLink() });
    }
  }
  return out;
}

const entriesOf = (dir: string): fs.Dirent[] => {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // not there (yet), or itself a link the folder's own check reports
  }
};

const SESSION_FILES: readonly SessionFileKind[] = [
  'events.jsonl',
  'tasks.json',
  'context.md',
  'plan.md',
  'tests.md',
  'completed.md',
  'review.md',
];

/**
 * The first of csm's state paths that is a symlink, relative to the repository, or null. Every
 * hook asks with the session it is about: then of `sessions/` only that session's files are
 * looked at (a store of 300 sessions holds 2,100 names; a hook reads no other session's files).
 */
export function firstStateLink(paths: StorePaths, session?: string): string | null {
  const dirs = stateDirs(paths);
  const files = [...dirs, paths.config, paths.metricsHistory];
  if (session !== undefined) files.push(...SESSION_FILES.map((k) => paths.sessionFile(session, k)));
  const found = files.find(lstatLink);
  if (found !== undefined) return path.relative(paths.root, found);
  for (const d of dirs.slice(1)) {
    if (session !== undefined && d === paths.sessions) continue;
    const link = entriesOf(d).find((e) => e.isSymbolicLink());
    if (link) return path.relative(paths.root, path.join(d, link.name));
  }
  return null;
}
