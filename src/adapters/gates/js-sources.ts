import fs from 'node:fs';
import path from 'node:path';
import type { JsSources } from '../../contracts/project-facts.ts';
import { walkFiles } from '../walk-files.ts';

const SKIP = new Set(['node_modules', 'dist', 'build', 'coverage', 'out', 'vendor', 'target']);
const SOURCE = /\.(m?[jt]sx?|c[jt]s)$/;
const SPECIFIERS = new RegExp(
  [
    String.raw`\brequire\s*\(\s*(['"])(\.[^'"]*)\1\s*\)`,
    String.raw`\bimport\s*\(\s*(['"])(\.[^'"]*)\3\s*\)`,
    String.raw`\b(?:import|export)\b[^'";]*?\bfrom\s*(['"])(\.[^'"]*)\5`,
    String.raw`\bimport\s*(['"])(\.[^'"]*)\7`,
  ].join('|'),
  'g',
);
const MAX_BYTES = 512 * 1024;

function readSmall(file: string): string | null {
  try {
    return fs.statSync(file).size > MAX_BYTES ? null : fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Reads the project's JS/TS files (not node_modules, build output or dot folders) for their
 * relative imports; null when there are more than `limit` (then no one can say quickly what a
 * change affects).
 */
export function readJsSources(root: string, limit = 5000): JsSources | null {
  const imports: Record<string, string[]> = {};
  const mains: Record<string, string> = {};
  let count = 0;
  let whole = true;
  walkFiles(root, SKIP, (rel, dir, name) => {
    if (name === 'package.json') {
      try {
        const main = (JSON.parse(readSmall(path.join(root, rel)) ?? '{}') as { main?: unknown }).main;
        if (typeof main === 'string') mains[dir] = main;
      } catch {
        // not JSON: no main
      }
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) {
      if (++count > limit) return (whole = false);
      const text = readSmall(path.join(root, rel)) ?? '';
      imports[rel] = [
        ...new Set([...text.matchAll(SPECIFIERS)].map((m) => m[2] ?? m[4] ?? m[6] ?? m[8] ?? '').filter(Boolean)),
      ];
    }
    return true;
  });
  if (!whole) return null;
  return { imports, mains };
}
