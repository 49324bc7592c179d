import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file under `root` (repository-relative, `/`-separated), depth first, without the folders
 * `skip` names or whose name starts with a dot. `visit` is told each file; it returns false to
 * stop the walk (a limit reached). Unreadable folders are passed over.
 */
export function walkFiles(
  root: string,
  skip: ReadonlySet<string>,
  visit: (rel: string, dir: string, name: string) => boolean,
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
        if (!skip.has(e.name) && !e.name.startsWith('.')) stack.push(rel);
      } else if (e.isFile() && !visit(rel, dir, e.name)) return;
    }
  }
}
