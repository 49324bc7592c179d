/**
 * Process-level helpers for the fault, fuzz, kill, secrets and trust suites: spawn a BUILT bundle
 * (a hook with raw bytes on stdin, or the CLI) with a given cwd and env, optionally killing it;
 * a seeded PRNG; a bounded worker pool; the checks every suite shares (hook stdout shape, store
 * integrity); and the preload files that simulate a full disk or kill a process mid-write.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOOK_BUNDLES, type HookName } from '../../../src/kernel/hook-events.ts';
import { GIT_ENV, PROJECT_ROOT, assertScratch, dropNpmOmit, git, makeTempDir, writeFiles } from './temp-repo.ts';

export type { HookName };
/** Every hook bundle's name, from the one list (src/kernel/hook-events.ts). */
export const HOOK_NAMES = HOOK_BUNDLES.map((b) => b.name);
/** The event each bundle is registered for first (post-tool-use: PostToolUse). */
export const HOOK_EVENT = Object.fromEntries(HOOK_BUNDLES.map((b) => [b.name, b.events[0]?.event ?? ''])) as Record<
  HookName,
  string
>;
export const CLI_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'cli.mjs');
export const hookFile = (name: HookName): string => path.join(PROJECT_ROOT, 'dist', 'hooks', `${name}.mjs`);

// ---------------------------------------------------------------- seeded randomness

export interface Rng {
  seed: number;
  /** [0, 1) */
  next(): number;
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  string(length: number, alphabet?: string): string;
}

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    seed,
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    string: (length, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') => {
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
  };
}

/** The seed of a suite: CSM_TEST_SEED overrides the fixed default (print it so a failure can be replayed). */
export const suiteSeed = (fallback: number): number => {
  const env = Number(process.env.CSM_TEST_SEED);
  return Number.isInteger(env) && env > 0 ? env : fallback;
};

// ---------------------------------------------------------------- a bounded pool

/** Runs `fn` over `items` with at most `width` at a time; results in input order. */
export async function pool<T, R>(
  items: readonly T[],
  width: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- spawning

/** Variables from the runner's environment that would change what csm does. */
const SCRUB = [
  'CSM_NOW',
  'CSM_DISABLE',
  'CSM_DEBUG',
  'CSM_CODE_CACHE',
  'CSM_CODE_CACHE_DIR',
  'CLAUDE_PLUGIN_DATA',
  'NO_COLOR',
  'FORCE_COLOR',
  'CLAUDE_PROJECT_DIR',
  'CLAUDE_PLUGIN_ROOT',
  'NODE_OPTIONS',
];

export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV };
  for (const k of SCRUB) delete env[k];
  dropNpmOmit(env);
  for (const k of Object.keys(env)) if (k.startsWith('CSM_T_')) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface ProcOptions {
  cwd: string;
  /** Raw bytes for stdin (closed after). */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** A preload (.cjs) run before the bundle, through NODE_OPTIONS=--require. */
  preload?: string;
  timeoutMs?: number;
  /** SIGKILL this long after the spawn. */
  killAfterMs?: number;
  /**
   * SIGKILL this long after the child writes its first byte to fd 3 (the kill preload in
   * `signal` mode writes one byte there right before its first write under .claude/).
   */
  killAfterSignalMs?: number;
  /** Extra argv for node before the script (e.g. --stack-size). */
  nodeArgs?: string[];
  /** A command prefix: the child is `wrap[0] ...wrap[1..] node <file> <args>` (e.g. unshare for a read-only mount). */
  wrap?: string[];
}

export interface ProcResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** We sent SIGKILL (on purpose or on time-out). */
  killed: boolean;
  timedOut: boolean;
  /** The child reached its first write under .claude/ (signal mode only). */
  signalled: boolean;
}

function spawnOnce(file: string, args: readonly string[], o: ProcOptions): Promise<ProcResult> {
  const started = performance.now();
  const env = childEnv(o.env);
  if (o.preload) env.NODE_OPTIONS = `--require ${JSON.stringify(o.preload).slice(1, -1)}`;
  const fd3 = o.killAfterSignalMs !== undefined;
  return new Promise((resolve, reject) => {
    const argv = [...(o.nodeArgs ?? []), file, ...args];
    const [cmd, ...pre] = o.wrap && o.wrap.length ? [...o.wrap, process.execPath] : [process.execPath];
    const child = spawn(cmd as string, [...pre, ...argv], {
      cwd: o.cwd,
      env,
      stdio: fd3 ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let timedOut = false;
    let signalled = false;
    const timers: NodeJS.Timeout[] = [];
    const kill = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    if (fd3) {
      const s = child.stdio[3] as NodeJS.ReadableStream | null;
      s?.on('data', () => {
        if (signalled) return;
        signalled = true;
        if ((o.killAfterSignalMs ?? 0) <= 0) kill();
        else timers.push(setTimeout(kill, o.killAfterSignalMs));
      });
      s?.on('error', () => undefined);
    }
    if (o.killAfterMs !== undefined) timers.push(setTimeout(kill, o.killAfterMs));
    timers.push(
      setTimeout(() => {
        timedOut = true;
        kill();
      }, o.timeoutMs ?? 30_000),
    );
    child.on('error', (e) => {
      for (const t of timers) clearTimeout(t);
      reject(e);
    });
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        ms: Math.round(performance.now() - started),
        killed,
        timedOut,
        signalled,
      });
    });
    child.stdin?.on('error', () => undefined); // the child may exit (or be killed) before reading stdin
    child.stdin?.end(o.input ?? '');
  });
}

/** The bundle could not be loaded (another engineer's `npm run build` is rewriting dist/): no csm code ran. */
const bundleNotLoaded = (r: ProcResult): boolean =>
  r.signal === null &&
  r.code !== 0 &&
  /Cannot find module '[^']*[\\/]dist[\\/]|^SyntaxError: /m.test(r.stderr) &&
  !r.stderr.includes('csm:');

/** Runs a built bundle (waits for it to exist; retries only when the bundle itself failed to load). */
export async function runProc(file: string, args: readonly string[], o: ProcOptions): Promise<ProcResult> {
  assertScratch(o.cwd);
  for (let attempt = 0; ; attempt++) {
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`${file} is missing: run npm run build first`);
      await sleep(100);
    }
    const r = await spawnOnce(file, args, o);
    if (!bundleNotLoaded(r) || attempt >= 20) return r;
    await sleep(250);
  }
}

/** The hook runner of the brief: a hook bundle with raw `input` on stdin; cwd and env given. */
export function runHookRaw(name: HookName, input: string | Buffer, o: Omit<ProcOptions, 'input'>): Promise<ProcResult> {
  return runProc(hookFile(name), [], { ...o, input });
}

/** A hook bundle with a payload object (JSON-encoded) on stdin. */
export function runHookJson(name: HookName, payload: unknown, o: Omit<ProcOptions, 'input'>): Promise<ProcResult> {
  return runHookRaw(name, JSON.stringify(payload), o);
}

/** `node dist/cli.mjs …args` in `cwd`. */
export function runCli(cwd: string, args: readonly string[], o: Omit<ProcOptions, 'cwd'> = {}): Promise<ProcResult> {
  return runProc(CLI_BUNDLE, args, { ...o, cwd });
}

// ---------------------------------------------------------------- what a hook may print

const TOP_KEYS = new Set(['systemMessage', 'hookSpecificOutput', 'decision', 'reason']);
const SPECIFIC_KEYS = new Set(['hookEventName', 'additionalContext', 'sessionTitle']);
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;

/**
 * Problems with a hook's stdout: it must be empty or ONE JSON object with only the hook output
 * keys csm uses, never `decision: "block"` (when `allowBlock` is false), a one-line systemMessage,
 * and no stack trace anywhere.
 */
export function hookStdoutProblems(stdout: string, event: string, opts: { allowBlock?: boolean } = {}): string[] {
  const text = stdout.trim();
  if (text === '') return [];
  const problems: string[] = [];
  if (STACK.test(stdout)) problems.push('a stack trace on stdout');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [...problems, `stdout is not one JSON value: ${text.slice(0, 120)}`];
  }
  return [...problems, ...hookOutputProblems(value, event, opts)];
}

/** The same checks on an output object (for in-process runs). */
export function hookOutputProblems(value: unknown, event: string, opts: { allowBlock?: boolean } = {}): string[] {
  if (value === null || value === undefined) return [];
  const problems: string[] = [];
  if (typeof value !== 'object' || Array.isArray(value))
    return [`stdout is JSON but not an object: ${JSON.stringify(value).slice(0, 80)}`];
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!TOP_KEYS.has(k)) problems.push(`unknown output key ${k}`);
  if ('decision' in obj) {
    if (obj.decision !== 'block') problems.push(`decision ${JSON.stringify(obj.decision)}`);
    else if (!opts.allowBlock) problems.push(`decision: "block" (reason: ${String(obj.reason).split('\n')[0]})`);
  }
  if ('reason' in obj && typeof obj.reason !== 'string') problems.push('reason is not a string');
  if ('systemMessage' in obj) {
    if (typeof obj.systemMessage !== 'string') problems.push('systemMessage is not a string');
    else if (obj.systemMessage.includes('\n'))
      problems.push(`systemMessage has more than one line: ${obj.systemMessage.slice(0, 120)}`);
    else if (STACK.test(obj.systemMessage)) problems.push('a stack trace in systemMessage');
    else if (!obj.systemMessage.startsWith('csm: '))
      problems.push(`systemMessage without the one prefix "csm: ": ${obj.systemMessage.slice(0, 120)}`);
  }
  if ('hookSpecificOutput' in obj) {
    const h = obj.hookSpecificOutput as Record<string, unknown> | null;
    if (!h || typeof h !== 'object' || Array.isArray(h)) problems.push('hookSpecificOutput is not an object');
    else {
      if (h.hookEventName !== event)
        problems.push(`hookSpecificOutput.hookEventName is ${JSON.stringify(h.hookEventName)}, not ${event}`);
      for (const k of Object.keys(h)) if (!SPECIFIC_KEYS.has(k)) problems.push(`unknown hookSpecificOutput key ${k}`);
      if ('additionalContext' in h && typeof h.additionalContext !== 'string')
        problems.push('additionalContext is not a string');
    }
  }
  return problems;
}

/** The parsed stdout of a hook (null when empty). */
export const hookJson = (stdout: string): Record<string, unknown> | null =>
  stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : null;

// ---------------------------------------------------------------- the store on disk

export interface StoreCheck {
  problems: string[];
  /** Ledgers whose last line is torn (no newline, not JSON): allowed right after a kill. */
  tornLedgers: string[];
  /** Fragments an interrupted write left inside a ledger (the next append started a fresh line after them): readers skip them. */
  tornLines: string[];
  tmpFiles: string[];
  files: string[];
}

/**
 * Every .json under .claude/ parses; every .jsonl line parses, or is the start of a csm line an
 * interrupted write cut short (reported apart: a torn last line, or a fragment a later line follows).
 */
export function checkStore(repo: string): StoreCheck {
  const root = path.join(repo, '.claude');
  const out: StoreCheck = { problems: [], tornLedgers: [], tornLines: [], tmpFiles: [], files: [] };
  if (!fs.existsSync(root)) return out;
  const walk = (dir: string): void => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isSymbolicLink()) continue;
      if (ent.isDirectory()) {
        walk(p);
        continue;
      }
      const rel = path.relative(repo, p);
      out.files.push(rel);
      if (ent.name.endsWith('.tmp')) {
        out.tmpFiles.push(rel);
        continue;
      }
      if (ent.name.endsWith('.json')) {
        try {
          JSON.parse(fs.readFileSync(p, 'utf8'));
        } catch (e) {
          out.problems.push(`${rel}: not valid JSON (${(e as Error).message})`);
        }
      } else if (ent.name.endsWith('.jsonl')) {
        const text = fs.readFileSync(p, 'utf8');
        const lines = text.split('\n');
        const torn = text.length > 0 && !text.endsWith('\n');
        lines.forEach((l, i) => {
          if (l.trim() === '') return;
          try {
            JSON.parse(l);
          } catch {
            if (torn && i === lines.length - 1) out.tornLedgers.push(rel);
            else if (l.startsWith(CSM_LINE_START)) out.tornLines.push(`${rel} line ${i + 1}`);
            else out.problems.push(`${rel} line ${i + 1} is not JSON: ${l.slice(0, 80)}`);
          }
        });
      }
    }
  };
  walk(root);
  return out;
}

/** How every ledger line csm writes begins. */
const CSM_LINE_START = '{"v":1,"t":"';

/** The whole lines of a ledger: a torn tail, and fragments an interrupted write left before a later line, are left out. */
export function wholeLedgerLines(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const end = text.lastIndexOf('\n');
  return end < 0
    ? []
    : text
        .slice(0, end)
        .split('\n')
        .filter((l) => !l.startsWith(CSM_LINE_START) || parses(l));
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- fault preloads

/**
 * A CommonJS preload (loaded with NODE_OPTIONS=--require) that watches the filesystem calls a
 * process makes under CSM_T_MARK (the repo's .claude/, real path) and, by CSM_T_MODE:
 *  - count:  writes how many write-type calls it saw to CSM_T_COUNT_FILE at exit (and which);
 *            with CSM_T_REAL=1 a path counts by where it really lands (symlinks resolved), so
 *            CSM_T_MARK can be a directory outside the repo that a link inside points to;
 *  - kill:   SIGKILLs the process at the CSM_T_AT-th call, before it (CSM_T_WHEN=before), after it
 *            (after), or after writing only half of the data (torn: a ledger line cut in two);
 *  - signal: writes one byte to fd 3 right before the first call (the test then kills after a delay);
 *  - enospc: every data write, new directory and new file fails with ENOSPC (a full disk) — a
 *            writeFileSync still truncates/creates its target first, as a real full disk would;
 *            with CSM_T_DIRS_OK=1 new directories (the lock) still succeed, so the data writes are reached;
 *  - short:  the first write to a .jsonl file writes half its bytes and returns that count (the
 *            kernel's answer when the disk fills mid-write); every later data write fails with ENOSPC.
 */
export const FAULT_PRELOAD = String.raw`'use strict';
const fs = require('fs');
const path = require('path');
const MARK = process.env.CSM_T_MARK || '\u0000';
const MODE = process.env.CSM_T_MODE || 'count';
const AT = Number(process.env.CSM_T_AT || 0);
const WHEN = process.env.CSM_T_WHEN || 'before';
const DIRS_OK = process.env.CSM_T_DIRS_OK === '1';
const REAL = process.env.CSM_T_REAL === '1';
const orig = {};
for (const k of ['openSync','closeSync','writeSync','writeFileSync','appendFileSync','mkdirSync','renameSync','ftruncateSync','truncateSync','rmSync','unlinkSync','rmdirSync','copyFileSync','mkdir','rmdir','utimes','rename','unlink','rm','existsSync']) orig[k] = fs[k];
const fdPaths = new Map();
let n = 0;
let full = false;
const ops = [];
const die = () => { process.kill(process.pid, 'SIGKILL'); };
const str = (p) => { try { return p instanceof URL ? p.pathname : Buffer.isBuffer(p) ? p.toString() : String(p); } catch { return ''; } };
/** With CSM_T_REAL=1, where a path really lands: symlinks in its existing part resolved. */
const realish = (abs) => {
  const rest = [];
  let cur = abs;
  for (;;) {
    try { return path.join(fs.realpathSync(cur), ...rest.reverse()); } catch {}
    const up = path.dirname(cur);
    if (up === cur) return abs;
    rest.push(path.basename(cur));
    cur = up;
  }
};
const under = (p) => {
  if (typeof p === 'number') return fdPaths.has(p);
  const s = str(p);
  if (!s || s.includes('\u0000')) return false;
  const abs = REAL ? realish(path.resolve(s)) : path.resolve(s);
  return abs === MARK || abs.startsWith(MARK + path.sep);
};
const label = (p) => (typeof p === 'number' ? fdPaths.get(p) : path.resolve(str(p))).slice(REAL ? 0 : MARK.length - 7);
const enospc = (syscall, p) => { const e = new Error('ENOSPC: no space left on device, ' + syscall + " '" + label(p) + "'"); e.code = 'ENOSPC'; e.errno = -28; e.syscall = syscall; e.path = typeof p === 'number' ? fdPaths.get(p) : str(p); return e; };
const writeFlags = (flags) => {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') return (flags & 3) !== 0 || (flags & 64) !== 0;
  return /[wa+]/.test(String(flags));
};
function counted(name, p, run, torn) {
  n++;
  ops.push(name + ' ' + label(p));
  if (MODE === 'signal' && n === 1) { try { orig.writeSync(3, 'w'); } catch {} }
  if (MODE === 'kill' && n === AT) {
    if (WHEN === 'before') die();
    if (WHEN === 'torn' && torn) { torn(); die(); }
    const r = run();
    die();
    return r;
  }
  return run();
}
function wrapSync(name, isWrite) {
  const f = orig[name];
  fs[name] = function (p, ...rest) {
    if (!under(p) || (isWrite && !isWrite(p, rest))) return f.call(this, p, ...rest);
    return counted(name, p, () => f.call(this, p, ...rest));
  };
}
function wrapAsync(name) {
  const f = orig[name];
  fs[name] = function (p, ...rest) {
    if (!under(p)) return f.call(this, p, ...rest);
    const cbAt = rest.findIndex((x) => typeof x === 'function');
    if (MODE === 'enospc' && !DIRS_OK && name === 'mkdir' && cbAt >= 0) { const cb = rest[cbAt]; process.nextTick(() => cb(enospc('mkdir', p))); return; }
    n++;
    ops.push(name + ' ' + label(p));
    if (MODE === 'signal' && n === 1) { try { orig.writeSync(3, 'w'); } catch {} }
    if (MODE === 'kill' && n === AT) {
      if (WHEN === 'before') die();
      if (cbAt >= 0) { const cb = rest[cbAt]; rest[cbAt] = function (...a) { die(); return cb.apply(this, a); }; }
    }
    return f.call(this, p, ...rest);
  };
}
fs.openSync = function (p, flags, mode) {
  if (under(p) && writeFlags(flags)) {
    if ((MODE === 'enospc' || (MODE === 'short' && full)) && !orig.existsSync(p)) throw enospc('open', p);
    const fd = counted('openSync', p, () => orig.openSync.call(this, p, flags, mode));
    fdPaths.set(fd, path.resolve(str(p)));
    return fd;
  }
  return orig.openSync.call(this, p, flags, mode);
};
fs.closeSync = function (fd) { fdPaths.delete(fd); return orig.closeSync.call(this, fd); };
fs.writeSync = function (fd, data, ...rest) {
  if (!fdPaths.has(fd)) return orig.writeSync.call(this, fd, data, ...rest);
  if (MODE === 'enospc' || (MODE === 'short' && full)) throw enospc('write', fd);
  if (MODE === 'short' && String(fdPaths.get(fd)).endsWith('.jsonl')) {
    const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    full = true;
    return orig.writeSync.call(this, fd, buf.subarray(0, Math.floor(buf.length / 2)));
  }
  const torn = typeof data === 'string' || Buffer.isBuffer(data)
    ? () => { const buf = Buffer.from(data); orig.writeSync.call(this, fd, buf.subarray(0, Math.max(1, Math.floor(buf.length / 2)))); }
    : undefined;
  return counted('writeSync', fd, () => orig.writeSync.call(this, fd, data, ...rest), torn);
};
fs.writeFileSync = function (p, data, opts) {
  if (!under(p)) return orig.writeFileSync.call(this, p, data, opts);
  if (MODE === 'enospc' || (MODE === 'short' && full)) {
    const flag = (opts && typeof opts === 'object' && opts.flag) || 'w';
    const fd = orig.openSync(p, flag);
    orig.closeSync(fd);
    throw enospc('write', p);
  }
  const torn = () => { const buf = Buffer.from(typeof data === 'string' ? data : String(data)); const flag = (opts && typeof opts === 'object' && opts.flag) || 'w'; const fd = orig.openSync(p, flag); orig.writeSync(fd, buf.subarray(0, Math.floor(buf.length / 2))); orig.closeSync(fd); };
  return counted('writeFileSync', p, () => orig.writeFileSync.call(this, p, data, opts), torn);
};
fs.appendFileSync = function (p, data, opts) {
  if (!under(p)) return orig.appendFileSync.call(this, p, data, opts);
  if (MODE === 'enospc' || (MODE === 'short' && full)) throw enospc('write', p);
  return counted('appendFileSync', p, () => orig.appendFileSync.call(this, p, data, opts));
};
fs.mkdirSync = function (p, opts) {
  if (!under(p)) return orig.mkdirSync.call(this, p, opts);
  if ((MODE === 'enospc' || (MODE === 'short' && full)) && !DIRS_OK && !orig.existsSync(p)) throw enospc('mkdir', p);
  if (orig.existsSync(p)) return orig.mkdirSync.call(this, p, opts);
  return counted('mkdirSync', p, () => orig.mkdirSync.call(this, p, opts));
};
for (const k of ['renameSync','ftruncateSync','truncateSync','rmSync','unlinkSync','rmdirSync','copyFileSync']) wrapSync(k);
for (const k of ['mkdir','rmdir','utimes','rename','unlink','rm']) wrapAsync(k);
process.on('exit', () => {
  if (process.env.CSM_T_COUNT_FILE) { try { orig.writeFileSync(process.env.CSM_T_COUNT_FILE, JSON.stringify({ n, ops })); } catch {} }
});
`;

/** Writes the fault preload into `dir` (a temp dir of the test) and returns its path. */
export function writeFaultPreload(dir: string): string {
  const file = path.join(dir, 'csm-fault-preload.cjs');
  fs.writeFileSync(file, FAULT_PRELOAD);
  return file;
}

/** Sums the count files the preload left in `dir` (count mode): every write-type call and its path. */
export function countedWrites(dir: string): string[] {
  const ops: string[] = [];
  for (const f of fs.readdirSync(dir))
    if (f.endsWith('.count.json'))
      ops.push(...(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { ops: string[] }).ops);
  return ops;
}

/** Env for the fault preload aimed at `repo`'s .claude/. */
export function faultEnv(
  repo: string,
  mode: 'count' | 'kill' | 'signal' | 'enospc' | 'short',
  extra: Record<string, string> = {},
): Record<string, string> {
  return { CSM_T_MARK: path.join(fs.realpathSync(repo), '.claude'), CSM_T_MODE: mode, ...extra };
}

/** A pid that is certainly dead: a child that already exited. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid as number;
  await new Promise((r) => child.on('close', r));
  return pid;
}

export const HOSTNAME = os.hostname();

/**
 * A way to run a process that sees `dir` read-only although we are root (root ignores mode
 * bits): a private mount namespace with a read-only bind mount of `dir`. Null when unavailable.
 */
export function readOnlyWrap(dir: string): string[] {
  return [
    'unshare',
    '-m',
    '--',
    'sh',
    '-c',
    'mount --make-rprivate / 2>/dev/null; mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"',
    dir,
  ];
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** A repo's .csm.json that turns every detected or built-in gate off (so Stop never has a failing gate). */
export const NO_GATES = { detectGates: false, consoleCheck: { enabled: false }, docsCheck: { enabled: false } };

/** Every file (recursively, with symlinks listed as links) under `dir`, relative, sorted. */
export function treeList(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let ents: fs.Dirent[];
    try {
      ents = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out.push(`${rel}/`);
        walk(p);
      } else out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

/** Time a promise. */
export async function timed<T>(p: Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await p;
  return [v, Math.round(performance.now() - t0)];
}

/**
 * Like temp-repo's createTempRepo (a git repo at <box>/repo with one commit), but removed after
 * the last test of the file rather than after the current test: safe in describe.concurrent,
 * where one test's cleanup would otherwise remove the directories of the tests still running.
 */
export function scratchRepo(files: Record<string, string> = { 'README.md': '# scratch project\n' }): string {
  const dir = path.join(makeTempDir('csm-it-box-', { until: 'file' }), 'repo');
  fs.mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'initial commit');
  return dir;
}

/** A scratch directory removed after the last test of the file (see scratchRepo). */
export const scratchDir = (prefix: string): string => makeTempDir(prefix, { until: 'file' });
