import fs from 'node:fs';
import { readTextIfExists } from '../adapters/store/atomic-file.ts';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../adapters/config/load-config.ts';
import { isGitRepo } from '../adapters/git/git-fast.ts';
import { gitVersion } from '../adapters/git/merge-sides.ts';
import type { StorePaths } from '../adapters/store/paths.ts';
import { DEFAULT_CONFIG } from '../contracts/config.ts';
import type { DoctorFacts } from '../domain/doctor/evaluate.ts';
import type { LinkFact, LockFact, WritableProbe } from '../domain/doctor/setup-checks.ts';
import type { SessionFacts } from '../domain/doctor/store-checks.ts';
import { SESSION_FILE_RE } from '../domain/ids.ts';
import { readHooks } from './doctor-hooks-facts.ts';
import { GITATTRIBUTES, GITIGNORE } from './init-store.ts';

export interface DoctorEnv {
  /** CLAUDE_CONFIG_DIR, CLAUDE_PLUGIN_ROOT are read from here. */
  env: Record<string, string | undefined>;
  home: string;
  nodeVersion: string;
  now: () => Date;
}

const errCode = (e: unknown): string => ((e as { cause?: NodeJS.ErrnoException }).cause?.code ?? (e as NodeJS.ErrnoException).code) ?? 'ERROR';

const readText = readTextIfExists;

function readQuietly(file: string): string | null {
  try {
    return readText(file);
  } catch {
    return null;
  }
}

const isInside = (parent: string, child: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

const relOf = (paths: StorePaths, file: string): string => path.relative(paths.root, file).split(path.sep).join('/');

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

function readSessions(paths: StorePaths): { sessions: SessionFacts[]; unreadable: { rel: string; code: string }[] } {
  const sessions: SessionFacts[] = [];
  const unreadable: { rel: string; code: string }[] = [];
  for (const [id, names] of sessionFileNames(paths)) {
    const s: SessionFacts = { id, ledger: null, tasks: null, markdown: [] };
    for (const name of names) {
      const kind = name.slice(`session-${id}-`.length);
      const file = path.join(paths.sessions, name);
      let text: string | null;
      try {
        text = readText(file);
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

function realRootOf(root: string): string {
  try {
    return fs.realpathSync(root);
  } catch {
    return root;
  }
}

/** `.claude`, `.claude/sessions`, `.claude/.csm` and every session file that is a symlink. */
export function readLinks(paths: StorePaths): LinkFact[] {
  const realRoot = realRootOf(paths.root);
  const candidates: { file: string; dir: boolean }[] = [
    { file: paths.claude, dir: true },
    { file: paths.sessions, dir: true },
    { file: paths.local, dir: true },
  ];
  try {
    for (const n of fs.readdirSync(paths.sessions)) candidates.push({ file: path.join(paths.sessions, n), dir: false });
  } catch {
    // no sessions directory
  }
  const out: LinkFact[] = [];
  for (const c of candidates) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(c.file);
    } catch {
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
    out.push({ rel: relOf(paths, c.file), isDir, target, outside: target === null || !isInside(realRoot, target) });
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

function readWritable(paths: StorePaths, links: readonly LinkFact[]): WritableProbe[] {
  const leadsOut = (rel: string): boolean => links.some((l) => l.outside && (rel === l.rel || rel.startsWith(`${l.rel}/`)));
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

function readLocks(paths: StorePaths): LockFact[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(paths.locks).filter((n) => n.endsWith('.lock'));
  } catch {
    return [];
  }
  return names.map((n) => readLock(paths.locks, n.slice(0, -'.lock'.length))).filter((l): l is LockFact => l !== null);
}

/** Reads everything `csm doctor` checks. Never writes, except the writable probes (created and removed at once). */
export async function gatherFacts(paths: StorePaths, env: DoctorEnv): Promise<DoctorFacts> {
  let configText: string | null = null;
  let configError: string | null = null;
  try {
    configText = readText(paths.config);
  } catch (e) {
    configError = errCode(e);
  }
  const config = configError ? { ok: false as const, errors: [`.claude/csm.json cannot be read (${configError})`] } : parseConfig(configText, '.claude/csm.json');
  const idleMinutes = config.ok ? config.config.idleMinutes : DEFAULT_CONFIG.idleMinutes;
  const links = readLinks(paths);
  const { sessions, unreadable } = readSessions(paths);
  const claudeExists = fs.existsSync(paths.claude);
  const active = readQuietly(paths.active);
  return {
    nodeVersion: env.nodeVersion,
    gitVersion: await gitVersion(fs.existsSync(paths.root) ? paths.root : os.tmpdir()),
    isRepo: isGitRepo(paths.root),
    config: { exists: configText !== null || configError !== null, errors: config.ok ? [] : config.errors, warnings: config.ok ? config.warnings : [] },
    store: { claudeExists, sessionsExists: fs.existsSync(paths.sessions), sessions, unreadable, active, idleMs: idleMinutes * 60_000, now: env.now().getTime() },
    writable: readWritable(paths, links),
    links,
    locks: readLocks(paths),
    gitFiles: fs.existsSync(paths.sessions)
      ? { gitignore: readQuietly(path.join(paths.claude, '.gitignore')), gitattributes: readQuietly(path.join(paths.claude, '.gitattributes')), templates: { gitignore: GITIGNORE, gitattributes: GITATTRIBUTES } }
      : null,
    hooks: readHooks(paths, env.env, env.home),
  };
}
