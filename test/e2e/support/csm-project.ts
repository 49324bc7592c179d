/**
 * csm-specific e2e fixtures: a throw-away git repo holding a tiny Node project (its `npm test`
 * is `node --test test/`, passing or failing as a test needs) with csm initialised and a
 * session started through the built CLI (`node dist/cli.mjs`), plus readers for what csm wrote
 * (the ledger, tasks.json, reports, memory) and a recorder plugin that logs every hook payload
 * Claude Code sends (to assert on stop_hook_active, agent_id, SessionStart sources, ...).
 *
 * Everything here runs the shipped bundles in dist/: `requireBuiltCsm()` fails with a clear
 * message when they are missing, and warns when src/ or hooks/ are newer than dist/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createGitRepo, createPlugin, pluginNodeCommand, writeFiles } from './plugin-fixture.ts';
import { REPO_ROOT } from './run-claude.ts';

/** The csm repository root: what `--plugin-dir` loads and what a marketplace points at. */
export const CSM_ROOT = REPO_ROOT;
export const CSM_CLI = path.join(CSM_ROOT, 'dist/cli.mjs');
export const HOOK_BUNDLES = ['session-start', 'post-tool-use', 'user-prompt-submit', 'pre-compact', 'stop'].map((h) =>
  path.join(CSM_ROOT, 'dist/hooks', `${h}.mjs`),
);

function newestMtime(dir: string): { file: string; ms: number } {
  let best = { file: '', ms: 0 };
  if (!existsSync(dir)) return best;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const ms = statSync(file).mtimeMs;
    if (ms > best.ms) best = { file, ms };
  }
  return best;
}

let checked = false;
/**
 * The e2e tests drive the built bundles, exactly as Claude Code runs them. Throws when one is
 * missing (run `npm run build`); warns once when a source file is newer than the oldest bundle.
 */
export function requireBuiltCsm(): void {
  const missingNow = () => [CSM_CLI, ...HOOK_BUNDLES].filter((p) => !existsSync(p));
  let missing = missingNow();
  // `npm run build` empties dist/ before it writes it again: give a concurrent build a few seconds.
  for (let waited = 0; missing.length > 0 && checked && waited < 15_000; waited += 250) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    missing = missingNow();
  }
  if (missing.length > 0) {
    throw new Error(
      `csm e2e: the built bundles are missing: ${missing.map((p) => path.relative(CSM_ROOT, p)).join(', ')}.\n` +
        'The e2e tests run dist/ (what the plugin ships). Run `npm run build` first.',
    );
  }
  if (checked) return;
  checked = true;
  const oldest = Math.min(...[CSM_CLI, ...HOOK_BUNDLES].map((p) => statSync(p).mtimeMs));
  const newest = [newestMtime(path.join(CSM_ROOT, 'src')), newestMtime(path.join(CSM_ROOT, 'hooks'))].sort(
    (a, b) => b.ms - a.ms,
  )[0]!;
  if (newest.ms > oldest) {
    console.warn(
      `csm e2e: ${path.relative(CSM_ROOT, newest.file)} is newer than dist/ — these tests run the bundles; \`npm run build\` to test the current source.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The tiny project

export const TINY_PACKAGE_JSON =
  JSON.stringify(
    {
      name: 'tiny-e2e-project',
      version: '1.0.0',
      private: true,
      type: 'module',
      scripts: { test: 'node --test test/' },
    },
    null,
    2,
  ) + '\n';

/** `add` is correct in the passing project; the failing one has `a - b` (the test sees -1, expects 5). */
export const MATH_OK = 'export function add(a, b) {\n  return a + b;\n}\n';
export const MATH_BUGGY = 'export function add(a, b) {\n  return a - b;\n}\n';
export const MATH_TEST =
  "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../src/math.js';\n\n" +
  "test('add-sums-two-numbers', () => {\n  assert.equal(add(2, 3), 5);\n});\n";

export interface CsmProjectOptions {
  /** `npm test` passes (default) or fails (src/math.js has a bug). */
  tests?: 'pass' | 'fail';
  /** Extra files committed with the project. */
  files?: Record<string, string>;
  /** Written to .claude/csm.json (after `csm init`, committed with the rest). */
  config?: Record<string, unknown>;
  /** `csm start` objectives (default one). Null: init only, no session. */
  objectives?: string[] | null;
  /** Tasks added with `csm task add`, in order (ids task-1, task-2, ...). */
  tasks?: Array<{ title: string; agent?: string; estimate?: number; files?: string[]; criteria?: string[] }>;
  /** Run `csm task next --start` after adding the tasks (default true when there are tasks). */
  startFirstTask?: boolean;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One line of session-NNN-events.jsonl (only `type` and `t` are certain). */
export interface LedgerLine {
  v: number;
  t: string;
  type: string;
  [key: string]: unknown;
}

export interface TaskJson {
  id: string;
  title: string;
  agent: string;
  status: string;
  files: string[];
  dependsOn: string[];
  [key: string]: unknown;
}

export interface TasksJson {
  sessionId: string;
  tasks: TaskJson[];
  unassignedFiles: string[];
  status: string;
  [key: string]: unknown;
}

/** Environment for csm CLI runs: the test runner's own CSM_* switches and git overrides removed. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CSM_|CLAUDE|GIT_DIR$|GIT_WORK_TREE$|GIT_INDEX_FILE$)/.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    GIT_AUTHOR_NAME: 'csm e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
    GIT_COMMITTER_NAME: 'csm e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    ...extra,
  };
}

/** Runs `node dist/cli.mjs <args>` in `cwd`. */
export function runCsm(
  cwd: string,
  args: string[],
  opts: { input?: string; env?: Record<string, string> } = {},
): CliResult {
  requireBuiltCsm();
  const r = spawnSync(process.execPath, [CSM_CLI, ...args], {
    cwd,
    input: opts.input ?? '',
    env: cliEnv(opts.env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw new Error(`csm ${args.join(' ')}: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export class CsmProject {
  /** The repository root (a real path). */
  readonly root: string;
  /** The session started by the fixture (e.g. "001"), or null. */
  session: string | null;

  constructor(root: string, session: string | null) {
    this.root = root;
    this.session = session;
  }

  /** `node dist/cli.mjs <args>` in the project; throws with the output when it exits non-zero. */
  csm(args: string[], opts: { input?: string; env?: Record<string, string>; allowFail?: boolean } = {}): CliResult {
    const r = runCsm(this.root, args, opts);
    if (r.code !== 0 && !opts.allowFail) {
      throw new Error(`csm ${args.join(' ')} exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    }
    return r;
  }

  /** `--json` output of a csm command, parsed. */
  csmJson<T = Record<string, unknown>>(args: string[], opts: { input?: string; allowFail?: boolean } = {}): T {
    const r = this.csm([...args, '--json'], opts);
    try {
      return JSON.parse(r.stdout) as T;
    } catch (e) {
      throw new Error(`csm ${args.join(' ')} --json printed no JSON:\n${r.stdout}\n${r.stderr}`, { cause: e });
    }
  }

  path(rel: string): string {
    return path.join(this.root, rel);
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  exists(rel: string): boolean {
    return existsSync(this.path(rel));
  }

  /** Repo-relative path of a session file, e.g. sessionFile('events.jsonl') → .claude/sessions/session-001-events.jsonl */
  sessionFile(kind: string, session = this.requireSession()): string {
    return `.claude/sessions/session-${session}-${kind}`;
  }

  /** The ledger of the session, every line parsed; filtered by type when given. */
  ledger(type?: string, session = this.requireSession()): LedgerLine[] {
    const file = this.path(this.sessionFile('events.jsonl', session));
    const lines = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
      : [];
    const events = lines.map((l) => JSON.parse(l) as LedgerLine);
    return type === undefined ? events : events.filter((e) => e.type === type);
  }

  tasks(session = this.requireSession()): TasksJson {
    return JSON.parse(this.read(this.sessionFile('tasks.json', session))) as TasksJson;
  }

  task(id: string, session = this.requireSession()): TaskJson {
    const t = this.tasks(session).tasks.find((x) => x.id === id);
    if (!t) throw new Error(`no ${id} in ${this.sessionFile('tasks.json', session)}`);
    return t;
  }

  memory(kind: 'errors' | 'decisions' | 'architecture' | 'patterns'): string {
    const rel = `.claude/memory/${kind}.md`;
    return this.exists(rel) ? this.read(rel) : '';
  }

  /** `git status --porcelain` lines. */
  gitStatus(): string[] {
    const r = spawnSync('git', ['status', '--porcelain'], { cwd: this.root, encoding: 'utf8' });
    return r.stdout.split('\n').filter(Boolean);
  }

  private requireSession(): string {
    if (!this.session) throw new Error('this CsmProject has no session (objectives: null?)');
    return this.session;
  }
}

/**
 * A git repo with the tiny Node project, `csm init`, the optional .claude/csm.json, everything
 * committed, then `csm start` and the tasks (the first one started). A few hundred ms.
 */
export function createCsmProject(opts: CsmProjectOptions = {}): CsmProject {
  requireBuiltCsm();
  const root = createGitRepo({
    'package.json': TINY_PACKAGE_JSON,
    'README.md': '# tiny\n\nA tiny project for csm end-to-end tests.\n',
    'src/math.js': opts.tests === 'fail' ? MATH_BUGGY : MATH_OK,
    'test/math.test.js': MATH_TEST,
    ...(opts.files ?? {}),
  });
  try {
    return setUp(new CsmProject(root, null), opts);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

function setUp(project: CsmProject, opts: CsmProjectOptions): CsmProject {
  const root = project.root;
  project.csm(['init']);
  if (opts.config) writeFiles(root, { '.claude/csm.json': JSON.stringify(opts.config, null, 2) + '\n' });
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: cliEnv() });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('add', '-A');
  git('commit', '-q', '-m', 'csm init');
  if (opts.objectives === null) return project;
  const started = project.csmJson<{ session: string }>([
    'start',
    ...(opts.objectives ?? ['Keep the tiny project healthy']).flatMap((o, i) => (i === 0 ? [o] : ['--objective', o])),
  ]);
  project.session = started.session;
  for (const t of opts.tasks ?? []) {
    const args = [
      'task',
      'add',
      t.title,
      '--agent',
      t.agent ?? 'backend-specialist',
      '--estimate',
      String(t.estimate ?? 10),
    ];
    for (const f of t.files ?? []) args.push('--file', f);
    for (const c of t.criteria ?? []) args.push('--criterion', c);
    project.csm(args);
  }
  if ((opts.tasks?.length ?? 0) > 0 && opts.startFirstTask !== false) project.csm(['task', 'next', '--start']);
  return project;
}

// ---------------------------------------------------------------------------------------------
// Recorder plugin: logs every hook payload (stdin JSON) of the events it registers

const RECORD_HOOK = `
import { appendFileSync } from 'node:fs';
let raw = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (raw += c));
process.stdin.on('end', () => {
  let input;
  try { input = JSON.parse(raw || '{}'); } catch { input = { unparsed: raw }; }
  input._project_dir = process.env.CLAUDE_PROJECT_DIR ?? null;
  appendFileSync(process.env.CLAUDE_PLUGIN_ROOT + '/calls.jsonl', JSON.stringify(input) + '\\n');
});
`;

export interface HookCall {
  hook_event_name: string;
  session_id?: string;
  source?: string;
  stop_hook_active?: boolean;
  agent_id?: string;
  agent_type?: string;
  tool_name?: string;
  /** CLAUDE_PROJECT_DIR as the hook saw it (added by the recorder). */
  _project_dir?: string | null;
  [key: string]: unknown;
}

export interface Recorder {
  dir: string;
  calls(event?: string): HookCall[];
}

/** A second plugin (load it with --plugin-dir next to csm) that only records hook payloads. */
export function createRecorderPlugin(
  events = ['SessionStart', 'Stop', 'SubagentStart', 'SubagentStop', 'PreCompact'],
): Recorder {
  const hooks = Object.fromEntries(events.map((e) => [e, { command: pluginNodeCommand('hooks/record.mjs') }]));
  const dir = createPlugin({ name: 'csm-e2e-recorder', hooks, files: { 'hooks/record.mjs': RECORD_HOOK } });
  return {
    dir,
    calls(event?: string) {
      const file = path.join(dir, 'calls.jsonl');
      if (!existsSync(file)) return [];
      const all = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as HookCall);
      return event === undefined ? all : all.filter((c) => c.hook_event_name === event);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A copy of the plugin as a user gets it from a clone (what ships, without node_modules/.git)

/**
 * Copies the csm plugin's shipped files (git-tracked layout: manifests, hooks, dist, bin, skills, templates) to
 * `dest`.
 */
export function copyShippedPlugin(dest: string): string {
  requireBuiltCsm();
  for (const rel of [
    '.claude-plugin',
    '.codex-plugin',
    'hooks/hooks.json',
    'hooks/codex-hooks.json',
    'dist',
    'bin',
    'skills',
    'templates',
    'settings.template.json',
    'package.json',
  ]) {
    const from = path.join(CSM_ROOT, rel);
    if (existsSync(from)) cpSync(from, path.join(dest, rel), { recursive: true });
  }
  return dest;
}
