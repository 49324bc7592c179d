/**
 * runClaude(): run the real Claude Code CLI (node_modules/.bin/claude) offline against the
 * in-process fake Messages API of fake-api.ts.
 *
 * Design
 * ------
 * - The fake API always runs inside the vitest process, so scripts may be functions of the
 *   request (see fake-api.ts) and `api.requests()` is live. Nothing crosses a process boundary
 *   except bytes.
 * - Network isolation (default when running as root and `unshare -n` works): the CLI is started
 *   as `unshare -n -- node netns-runner.mjs CFG`. The runner is the first process of a fresh
 *   network namespace that has only loopback; it brings `lo` up, listens on
 *   127.0.0.1:<api.port> there and relays each connection to a unix socket of the fake API
 *   (unix sockets are filesystem objects and cross network namespaces), then spawns the CLI.
 *   The CLI thus talks to http://127.0.0.1:<api.port> in both modes, and no other address is
 *   reachable. Disable with `netns: false`, or CSM_E2E_NETNS=0 / NETNS=0 in the environment;
 *   force with `netns: true` or CSM_E2E_NETNS=1 (throws when unavailable).
 * - In both modes HTTP_PROXY/HTTPS_PROXY (both cases) point at the fake API with
 *   NO_PROXY=127.0.0.1,localhost: any attempt to reach another host becomes a CONNECT or an
 *   absolute-URI request that the fake refuses and records (`api.refused()`, assert it empty).
 * - Isolation from the machine: HOME and CLAUDE_CONFIG_DIR (= HOME/.claude) are a private temp
 *   dir (`home`), reusable across runs for --resume/--continue. Inherited ANTHROPIC_*, CLAUDE*,
 *   OTEL_*, CSM_*, proxy, XDG_* dirs, NODE_OPTIONS and vitest's own variables are removed;
 *   `env` adds/overrides (undefined deletes). The CLI runs with
 *   --dangerously-skip-permissions + IS_SANDBOX=1 (root refuses the flag otherwise), stdin is a
 *   pipe or /dev/null (never a TTY), and it is killed (whole process group) after `timeoutMs`.
 * - Per-run artefacts go to <home>/e2e-runs/<n>/: debug.log (--debug-file), stdout.jsonl,
 *   stderr.txt, settings.json (when `settings` is an object).
 *
 * Usage
 * -----
 *   const api = await startFakeApi([{ tool_use: [{ name: 'Bash', input: { command: 'ls' } }] }, { text: 'done' }]);
 *   const run = await runClaude({ api, cwd: repo, prompt: 'go', pluginDir });
 *   expect(run.result?.subtype).toBe('success');
 *   const again = await runClaude({ api, cwd: repo, home: run.home, prompt: 'more', args: ['--resume', run.sessionId!] });
 *   rmSync(run.home, { recursive: true, force: true }); await api.close();
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeApi } from './fake-api.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../../..');
export const CLAUDE_BIN = path.join(REPO_ROOT, 'node_modules/.bin/claude');
const NETNS_RUNNER = path.join(HERE, 'netns-runner.mjs');

export interface RunClaudeOptions {
  api: FakeApi;
  /** Working directory of the CLI (the project). */
  cwd: string;
  /** `-p <prompt>`. Exactly one of `prompt` / `messages`. */
  prompt?: string;
  /**
   * Several user messages in one session (`--input-format stream-json`): message k+1 is sent
   * after the k-th `result`, stdin is closed after the last one.
   */
  messages?: string[];
  /** `--plugin-dir` (repeatable). */
  pluginDir?: string | string[];
  /** `--settings`: a file path, or an object written to the run dir. */
  settings?: string | Record<string, unknown>;
  /** Extra CLI arguments, e.g. ['--resume', id] or ['--continue']. */
  args?: string[];
  /** Private HOME (CLAUDE_CONFIG_DIR = HOME/.claude). Created when missing; default a new temp dir. */
  home?: string;
  /** Environment additions/overrides for the CLI (and thus its hooks); undefined deletes. */
  env?: Record<string, string | undefined>;
  /** Default 120 s. */
  timeoutMs?: number;
  /** Default: auto (see top of file). */
  netns?: boolean | 'auto';
  /** Pass --include-hook-events (default true). */
  includeHookEvents?: boolean;
  /** Override the CLI binary. */
  claudeBin?: string;
}

/** One stream-json line of the CLI's stdout. */
export interface StreamMessage {
  type: string;
  subtype?: string;
  session_id?: string;
  [key: string]: unknown;
}

/** stream-json `system` messages with subtype hook_started / hook_response. */
export interface HookEvent extends StreamMessage {
  subtype: 'hook_started' | 'hook_response';
  hook_id?: string;
  hook_name?: string;
  hook_event?: string;
  output?: string;
  stdout?: string;
  stderr?: string;
  exit_code?: number;
  outcome?: string;
}

export interface ResultMessage extends StreamMessage {
  type: 'result';
  subtype: string;
  is_error?: boolean;
  result?: string;
  num_turns?: number;
}

export interface RunClaudeResult {
  /** Exit code (128+n when the netns runner saw the CLI die of signal n); null when killed directly. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  /** Parsed stream-json lines of stdout. */
  messages: StreamMessage[];
  /** stdout lines that were not JSON. */
  stdoutNoise: string[];
  stderr: string;
  hookEvents: HookEvent[];
  /** The last `result` message, and all of them (one per input message). */
  result: ResultMessage | undefined;
  results: ResultMessage[];
  sessionId: string | undefined;
  home: string;
  configDir: string;
  runDir: string;
  debugFile: string;
  netns: boolean;
}

// ---------------------------------------------------------------------------------------------
// Network namespace support

const IP_CANDIDATES = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'];
let netnsProbe: { ok: boolean; ipPath: string; reason: string } | undefined;

/** Whether the CLI can run in a loopback-only network namespace here (probed once). */
export function netnsSupport(): { ok: boolean; ipPath: string; reason: string } {
  if (netnsProbe) return netnsProbe;
  const ipPath = IP_CANDIDATES.find((p) => existsSync(p)) ?? '';
  let reason = '';
  if (process.platform !== 'linux') reason = 'not Linux';
  else if (typeof process.getuid !== 'function' || process.getuid() !== 0) reason = 'not running as root';
  else if (ipPath === '') reason = 'no `ip` binary';
  else {
    const r = spawnSync('unshare', ['-n', '--', ipPath, 'link', 'set', 'lo', 'up'], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    if (r.error || r.status !== 0) reason = `\`unshare -n\` failed (${r.error?.message ?? `exit ${r.status}`})`;
  }
  netnsProbe = { ok: reason === '', ipPath, reason };
  return netnsProbe;
}

function wantNetns(opt: RunClaudeOptions['netns']): boolean {
  const envSetting = process.env.CSM_E2E_NETNS ?? process.env.NETNS;
  const setting = opt ?? (envSetting === '0' ? false : envSetting === '1' ? true : 'auto');
  if (setting === false) return false;
  const probe = netnsSupport();
  if (setting === true && !probe.ok)
    throw new Error(`runClaude: network namespace requested but unavailable: ${probe.reason}`);
  return probe.ok;
}

// ---------------------------------------------------------------------------------------------
// Environment

const STRIPPED_ENV = [
  /^ANTHROPIC_/,
  /^CLAUDE/,
  /^OTEL_/,
  /^CSM_/,
  /^VITEST/,
  /^(TEST|NODE_ENV|NODE_OPTIONS|IS_SANDBOX)$/,
  /^(https?|all|no)_proxy$/i,
  /^XDG_(CONFIG|CACHE|DATA|STATE)_HOME$/,
  /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|CEILING_DIRECTORIES|CONFIG_GLOBAL)$/,
  /^DISABLE_/,
];

export function buildClaudeEnv(
  apiUrl: string,
  home: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !STRIPPED_ENV.some((re) => re.test(k))) env[k] = v;
  }
  Object.assign(env, {
    HOME: home,
    CLAUDE_CONFIG_DIR: path.join(home, '.claude'),
    ANTHROPIC_BASE_URL: apiUrl,
    ANTHROPIC_API_KEY: 'sk-ant-e2e-fake-key',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_BUG_COMMAND: '1',
    CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY: '1',
    IS_SANDBOX: '1',
    HTTPS_PROXY: apiUrl,
    HTTP_PROXY: apiUrl,
    https_proxy: apiUrl,
    http_proxy: apiUrl,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Creates (if needed) a private HOME for the CLI with .claude/ and a git identity. */
export function prepareHome(home?: string): string {
  const dir = home ?? mkdtempSync(path.join(os.tmpdir(), 'csm-e2e-home-'));
  mkdirSync(path.join(dir, '.claude'), { recursive: true });
  const gitconfig = path.join(dir, '.gitconfig');
  if (!existsSync(gitconfig)) {
    writeFileSync(
      gitconfig,
      '[user]\n\tname = csm e2e\n\temail = e2e@example.invalid\n[init]\n\tdefaultBranch = main\n',
    );
  }
  return dir;
}

// ---------------------------------------------------------------------------------------------

function userLine(text: string): string {
  return (
    JSON.stringify({
      type: 'user',
      message: { role: 'user', content: text },
      parent_tool_use_id: null,
      session_id: '',
    }) + '\n'
  );
}

export async function runClaude(opts: RunClaudeOptions): Promise<RunClaudeResult> {
  if ((opts.prompt === undefined) === (opts.messages === undefined)) {
    throw new Error('runClaude: pass exactly one of `prompt` or `messages`');
  }
  if (opts.messages !== undefined && opts.messages.length === 0) throw new Error('runClaude: `messages` is empty');
  const home = prepareHome(opts.home);
  const configDir = path.join(home, '.claude');
  const runsDir = path.join(home, 'e2e-runs');
  mkdirSync(runsDir, { recursive: true });
  const runDir = path.join(runsDir, String(readdirSync(runsDir).length + 1).padStart(3, '0'));
  mkdirSync(runDir);
  const debugFile = path.join(runDir, 'debug.log');

  const args: string[] = opts.prompt !== undefined ? ['-p', opts.prompt] : ['-p', '--input-format', 'stream-json'];
  args.push('--output-format', 'stream-json', '--verbose');
  if (opts.includeHookEvents !== false) args.push('--include-hook-events');
  args.push('--dangerously-skip-permissions', '--debug-file', debugFile);
  for (const dir of opts.pluginDir === undefined ? [] : [opts.pluginDir].flat()) args.push('--plugin-dir', dir);
  if (opts.settings !== undefined) {
    let settingsPath = opts.settings;
    if (typeof settingsPath !== 'string') {
      const p = path.join(runDir, 'settings.json');
      writeFileSync(p, JSON.stringify(settingsPath, null, 2));
      settingsPath = p;
    }
    args.push('--settings', settingsPath);
  }
  args.push(...(opts.args ?? []));

  const claudeBin = opts.claudeBin ?? CLAUDE_BIN;
  const env = buildClaudeEnv(opts.api.url, home, opts.env);
  const netns = wantNetns(opts.netns);
  let command = claudeBin;
  let commandArgs = args;
  if (netns) {
    const cfgPath = path.join(runDir, 'netns-runner.json');
    const socketPath = await opts.api.listenUnix();
    writeFileSync(
      cfgPath,
      JSON.stringify(
        { socketPath, port: opts.api.port, ipPath: netnsSupport().ipPath, command: claudeBin, args },
        null,
        2,
      ),
    );
    command = 'unshare';
    commandArgs = ['-n', '--', process.execPath, NETNS_RUNNER, cfgPath];
  }

  const timeoutMs = opts.timeoutMs ?? 120_000;
  const started = Date.now();
  const child = spawn(command, commandArgs, {
    cwd: opts.cwd,
    env,
    stdio: [opts.messages ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true, // own process group: a timeout kills hooks and tools too
  });

  const messages: StreamMessage[] = [];
  const stdoutNoise: string[] = [];
  const rawOut: string[] = [];
  let stderr = '';
  let pending = '';
  let resultsSeen = 0;
  const inputs = opts.messages ?? [];
  let nextInput = 0;

  const feed = () => {
    if (!child.stdin) return;
    if (nextInput < inputs.length && resultsSeen >= nextInput) {
      child.stdin.write(userLine(inputs[nextInput]!));
      nextInput += 1;
    } else if (nextInput >= inputs.length && resultsSeen >= inputs.length) {
      child.stdin.end();
    }
  };
  child.stdin?.on('error', () => {});

  const onLine = (line: string) => {
    rawOut.push(line);
    if (line.trim() === '') return;
    let msg: StreamMessage;
    try {
      msg = JSON.parse(line) as StreamMessage;
    } catch {
      stdoutNoise.push(line);
      return;
    }
    messages.push(msg);
    if (msg.type === 'result') {
      resultsSeen += 1;
      feed();
    }
  };
  const { stdout: out, stderr: err } = child;
  if (!out || !err) throw new Error('runClaude: child has no stdout/stderr pipe');
  out.setEncoding('utf8');
  out.on('data', (chunk: string) => {
    pending += chunk;
    let i: number;
    while ((i = pending.indexOf('\n')) !== -1) {
      onLine(pending.slice(0, i));
      pending = pending.slice(i + 1);
    }
  });
  err.setEncoding('utf8');
  err.on('data', (chunk: string) => {
    stderr += chunk;
  });
  feed();

  const killGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  let timedOut = false;
  let hardKill: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup('SIGTERM');
    hardKill = setTimeout(() => killGroup('SIGKILL'), 3_000);
  }, timeoutMs);

  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve({ code: c, signal: s }));
    },
  ).finally(() => {
    clearTimeout(timer);
  });
  // Leftovers of the group (a hook or tool still running) must not outlive the run.
  killGroup('SIGKILL');
  if (hardKill) clearTimeout(hardKill);
  if (pending !== '') onLine(pending);

  writeFileSync(path.join(runDir, 'stdout.jsonl'), rawOut.join('\n') + '\n');
  writeFileSync(path.join(runDir, 'stderr.txt'), stderr);

  const results = messages.filter((m): m is ResultMessage => m.type === 'result');
  const hookEvents = messages.filter(
    (m): m is HookEvent => m.type === 'system' && (m.subtype === 'hook_started' || m.subtype === 'hook_response'),
  );
  const init = messages.find((m) => m.type === 'system' && m.subtype === 'init');
  const sessionId = (init?.session_id ?? results.at(-1)?.session_id) as string | undefined;

  return {
    code,
    signal,
    timedOut,
    durationMs: Date.now() - started,
    messages,
    stdoutNoise,
    stderr,
    hookEvents,
    result: results.at(-1),
    results,
    sessionId,
    home,
    configDir,
    runDir,
    debugFile,
    netns,
  };
}

/** Short human-readable digest of a run, for assertion messages. */
export function describeRun(run: RunClaudeResult, api?: FakeApi): string {
  const lines = [
    `code=${run.code} signal=${run.signal} timedOut=${run.timedOut} ${run.durationMs}ms netns=${run.netns} runDir=${run.runDir}`,
    `result: ${run.result ? `${run.result.subtype} ${JSON.stringify(run.result.result ?? '').slice(0, 300)}` : '(none)'}`,
    `hooks: ${run.hookEvents
      .filter((h) => h.subtype === 'hook_response')
      .map((h) => `${h.hook_name ?? h.hook_event}:${h.outcome ?? h.exit_code}`)
      .join(', ')}`,
  ];
  if (api) {
    lines.push(
      `requests: ${api
        .requests()
        .map((r) => `${r.n}:${r.method} ${r.path} ${r.kind}${r.scriptIndex !== null ? `#${r.scriptIndex}` : ''}`)
        .join(', ')}`,
    );
    if (api.refused().length) lines.push(`REFUSED: ${JSON.stringify(api.refused())}`);
    if (api.errors().length) lines.push(`SCRIPT ERRORS: ${api.errors().join('\n')}`);
  }
  if (run.stderr.trim()) lines.push(`stderr: ${run.stderr.trim().slice(-2000)}`);
  return lines.join('\n');
}
