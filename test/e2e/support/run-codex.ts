/**
 * runCodex(): the real Codex CLI (node_modules/.bin/codex, pinned in package.json) run offline as
 * `codex exec --json` against the in-process fake Responses API of fake-responses.ts — the
 * Codex counterpart of run-claude.ts, with the same isolation:
 *
 * - Network: as root where `unshare -n` works (netnsSupport() of run-claude.ts), Codex is the
 *   child of netns-runner.mjs in a fresh network namespace that has only loopback, where the
 *   runner relays 127.0.0.1:<port> to the fake's unix socket: no other host is reachable. Off
 *   with `netns: false` or CSM_E2E_NETNS=0. HTTP(S)_PROXY point at the fake, which refuses and
 *   records any other host (`api.refused()`).
 * - The machine: HOME and CODEX_HOME (= HOME/.codex) are a private temp dir, reusable across runs
 *   (plugin installs, `resume`). Its config.toml names the fake as the model provider (an API key
 *   from FAKE_OPENAI_KEY; Codex then asks only POST /v1/responses) and turns analytics off.
 *   Inherited CODEX_*, OPENAI_*, CLAUDE*, ANTHROPIC_*, CSM_*, proxy, XDG_* and vitest variables are
 *   removed; `env` adds or overrides (undefined deletes).
 * - The run: `--dangerously-bypass-approvals-and-sandbox` (the tools run as in a trusted
 *   workspace) and, unless `trustHooks: false`, `--dangerously-bypass-hook-trust` (plugin hooks
 *   otherwise wait for the user's review in the TUI); stdin is /dev/null; the whole process group
 *   is killed after `timeoutMs`. Artefacts go to <home>/codex-runs/<n>/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeResponses } from './fake-responses.ts';
import { netnsSupport, REPO_ROOT } from './run-claude.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CODEX_BIN = path.join(REPO_ROOT, 'node_modules/.bin/codex');
const NETNS_RUNNER = path.join(HERE, 'netns-runner.mjs');

const STRIPPED_ENV = [
  /^CODEX_/,
  /^OPENAI_/,
  /^ANTHROPIC_/,
  /^CLAUDE/,
  /^CSM_/,
  /^VITEST/,
  /^(TEST|NODE_ENV|NODE_OPTIONS|RUST_LOG)$/,
  /^(https?|all|no)_proxy$/i,
  /^XDG_(CONFIG|CACHE|DATA|STATE)_HOME$/,
  /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|CEILING_DIRECTORIES|CONFIG_GLOBAL)$/,
];

export interface RunCodexOptions {
  api: FakeResponses;
  /** The project (Codex's working root, `-C`). */
  cwd: string;
  prompt: string;
  /** Private HOME (CODEX_HOME = HOME/.codex); default a new one. */
  home?: string;
  /** `codex exec resume <thread id> <prompt>`: the same Codex session, a new turn. */
  resume?: string;
  /** More `codex exec` options (before the prompt), e.g. ['-c', 'model_auto_compact_token_limit=1000']. */
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Default true: run the hooks without the user's review (--dangerously-bypass-hook-trust). */
  trustHooks?: boolean;
  timeoutMs?: number;
  netns?: boolean;
}

/** One line of `codex exec --json` stdout. */
export interface CodexEvent {
  type: string;
  thread_id?: string;
  item?: { type?: string; text?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface RunCodexResult {
  code: number | null;
  timedOut: boolean;
  durationMs: number;
  events: CodexEvent[];
  stderr: string;
  /** The Codex session (thread) id: the `session_id` its hooks get. */
  threadId: string | undefined;
  /** What `-o` wrote: the model's last message. */
  lastMessage: string;
  /** The assistant messages of the run, in order. */
  messages: string[];
  home: string;
  runDir: string;
  netns: boolean;
}

/** A private HOME with a git identity and a CODEX_HOME whose config.toml points at `api`. */
export function prepareCodexHome(api: FakeResponses, home?: string): string {
  const dir = home ?? mkdtempSync(path.join(os.tmpdir(), 'csm-e2e-codex-home-'));
  const codexHome = path.join(dir, '.codex');
  mkdirSync(codexHome, { recursive: true });
  const gitconfig = path.join(dir, '.gitconfig');
  if (!existsSync(gitconfig))
    writeFileSync(
      gitconfig,
      '[user]\n\tname = csm e2e\n\temail = e2e@example.invalid\n[init]\n\tdefaultBranch = main\n',
    );
  const config = path.join(codexHome, 'config.toml');
  const base = `http://127.0.0.1:${api.port}/v1`;
  if (!existsSync(config)) {
    const toml = [
      'model = "gpt-5.5"',
      'model_provider = "fake"',
      '',
      '[analytics]',
      'enabled = false',
      '',
      '[model_providers.fake]',
      'name = "fake"',
      `base_url = "${base}"`,
      'env_key = "FAKE_OPENAI_KEY"',
      'wire_api = "responses"',
      '',
    ];
    writeFileSync(config, toml.join('\n'));
  } else {
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, text.replace(/base_url = "http:\/\/127\.0\.0\.1:\d+\/v1"/, `base_url = "${base}"`));
  }
  return dir;
}

export function codexEnv(
  api: FakeResponses,
  home: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !STRIPPED_ENV.some((re) => re.test(k))) env[k] = v;
  }
  Object.assign(env, {
    HOME: home,
    CODEX_HOME: path.join(home, '.codex'),
    FAKE_OPENAI_KEY: 'sk-e2e-fake-key',
    HTTPS_PROXY: api.url,
    HTTP_PROXY: api.url,
    https_proxy: api.url,
    http_proxy: api.url,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function wantNetns(opt: boolean | undefined): boolean {
  const env = process.env.CSM_E2E_NETNS ?? process.env.NETNS;
  const setting = opt ?? (env === '0' ? false : env === '1' ? true : undefined);
  if (setting === false) return false;
  const probe = netnsSupport();
  if (setting === true && !probe.ok) throw new Error(`runCodex: no network namespace here: ${probe.reason}`);
  return probe.ok;
}

/** `argv` as a child of netns-runner.mjs in a loopback-only network namespace (or as it is). */
async function isolated(
  api: FakeResponses,
  runDir: string,
  netns: boolean,
  argv: string[],
): Promise<{ command: string; args: string[] }> {
  const [command, ...args] = argv as [string, ...string[]];
  if (!netns) return { command, args };
  const cfg = path.join(runDir, 'netns-runner.json');
  const socketPath = await api.listenUnix();
  writeFileSync(cfg, JSON.stringify({ socketPath, port: api.port, ipPath: netnsSupport().ipPath, command, args }));
  return { command: 'unshare', args: ['-n', '--', process.execPath, NETNS_RUNNER, cfg] };
}

/**
 * A shell line as a user types it (the README's `codex plugin …` lines): sh in HOME, the pinned
 * Codex first on the PATH, offline. Synchronous; for the short plugin commands.
 */
export function codexShell(api: FakeResponses, home: string, line: string): { code: number | null; out: string } {
  const env = { ...codexEnv(api, home), PATH: `${path.dirname(CODEX_BIN)}:${process.env.PATH ?? ''}` };
  const netns = wantNetns(undefined);
  const r = spawnSync(netns ? 'unshare' : 'sh', netns ? ['-n', '--', 'sh', '-c', line] : ['-c', line], {
    env,
    cwd: home,
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

export async function runCodex(o: RunCodexOptions): Promise<RunCodexResult> {
  const home = prepareCodexHome(o.api, o.home);
  const runs = path.join(home, 'codex-runs');
  mkdirSync(runs, { recursive: true });
  const runDir = path.join(runs, String(readdirSync(runs).length + 1).padStart(3, '0'));
  mkdirSync(runDir);
  const last = path.join(runDir, 'last-message.txt');
  const args = ['exec', '--json', '-C', o.cwd, '-o', last, '--dangerously-bypass-approvals-and-sandbox'];
  if (o.trustHooks !== false) args.push('--dangerously-bypass-hook-trust');
  args.push(...(o.args ?? []));
  args.push(...(o.resume ? ['resume', o.resume, o.prompt] : [o.prompt]));
  const netns = wantNetns(o.netns);
  const { command, args: argv } = await isolated(o.api, runDir, netns, [CODEX_BIN, ...args]);
  writeFileSync(path.join(runDir, 'cmd.txt'), `${[CODEX_BIN, ...args].join(' ')}\n`);
  const started = Date.now();
  const child = spawn(command, argv, {
    cwd: o.cwd,
    env: codexEnv(o.api, home, o.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: a time-out kills the hooks and tools too
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killGroup = (sig: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup('SIGKILL');
  }, o.timeoutMs ?? 90_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  }).finally(() => clearTimeout(timer));
  killGroup('SIGKILL'); // nothing of the run outlives it
  writeFileSync(path.join(runDir, 'stdout.jsonl'), stdout);
  writeFileSync(path.join(runDir, 'stderr.txt'), stderr);
  const events = stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as CodexEvent);
  const messages = events
    .filter((e) => e.type === 'item.completed' && e.item?.type === 'agent_message')
    .map((e) => String(e.item?.text ?? ''));
  return {
    code,
    timedOut,
    durationMs: Date.now() - started,
    events,
    stderr,
    threadId: events.find((e) => e.type === 'thread.started')?.thread_id,
    lastMessage: existsSync(last) ? readFileSync(last, 'utf8').trim() : '',
    messages,
    home,
    runDir,
    netns,
  };
}

/** A short account of a run, for assertion messages. */
export function describeCodexRun(r: RunCodexResult, api: FakeResponses): string {
  return [
    `code=${r.code} timedOut=${r.timedOut} ${r.durationMs}ms netns=${r.netns} runDir=${r.runDir}`,
    `messages: ${JSON.stringify(r.messages)}`,
    `requests: ${api
      .requests()
      .map((q) => `${q.n}:${q.kind}${q.scriptIndex === null ? '' : `#${q.scriptIndex}`}`)
      .join(', ')}`,
    ...(api.errors().length ? [`SCRIPT ERRORS: ${api.errors().join('\n')}`] : []),
    `stderr: ${r.stderr.trim().slice(-2000)}`,
  ].join('\n');
}
