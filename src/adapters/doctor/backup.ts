import fs from 'node:fs';
import path from 'node:path';
import type { StorePaths } from '../store/paths.ts';

/** Copies files into one backup directory under `.claude/.csm/` before doctor changes them. */
export class Backup {
  readonly dir: string;
  private readonly claude: string;
  used = false;

  constructor(paths: StorePaths, stamp: string) {
    this.claude = paths.claude;
    let dir = path.join(paths.local, `doctor-backup-${stamp}`);
    for (let i = 1; fs.existsSync(dir); i++) dir = path.join(paths.local, `doctor-backup-${stamp}-${i}`);
    this.dir = dir;
  }

  /** Keeps a copy of `file` (no-op when it does not exist). */
  save(file: string): void {
    if (!fs.existsSync(file)) return;
    const target = path.join(this.dir, path.relative(this.claude, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
    this.used = true;
  }
}
