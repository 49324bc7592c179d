import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let target: string | null = null;

/**
 * Where details go: .claude/.csm/csm-debug.log of the repo when .claude/ exists and really is
 * inside the repo (a symlink that leads elsewhere is not written through), else the temp dir.
 */
export function setDebugLogDir(root: string, localDir: string): void {
  target = null;
  try {
    const realRoot = fs.realpathSync(root);
    let probe = localDir;
    while (!fs.existsSync(probe)) probe = path.dirname(probe);
    const real = fs.realpathSync(probe);
    const rel = path.relative(realRoot, real);
    if (fs.existsSync(path.dirname(localDir)) && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) target = path.join(localDir, 'csm-debug.log');
  } catch {
    target = null;
  }
}

export const debugEnabled = (): boolean => process.env.CSM_DEBUG === '1' || process.env.CSM_DEBUG === 'true';

let lastWritten: string | null = null;

/** Appends one line; never throws (a hook must not fail because its log could not be written). */
export function debugLog(event: string, message: string, detail?: unknown): void {
  const line = `${new Date().toISOString()} ${process.pid} ${event}: ${message}${detail === undefined ? '' : ` ${detail instanceof Error ? detail.stack ?? detail.message : JSON.stringify(detail)}`}\n`;
  const files = target ? [target, path.join(os.tmpdir(), 'csm-debug.log')] : [path.join(os.tmpdir(), 'csm-debug.log')];
  for (const file of files) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, line);
      lastWritten = file;
      return;
    } catch {
      // try the next place
    }
  }
}

/** Where the details are: the file the last entry went to (the repo's, or the temp dir's when that failed). */
export const debugPath = (): string => lastWritten ?? target ?? path.join(os.tmpdir(), 'csm-debug.log');
