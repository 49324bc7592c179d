import fs from 'node:fs';
import path from 'node:path';
import { walkFiles } from '../walk-files.ts';

const SKIP = new Set([
  '.git',
  '.venv',
  'venv',
  'env',
  'node_modules',
  '__pycache__',
  'build',
  'dist',
  '.tox',
  '.nox',
  '.eggs',
  'site-packages',
]);
const MAX_BYTES = 1024 * 1024;

/**
 * The project's Python files (not virtualenvs, caches or build output) and their text; null when
 * there are more than `limit` or one is too large to read (then no one can say quickly what a
 * change affects).
 */
export function readPyFiles(root: string, limit = 5000): Record<string, string> | null {
  const out: Record<string, string> = {};
  let count = 0;
  let whole = true;
  walkFiles(root, SKIP, (rel, _dir, name) => {
    if (!name.endsWith('.py')) return true;
    try {
      // too many files, or one too large to read (it could import anything): no narrowing
      if (++count > limit || fs.statSync(path.join(root, rel)).size > MAX_BYTES) return (whole = false);
      out[rel] = fs.readFileSync(path.join(root, rel), 'utf8');
      return true;
    } catch {
      return (whole = false);
    }
  });
  return whole ? out : null;
}
