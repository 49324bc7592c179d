import fs from 'node:fs';
import path from 'node:path';
import { CsmError } from '../../errors.ts';

let counter = 0;

/**
 * Creates `dir` and the folders above it; csm's machine-local folder (`.claude/.csm`: pointer,
 * locks, caches, debug log) only its owner may enter (0700).
 */
export function makeDirs(dir: string): void {
  const at = dir.split(path.sep).lastIndexOf('.csm');
  if (at > 0 && dir.split(path.sep)[at - 1] === '.claude') {
    const local = dir.split(path.sep).slice(0, at + 1).join(path.sep);
    fs.mkdirSync(path.dirname(local), { recursive: true });
    if (!fs.existsSync(local)) fs.mkdirSync(local, { mode: 0o700 });
  }
  fs.mkdirSync(dir, { recursive: true });
}

/** Writes through a temp file in the same directory and a rename: readers see the old file or the new one, never a mix. */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  makeDirs(dir);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${(counter++).toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, content, { flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temp file may never have been created
    }
    throw ioError(`could not write ${file}`, e);
  }
}

export function readTextIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw ioError(`could not read ${file}`, e);
  }
}

/** The file's text, or null when it cannot be read for any reason (for checks that report, never stop). */
export function readTextQuietly(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function ioError(what: string, cause: unknown): CsmError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const hint =
    code === 'ENOSPC'
      ? 'the disk is full: free some space and run the command again'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the store is not writable: check the permissions of .claude/ (csm doctor shows them)'
        : undefined;
  return new CsmError('IO', `${what}${code ? ` (${code})` : ''}`, hint === undefined ? { cause } : { cause, fix: hint });
}
