/**
 * Integration helpers: throw-away git repos under os.tmpdir(), and the BUILT csm (dist/cli.mjs,
 * dist/hooks/*.mjs) run as real child processes. Every temp dir is removed after each test, and a
 * helper refuses to hand out (or run in) a directory that is the real checkout or inside it.
 */
import type { HookName } from '../../../src/kernel/hook-events.ts';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach } from 'vitest';

/** The checkout under test (three levels above this file). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI = path.join(PROJECT_ROOT, 'dist', 'cli.mjs');
export const HOOKS_DIR = path.join(PROJECT_ROOT, 'dist', 'hooks');
export const hookBundle = (name: HookName): string => path.join(HOOKS_DIR, `${name}.mjs`);

// ---------------------------------------------------------------- temp dirs

const TMP = fs.realpathSync(os.tmpdir());
/** Removed after the current test / after the whole file. */
const made: { test: string[]; file: string[] } = { test: [], file: [] };

const inside = (parent: string, child: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Throws unless `dir` is a throw-away directory: under os.tmpdir() and not the real checkout or cwd. */
export function assertScratch(dir: string): void {
  const real = fs.realpathSync(dir);
  const cwd = fs.realpathSync(process.cwd());
  const project = fs.realpathSync(PROJECT_ROOT);
  if (!inside(TMP, real) || real === TMP) throw new Error(`refusing to use ${real}: not under ${TMP}`);
  if (inside(real, cwd) || inside(cwd, real) || inside(project, real) || inside(real, project)) {
    throw new Error(`refusing to use ${real}: it is (or holds) the real working directory`);
  }
}

/**
 * A fresh empty directory under os.tmpdir(), removed after the last test of the file (tests may
 * run concurrently, so "after this test" cannot be told apart safely), or with `{ until: 'test' }`
 * after the current test (only for files whose tests run one at a time).
 */
export function makeTempDir(prefix = 'csm-it-', opts: { until?: 'test' | 'file' } = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(TMP, prefix)));
  assertScratch(dir);
  made[opts.until ?? 'file'].push(dir);
  return dir;
}

function remove(dirs: string[]): void {
  for (const d of dirs.splice(0)) {
    try {
      fs.rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort: a file a crashed child still holds open
    }
  }
}

export function cleanupTempDirs(): void {
  remove(made.test);
}

afterEach(() => remove(made.test));
afterAll(() => remove(made.file));

// ---------------------------------------------------------------- git

export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'csm test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'csm test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * `npm test` hands this checkout's .npmrc (omit=dev) to the tests as npm_config_omit, and sets
 * NODE_ENV=production with it: npm installs the tests run in their own projects inherit neither.
 */
export function dropNpmOmit(env: NodeJS.ProcessEnv): void {
  for (const k of Object.keys(env)) if (/^(npm_config_(omit|include|production)|NODE_ENV)$/i.test(k)) delete env[k];
}

export function git(dir: string, ...args: string[]): string {
  assertScratch(dir);
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Writes `files` (relative path → content) under `root`, creating parent dirs. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

export interface RepoOptions {
  /** Committed in the first commit (default: a README). */
  files?: Record<string, string>;
  /** More commits after the first, oldest first: [message, files]. */
  commits?: [string, Record<string, string>][];
}

/**
 * A real git repo (branch main) with at least one commit, at `<box>/repo` where `<box>` is a fresh
 * private dir under os.tmpdir() (so a test can check that nothing appeared next to the repo);
 * removed after the test.
 */
export function createTempRepo(opts: RepoOptions = {}): string {
  const dir = path.join(makeTempDir('csm-it-box-'), 'repo');
  fs.mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, opts.files ?? { 'README.md': '# scratch project\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'initial commit');
  for (const [message, files] of opts.commits ?? []) {
    writeFiles(dir, files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', message);
  }
  return dir;
}

const fixtures = new Map<string, Promise<string>>();

/**
 * A repo built once per test file by `build` (e.g. a started session with two tasks), then copied
 * for every caller: the same starting state without paying for the csm runs that made it.
 */
/**
 * A copied repository is another clone to csm: its active pointer names the folder it was written
 * in, so the copy's is ignored. A test that copies a prepared repo as if it were the same one
 * binds the pointer to the copy's folder, as `csm switch` would.
 */
export function keepActiveAfterCopy(dir: string): void {
  const local = path.join(dir, '.claude', '.csm');
  const pointer = path.join(local, 'active');
  if (!fs.existsSync(pointer)) return;
  const st = fs.statSync(local, { bigint: true });
  fs.writeFileSync(pointer, `${fs.readFileSync(pointer, 'utf8').trim().split(' ')[0]} ${st.ino}:${st.birthtimeNs}\n`);
}

export async function fixtureRepo(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  let built = fixtures.get(name);
  if (!built) {
    built = (async () => {
      const dir = createTempRepo();
      await build(dir);
      return dir;
    })();
    fixtures.set(name, built);
  }
  const src = await built;
  const dir = path.join(makeTempDir('csm-it-box-'), 'repo');
  fs.cpSync(src, dir, { recursive: true, verbatimSymlinks: true });
  keepActiveAfterCopy(dir);
  fs.rmSync(path.join(dir, '.claude', '.csm', 'locks'), { recursive: true, force: true });
  return dir;
}

// ---------------------------------------------------------------- running the built csm

export interface RunOptions {
  /** Written to stdin (stdin is closed either way). */
  input?: string;
  /** Added to the child's environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Called with each piece of stderr as it arrives (for a test that acts on what the child says). */
  onStderr?: (text: string) => void;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Variables from the test runner's environment that would change what csm does. */
const SCRUB = [
  'CSM_NOW',
  'CSM_DISABLE',
  'CSM_DEBUG',
  'NO_COLOR',
  'FORCE_COLOR',
  'CLAUDE_PROJECT_DIR',
  'CLAUDE_PLUGIN_ROOT',
  'NODE_OPTIONS',
];

function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV };
  for (const k of SCRUB) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function runOnce(file: string, args: readonly string[], cwd: string, opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], {
      cwd,
      env: childEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      opts.onStderr?.(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.on('error', () => undefined); // the child may exit before reading stdin
    child.stdin.end(opts.input ?? '');
  });
}

/** The bundle could not even be loaded (another engineer's `npm run build` is rewriting dist/): no csm code ran. */
const bundleNotLoaded = (r: RunResult): boolean =>
  r.code !== 0 &&
  /Cannot find module '[^']*[\\/]dist[\\/]|^SyntaxError: /m.test(r.stderr) &&
  !r.stderr.includes('csm:');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 20 s) for a bundle another engineer's `npm run build` may be rewriting. */
export async function waitForBundle(file: string = CLI): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline)
      throw new Error(`${path.relative(PROJECT_ROOT, file)} is missing: run npm run build first`);
    await sleep(100);
  }
}

/** Runs a built bundle with node in `cwd` (a scratch dir), retrying only when the bundle itself failed to load. */
export async function runBundle(
  file: string,
  args: readonly string[],
  cwd: string,
  opts: RunOptions = {},
): Promise<RunResult> {
  assertScratch(cwd);
  for (let attempt = 0; ; attempt++) {
    await waitForBundle(file);
    const r = await runOnce(file, args, cwd, opts);
    if (!bundleNotLoaded(r) || attempt >= 20) return r;
    await sleep(250);
  }
}

type CsmArg = string | RunOptions;

/** `csm(dir, 'task', 'add', 'x', { env: { CSM_NOW: '…' } })`: runs `node dist/cli.mjs …` in `dir`. */
export function csm(dir: string, ...args: CsmArg[]): Promise<RunResult> {
  const last = args[args.length - 1];
  const opts = last !== undefined && typeof last === 'object' ? (args.pop() as RunOptions) : {};
  return runBundle(CLI, args as string[], dir, opts);
}

/** Like csm() but expects exit 0 and parses stdout as JSON (adds --json). */
export async function csmJson<T = any>(dir: string, ...args: CsmArg[]): Promise<T> {
  const last = args[args.length - 1];
  const opts = last !== undefined && typeof last === 'object' ? (args.pop() as RunOptions) : undefined;
  const r = await csm(dir, ...(args as string[]), '--json', ...(opts ? [opts] : []));
  if (r.code !== 0)
    throw new Error(`csm ${args.join(' ')} --json exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`csm ${args.join(' ')} --json printed something that is not JSON:\n${r.stdout}`);
  }
}

/** Runs a hook bundle with `payload` on stdin; cwd defaults to the payload's cwd. */
export function runHook(
  name: HookName,
  payload: unknown,
  opts: RunOptions & { cwd?: string } = {},
): Promise<RunResult> {
  const cwd = opts.cwd ?? (payload as { cwd?: string }).cwd;
  if (!cwd) throw new Error('runHook needs a cwd');
  return runBundle(hookBundle(name), [], cwd, { ...opts, input: JSON.stringify(payload) });
}

// ---------------------------------------------------------------- hook payloads (shaped like Claude Code's)

/** A PostToolUse payload for an Edit of `rel` (repo-relative) that replaced line 1 "a" with "b". */
export function editPayload(
  dir: string,
  rel: string,
  over: { sessionId?: string; oldString?: string; newString?: string } = {},
): Record<string, unknown> {
  const filePath = path.isAbsolute(rel) ? rel : path.join(dir, rel);
  const oldString = over.oldString ?? 'a';
  const newString = over.newString ?? 'b';
  return {
    session_id: over.sessionId ?? '3f9c2a1e-5b7d-4e21-9a0c-1d2e3f4a5b6c',
    transcript_path: path.join(os.homedir(), '.claude', 'projects', 'scratch', 'transcript.jsonl'),
    cwd: dir,
    permission_mode: 'default',
    hook_event_name: 'PostToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: filePath, old_string: oldString, new_string: newString, replace_all: false },
    tool_response: {
      filePath,
      oldString,
      newString,
      originalFile: `${oldString}\n`,
      structuredPatch: [
        { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: [`-${oldString}`, `+${newString}`] },
      ],
      userModified: false,
      replaceAll: false,
    },
    tool_use_id: `toolu_${crypto.randomBytes(8).toString('hex')}`,
  };
}

// ---------------------------------------------------------------- reading the store

export const sessionPath = (dir: string, session: string, kind: string): string =>
  path.join(dir, '.claude', 'sessions', `session-${session}-${kind}`);

export const readText = (file: string): string => fs.readFileSync(file, 'utf8');

export function readTasks(dir: string, session = '001'): any {
  return JSON.parse(readText(sessionPath(dir, session, 'tasks.json')));
}

/** The ledger's lines, raw (the trailing newline does not make an empty line). */
export function ledgerLines(dir: string, session = '001'): string[] {
  const text = readText(sessionPath(dir, session, 'events.jsonl'));
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The ledger's events (every line must parse). A blank line is passed over as csm's reader does:
 * an append that sees another process's write half done may start its line with a newline.
 */
export function readLedger(dir: string, session = '001'): any[] {
  return ledgerLines(dir, session).flatMap((l, i) => {
    if (l === '') return [];
    try {
      return [JSON.parse(l)];
    } catch {
      throw new Error(`ledger line ${i + 1} is not JSON: ${l.slice(0, 80)}`);
    }
  });
}

export const activePointer = (dir: string): string | null => {
  try {
    // the session number (the pointer also names the clone it was written in)
    return (
      readText(path.join(dir, '.claude', '.csm', 'active'))
        .trim()
        .split(' ')[0] ?? null
    );
  } catch {
    return null;
  }
};

/** Every regular file and symlink under `dir` (relative paths), with a sha256 of the contents. `.git` is left out. */
export function snapshot(dir: string, opts: { skip?: (rel: string) => boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string): void => {
    for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
      const p = path.join(abs, ent.name);
      const rel = path.relative(dir, p).split(path.sep).join('/');
      if (rel === '.git' || opts.skip?.(rel)) continue;
      if (ent.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(p)}`;
      else if (ent.isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(p);
      } else out[rel] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Every file (not directory) under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  return Object.entries(snapshot(dir))
    .filter(([, v]) => v !== 'dir')
    .map(([k]) => k)
    .sort();
}

export const ANSI = /\u001b\[/;

// ---------------------------------------------------------------- JSON Schema (the subset zod emits)

type Schema = Record<string, any>;

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

/** Validates `value` against a JSON Schema (type, enum, const, properties, required, additionalProperties, items, anyOf, pattern, minLength, minimum). Returns the problems. */
export function validateJsonSchema(schema: Schema, value: unknown, at = '$'): string[] {
  const problems: string[] = [];
  if (schema.anyOf) {
    const ok = (schema.anyOf as Schema[]).some((s) => validateJsonSchema(s, value, at).length === 0);
    if (!ok) problems.push(`${at}: matches none of anyOf`);
  }
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = typeOf(value);
    if (!types.some((x) => x === t || (x === 'number' && t === 'integer')))
      return [...problems, `${at}: expected ${types.join('|')}, got ${t}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) problems.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value))
      problems.push(`${at}: "${value}" does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength)
      problems.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum)
    problems.push(`${at}: below ${schema.minimum}`);
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => problems.push(...validateJsonSchema(schema.items, v, `${at}[${i}]`)));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const k of (schema.required as string[] | undefined) ?? [])
      if (!(k in obj)) problems.push(`${at}.${k}: missing`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) problems.push(...validateJsonSchema(props[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${k}: not allowed`);
    }
  }
  return problems;
}

/** The tasks.json JSON Schema: the shipped schema/tasks.schema.json, else generated from the zod source of truth. */
export async function tasksJsonSchema(): Promise<Schema> {
  const shipped = path.join(PROJECT_ROOT, 'schema', 'tasks.schema.json');
  if (fs.existsSync(shipped)) return JSON.parse(readText(shipped)) as Schema;
  const z = await import('zod/mini');
  const { TasksFileSchema } = await import('../../../src/contracts/tasks.ts');
  return z.toJSONSchema(TasksFileSchema, { io: 'output' }) as Schema;
}

/** The fields of the original design's tasks.json, which csm must keep. */
export const ORIGINAL_TASK_FIELDS = [
  'id',
  'title',
  'agent',
  'status',
  'estimatedMinutes',
  'actualMinutes',
  'files',
  'tests',
  'blockers',
  'output',
] as const;
export const ORIGINAL_METRIC_FIELDS = [
  'totalTasks',
  'completed',
  'failed',
  'blocked',
  'timeSpent',
  'timeEstimated',
] as const;

/** Throws with every problem unless `file` is a tasks.json that passes the schema and keeps the original fields. */
export async function expectValidTasksFile(file: string): Promise<any> {
  const value = JSON.parse(readText(file));
  const problems = validateJsonSchema(await tasksJsonSchema(), value);
  if (typeof value.sessionId !== 'string') problems.push('sessionId missing');
  for (const [i, t] of ((value.tasks as any[]) ?? []).entries())
    for (const f of ORIGINAL_TASK_FIELDS) if (!(f in t)) problems.push(`tasks[${i}].${f} missing`);
  for (const f of ORIGINAL_METRIC_FIELDS) if (!(f in (value.metrics ?? {}))) problems.push(`metrics.${f} missing`);
  if (problems.length) throw new Error(`${file} is not a valid tasks file:\n  ${problems.join('\n  ')}`);
  return value;
}

/** `${day}T${hhmm}:00.000Z` for CSM_NOW. */
export const at = (hhmm: string, day = '2026-03-02'): string => `${day}T${hhmm}:00.000Z`;
