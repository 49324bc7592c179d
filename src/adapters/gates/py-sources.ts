import fs from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['.git', '.venv', 'venv', 'env', 'node_modules', '__pycache__', 'build', 'dist', '.tox', '.nox', '.eggs', 'site-packages']);
const MAX_BYTES = 1024 * 1024;

/**
 * The project's Python files (not virtualenvs, caches or build output) and their text; null when
 * there are more than `limit` or one is too large to read (then no one can say quickly what a
 * change affects).
 */
export function readPyFiles(root: string, limit = 5000): Record<string, string> | null {
  const out: Record<string, string> = {};
  const stack = [''];
  let count = 0;
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
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) stack.push(rel);
      } else if (e.isFile() && e.name.endsWith('.py')) {
        if (++count > limit) return null;
        try {
          // a file too large to read could import anything: no narrowing
          if (fs.statSync(path.join(root, rel)).size > MAX_BYTES) return null;
          out[rel] = fs.readFileSync(path.join(root, rel), 'utf8');
        } catch {
          return null;
        }
      }
    }
  }
  return out;
}
