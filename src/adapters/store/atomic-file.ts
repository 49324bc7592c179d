import fs from 'node:fs';
import path from 'node:path';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { linkError, rootAbove } from './link-error.ts';

let counter = 0;

/**
 * Creates `dir` and the folders above it; csm's machine-local folder (`.claude/.csm`: pointer,
 * locks, caches, debug log) only its owner may enter (0700).
 */
export function makeDirs(dir: string): void {
  const at = dir.split(path.sep).lastIndexOf('.csm');
  if (at > 0 && dir.split(path.sep)[at - 1] === '.claude') {
    const local = dir
      .split(path.sep)
      .slice(0, at + 1)
      .join(path.sep);
    fs.mkdirSync(path.dirname(local), { recursive: true });
    try {
      fs.mkdirSync(local, { mode: 0o700 });
    } catch (e) {
      // another csm process made it between our look and our mkdir: that is the folder we wanted
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  fs.mkdirSync(dir, { recursive: true });
}

/**
 * Writes through a temp file in the same directory and a rename: readers see the old file or the new one, never a mix.
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  makeDirs(dir);
  const tmp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${(counter++).toString(36)}.tmp`,
  );
  try {
    fs.writeFileSync(tmp, content, { flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temp file may never have been created
    }
    throw ioError(msg.store.couldNotWrite(file), e);
  }
}

const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;

/**
 * The file's bytes, never through a symlink (the file itself: its folders are checked when the
 * store is opened) and never waiting on a named pipe. A link is refused with an error naming it.
 */
export function readNoFollow(file: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOOP') throw e;
    throw linkError(rootAbove(file), file);
  }
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function readTextIfExists(file: string): string | null {
  try {
    return readNoFollow(file).toString('utf8');
  } catch (e) {
    if (e instanceof CsmError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw ioError(msg.store.couldNotRead(file), e);
  }
}

/**
 * For checks that report, never stop: the file's text, or null when it cannot be read for any
 * reason, is not a regular file (a named pipe never waits) or passes 4 MiB.
 */
export function readTextQuietly(file: string): string | null {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NONBLOCK);
    const st = fs.fstatSync(fd);
    return st.isFile() && st.size <= 4 * 1024 * 1024 ? fs.readFileSync(fd, 'utf8') : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function ioError(what: string, cause: unknown): CsmError {
  const [message, fix] = msg.store.ioFailed(what, (cause as NodeJS.ErrnoException | undefined)?.code);
  return new CsmError('IO', message, { ...fix, cause });
}
