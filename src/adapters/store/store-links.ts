import fs from 'node:fs';
import path from 'node:path';
import type { StorePaths } from './paths.ts';

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

/**
 * csm's own state under `.claude/`: its folders, every entry in them, and its files at the top.
 * None of these may be a symlink — a committed link could lead into another clone's sessions or
 * into git's own files — so csm neither reads nor writes through one (doctor says how to replace it).
 */
export function statePaths(paths: StorePaths): StatePath[] {
  const dirs = [
    paths.claude,
    paths.sessions,
    paths.memory,
    path.join(paths.memory, 'archive'),
    paths.local,
    paths.locks,
  ];
  dirs.push(path.join(paths.local, 'cache'), path.join(paths.local, 'claude'));
  const out: StatePath[] = dirs.map((file) => ({ file, dir: true, link: lstatLink(file) }));
  for (const file of [paths.config, paths.metricsHistory]) out.push({ file, dir: false, link: lstatLink(file) });
  for (const d of dirs.slice(1)) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue; // not there (yet), or itself a link this list reports
    }
    for (const e of entries) {
      const file = path.join(d, e.name);
      if (!dirs.includes(file)) out.push({ file, dir: e.isDirectory(), link: e.isSymbolicLink() });
    }
  }
  return out;
}

/** The first of csm's state paths that is a symlink, relative to the repository, or null. */
export function firstStateLink(paths: StorePaths): string | null {
  const link = statePaths(paths).find((p) => p.link);
  return link ? path.relative(paths.root, link.file) : null;
}
