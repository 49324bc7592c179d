import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let built: string | null = null;

/**
 * A file of the built bundles, from a copy taken once per bench run: a rebuild during the run (it
 * empties dist/) must not turn a Stop into "could not load" — which would read as a pass.
 */
export function bundle(rel: string): string {
  if (built === null) {
    const to = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-bench-dist-'));
    fs.cpSync(path.join(root, 'dist'), path.join(to, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(root, 'package.json'), path.join(to, 'package.json'));
    process.once('exit', () => fs.rmSync(to, { recursive: true, force: true }));
    built = to;
  }
  return path.join(built, rel);
}
