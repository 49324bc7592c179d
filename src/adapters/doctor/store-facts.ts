import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LinkFact, LockFact, SessionFacts, WritableProbe } from '../../contracts/doctor-facts.ts';
import { isInside } from '../../kernel/inside.ts';
import { SESSION_FILE_RE } from '../../kernel/ids.ts';
import { readTextIfExists } from '../store/atomic-file.ts';
import type { StorePaths } from '../store/paths.ts';
import { statePaths } from '../store/store-links.ts';
import { realOr } from '../store/link-error.ts';

/** What `csm doctor` reads from `.claude/`: never writes, except the writable probes (created and removed at once). */

export const errCode = (e: unknown): string =>
  (e as { cause?: NodeJS.ErrnoException }).cause?.code ?? (e as NodeJS.ErrnoException).code ?? 'ERROR';

const relOf = (paths: StorePaths, file: string): string => path.relative(paths.root, file).split(path.sep).join('/');

/** Every name in `.claude/sessions/` (none when it is missing). */
export function sessionDirNames(paths: StorePaths): string[] {
  try {
    return fs.readdirSync(paths.sessions);
  } catch {
    return [];
  }
}

/** Session files grouped by number (names that are not session files are left alone). */
export function sessionFileNames(paths: StorePaths): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(paths.sessions);
  } catch {
    return byId;
  }
  for (const n of names.sort()) {
    const m = SESSION_FILE_RE.exec(n);
    if (m) byId.set(m[1] as string, [...(byId.get(m[1] as string) ?? []), n]);
  }
  return byId;
}

/** The text of every session's files, and the files that could not be read. */
export function readSessions(paths: StorePaths): {
  sessions: SessionFacts[];
  unreadable: { rel: string; code: string }[];
} {
  const sessions: SessionFacts[] = [];
  const unreadable: { rel: string; code: string }[] = [];
  for (const [id, names] of sessionFileNames(paths)) {
    const s: SessionFacts = { id, ledger: null, tasks: null, markdown: [] };
    for (const name of names) {
      const kind = name.slice(`session-${id}-`.length);
      const file = path.join(paths.sessions, name);
      let text: string | null;
      try {
        text = readTextIfExists(file);
      } catch (e) {
        unreadable.push({ rel: relOf(paths, file), code: errCode(e) });
        continue;
      }
      if (text === null) continue;
      if (kind === 'events.jsonl') s.ledger = text;
      else if (kind === 'tasks.json') s.tasks = text;
      else s.markdown.push({ kind, text });
    }
    sessions.push(s);
  }
  return { sessions, unreadable };
}

/** Every path csm writes under `.claude/`: its state, and the files at the top it adds or merges into. */
function writtenPaths(paths: StorePaths): { file: string; dir: boolean }[] {
  const top = ['.gitignore', '.gitattributes', '.remarkignore', 'settings.json', 'settings.local.json'];
  return [...statePaths(paths), ...top.map((n) => ({ file: path.join(paths.claude, n), dir: false }))];
}

const specialKind = (st: fs.Stats): LinkFact['kind'] | null =>
  st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'device' : null;

/** Every path csm writes that is a symlink (with where it leads) or a special file csm would refuse to write. */
export function readLinks(paths: StorePaths): LinkFact[] {
  const realRoot = realOr(paths.root);
  const out: LinkFact[] = [];
  for (const c of writtenPaths(paths)) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(c.file);
    } catch {
      continue;
    }
    const special = specialKind(st);
    if (special) {
      out.push({ rel: relOf(paths, c.file), kind: special, isDir: false, target: null, outside: true });
      continue;
    }
    if (!st.isSymbolicLink()) continue;
    let target: string | null = null;
    let isDir = c.dir;
    try {
      target = fs.realpathSync(c.file);
      isDir = fs.statSync(c.file).isDirectory();
    } catch {
      target = null;
    }
    const intoGit = target !== null && isInside(path.join(realRoot, '.git'), target);
    const outside = intoGit || target === null || !isInside(realRoot, target);
    out.push({ rel: relOf(paths, c.file), isDir, target, outside, ...(intoGit ? { intoGit } : {}) });
  }
  return out;
}

/** Creates, fills and removes a probe file: permission and disk-space problems show here first. */
function probe(dir: string): string | null {
  const file = path.join(dir, `.csm-doctor-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    fs.writeFileSync(file, Buffer.alloc(4096, 0x20), { flag: 'wx' });
    fs.rmSync(file);
    return null;
  } catch (e) {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // the probe may not exist
    }
    return errCode(e);
  }
}

/** `.claude/` and `.claude/.csm/`, probed unless a link leads them out of the repository. */
export function readWritable(paths: StorePaths, links: readonly LinkFact[]): WritableProbe[] {
  const leadsOut = (rel: string): boolean =>
    links.some((l) => l.outside && (rel === l.rel || rel.startsWith(`${l.rel}/`)));
  const out: WritableProbe[] = [];
  for (const dir of [paths.claude, paths.local]) {
    const rel = relOf(paths, dir);
    if (!fs.existsSync(dir) || leadsOut(rel)) continue;
    out.push({ rel, error: probe(dir) });
  }
  return out;
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
};

/** One lock directory (proper-lockfile) and its owner note (`<pid> <host>`). */
export function readLock(locksDir: string, name: string): LockFact | null {
  const dir = path.join(locksDir, `${name}.lock`);
  let mtime: number;
  try {
    mtime = fs.statSync(dir).mtimeMs;
  } catch {
    return null;
  }
  let ownerPid: number | null = null;
  let ownerHost: string | null = null;
  try {
    const [pid, host] = fs.readFileSync(`${dir}.owner`, 'utf8').trim().split(' ');
    ownerPid = Number.isInteger(Number(pid)) && Number(pid) > 0 ? Number(pid) : null;
    ownerHost = host ?? null;
  } catch {
    // no owner note: only the age tells
  }
  const sameHost = ownerHost !== null && ownerHost === os.hostname();
  const ownerAlive = ownerPid === null || !sameHost ? null : ownerPid === process.pid || pidAlive(ownerPid);
  return { name, ownerPid, ownerHost, ownerAlive, ageMs: Math.max(0, Date.now() - mtime) };
}

export function readLocks(paths: StorePaths): LockFact[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(paths.locks).filter((n) => n.endsWith('.lock'));
  } catch {
    return [];
  }
  return names.map((n) => readLock(paths.locks, n.slice(0, -'.lock'.length))).filter((l): l is LockFact => l !== null);
}

/** A directory (or file) is there. */
export const pathExists = (p: string): boolean => fs.existsSync(p);

/** A temp directory to run git in when the repository root itself is missing. */
export const scratchDir = (): string => os.tmpdir();
