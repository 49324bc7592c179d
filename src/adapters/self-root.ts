import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';

/**
 * The folder of the csm that is running (the clone or installed package holding its package.json),
 * for install hints a person can paste: csm is installed from a clone, not from a registry.
 * Null when it cannot be told (a copy of the bundle on its own).
 */
export function selfRoot(): string | null {
  let dir = path.dirname(url.fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'claude-session-manager') return dir;
    } catch {
      // not here: one folder up
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** A path as a shell word: quoted when it holds anything but plain characters. */
export const shellWord = (p: string): string => (/^[\w@%+=:,./~-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);
