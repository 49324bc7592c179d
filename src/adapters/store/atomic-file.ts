import fs from 'node:fs';
import path from 'node:path';
import { CsmError } from '../../errors.ts';

let counter = 0;

/** Writes through a temp file in the same directory and a rename: readers see the old file or the new one, never a mix. */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
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
