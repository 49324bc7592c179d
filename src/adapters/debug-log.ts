import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let target: string | null = null;

/**
 * Where details go: .claude/.csm/csm-debug.log of the repo when .claude/ exists and really is
 * inside the repo (a symlink that leads elsewhere is not written through), else this user's
 * private folder in the temp dir.
 */
/** An error's stack (or message), anything else as JSON. */
const detailText = (detail: unknown): string =>
  detail instanceof Error ? (detail.stack ?? detail.message) : JSON.stringify(detail);

export function setDebugLogDir(root: string, localDir: string): void {
  target = null;
  try {
    const realRoot = fs.realpathSync(root);
    let probe = localDir;
    while (!fs.existsSync(probe)) probe = path.dirname(probe);
    const real = fs.realpathSync(probe);
    const rel = path.relative(realRoot, real);
    if (fs.existsSync(path.dirname(localDir)) && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel))
      target = path.join(localDir, 'csm-debug.log');
  } catch {
    target = null;
  }
}

export const debugEnabled = (): boolean => process.env.CSM_DEBUG === '1' || process.env.CSM_DEBUG === 'true';

let lastWritten: string | null = null;
let sanitize: (text: string) => string = (text) => text;

/** What every line goes through before it is written (the shells pass csm's redaction: a log line may quote stdin). */
export function setDebugRedactor(f: (text: string) => string): void {
  sanitize = f;
}

/**
 * The fallback folder: this user's own under the temp dir, created 0700; null when what is there
 * is not a folder of ours that only we can enter (a shared /tmp where another user got first).
 */
function privateTempDir(): string | null {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = path.join(os.tmpdir(), uid === null ? 'csm' : `csm-${uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  try {
    const st = fs.lstatSync(dir);
    return st.isDirectory() && (uid === null || (st.uid === uid && (st.mode & 0o077) === 0)) ? dir : null;
  } catch {
    return null;
  }
}

const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Appends to a regular file only: a symlink is not followed, a FIFO or device is not waited on. */
function appendToFile(file: string, line: string): void {
  const fd = fs.openSync(
    file,
    fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | NO_FOLLOW | NON_BLOCK,
    0o600,
  );
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error(`${file} is not a regular file`);
    fs.writeSync(fd, line);
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends one line; never throws (a hook must not fail because its log could not be written). */
export function debugLog(event: string, message: string, detail?: unknown): void {
  let line: string;
  try {
    const more = detail === undefined ? '' : ` ${detailText(detail)}`;
    line = sanitize(`${new Date().toISOString()} ${process.pid} ${event}: ${message}${more}`);
  } catch {
    line = `${new Date().toISOString()} ${process.pid} ${event}: (the entry could not be redacted, so it is left out)`;
  }
  const temp = (): string | null => {
    const dir = privateTempDir();
    return dir ? path.join(dir, 'csm-debug.log') : null;
  };
  for (const file of [target, temp]) {
    const at = typeof file === 'function' ? file() : file;
    if (!at) continue;
    try {
      if (at === target) fs.mkdirSync(path.dirname(at), { recursive: true });
      appendToFile(at, `${line}\n`);
      lastWritten = at;
      return;
    } catch {
      // try the next place
    }
  }
}

/** Where the details are: the file the last entry went to (the repo's, or the temp dir's when that failed). */
export const debugPath = (): string =>
  lastWritten ??
  target ??
  path.join(os.tmpdir(), typeof process.getuid === 'function' ? `csm-${process.getuid()}` : 'csm', 'csm-debug.log');
