import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file under `root` (repository-relative, `/`-separated), depth first, without the folders
 * `skip` names or (unless `dotDirs`) whose name starts with a dot. `visit` is told each file; it
 * returns false to stop the walk (a limit reached). Unreadable folders are passed over.
 */
export function walkFiles(
  root: string,
  skip: ReadonlySet<string>,
  visit: (rel: string, dir: string, name: string) => boolean,
  opts: { dotDirs?: boolean } = {},
): void {
  const stack = [''];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skip.has(e.name) && (opts.dotDirs || !e.name.startsWith('.'))) stack.push(rel);
      } else if (e.isFile() && !visit(rel, dir, e.name)) return;
    }
  }
}

/**
 * The folders under `root`/`base` (repository-relative), down to `maxDepth` levels below it, without
 * node_modules and dot folders; `visit` is told each one. Unreadable folders are passed over.
 */
export function walkDirs(root: string, base: string, maxDepth: number, visit: (rel: string) => void): void {
  const walk = (rel: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      visit(child);
      if (depth < maxDepth) walk(child, depth + 1);
    }
  };
  walk(base, 0);
}
