/**
 * runInteractive(): the real Claude Code CLI in its interactive mode, in a pseudo-terminal
 * (`script`), against the fake API — for what `-p` never does, such as drawing the status line.
 *
 * The private HOME gets the global config a user who finished onboarding has (theme chosen,
 * this project trusted, the API key approved, bypass-permissions accepted), so no dialog waits
 * for a key. The CLI starts with the prompt as its argument; the run ends when `until()` holds
 * (polled) or after `timeoutMs`, by killing the whole process group. Network: as runClaude — a
 * loopback-only namespace when available, and HTTP(S)_PROXY at the fake API either way.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeApi } from './fake-api.ts';
import { buildClaudeEnv, CLAUDE_BIN, netnsSupport, prepareHome } from './run-claude.ts';

export interface InteractiveOptions {
  api: FakeApi;
  cwd: string;
  prompt: string;
  home?: string;
  pluginDir?: string;
  /** Written to HOME/.claude/settings.json (user settings), e.g. the statusLine. */
  userSettings?: Record<string, unknown>;
  /** Keys typed once `when` holds (polled like `until`), in order: a person at the prompt (`/csm gates\r`). */
  type?: { when: (screen: string, raw: string) => boolean | Promise<boolean>; keys: string }[];
  /** Polled with what the terminal showed so far (escapes removed) and the raw bytes (for screenRows). */
  until: (screen: string, raw: string) => boolean | Promise<boolean>;
  timeoutMs?: number;
}

export interface InteractiveRun {
  /** What the terminal showed, escape sequences removed (a cursor move forward as spaces). */
  screen: string;
  /** `until()` held before the time ran out. */
  reached: boolean;
  home: string;
  netns: boolean;
  /** The bytes the terminal received, escapes included (replay them with screenRows). */
  raw: string;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const ESCAPES = /\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]/g;
/** Terminal output as text: a cursor move forward (how a terminal UI may draw spaces) becomes spaces, other escapes go. */
export const screenText = (raw: string): string =>
  raw.replace(/\x1b\[(\d*)C/g, (_m, n: string) => ' '.repeat(Math.min(Number(n || '1'), 200))).replace(ESCAPES, '');

export async function runInteractive(o: InteractiveOptions): Promise<InteractiveRun> {
  const home = prepareHome(o.home);
  const key = 'sk-ant-e2e-fake-key';
  const global = {
    hasCompletedOnboarding: true,
    theme: 'dark',
    bypassPermissionsModeAccepted: true,
    customApiKeyResponses: { approved: [key.slice(-20)], rejected: [] },
    projects: { [o.cwd]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } },
  };
  for (const f of [path.join(home, '.claude.json'), path.join(home, '.claude/.claude.json')])
    writeFileSync(f, JSON.stringify(global));
  if (o.userSettings) writeFileSync(path.join(home, '.claude/settings.json'), JSON.stringify(o.userSettings));
  const env = buildClaudeEnv(o.api.url, home, { TERM: 'xterm-256color', COLUMNS: '200', LINES: '50' });
  const claude = [
    CLAUDE_BIN,
    '--dangerously-skip-permissions',
    '--debug-file',
    path.join(home, 'debug.log'),
    ...(o.pluginDir ? ['--plugin-dir', o.pluginDir] : []),
    o.prompt,
  ]
    .map(quote)
    .join(' ');
  // a wide terminal: the status line is cut at the terminal's width (script's pty starts at 80)
  const scriptArgs = ['-qfec', `stty cols 200 rows 50 2>/dev/null; exec ${claude}`, path.join(home, 'terminal.log')];
  const netns = netnsSupport().ok && process.env.CSM_E2E_NETNS !== '0' && process.env.NETNS !== '0';
  let command = 'script';
  let args = scriptArgs;
  if (netns) {
    const cfg = path.join(home, 'netns-interactive.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        socketPath: await o.api.listenUnix(),
        port: o.api.port,
        ipPath: netnsSupport().ipPath,
        command: 'script',
        args: scriptArgs,
      }),
    );
    command = 'unshare';
    args = ['-n', '--', process.execPath, path.join(import.meta.dirname, 'netns-runner.mjs'), cfg];
  }
  const child = spawn(command, args, { cwd: o.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let raw = '';
  child.stdout?.on('data', (d: Buffer) => (raw += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (raw += d.toString('utf8')));
  child.stdin?.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const deadline = Date.now() + (o.timeoutMs ?? 45_000);
  let reached = false;
  const steps = [...(o.type ?? [])];
  while (Date.now() < deadline) {
    const step = steps[0];
    if (step && (await step.when(screenText(raw), raw))) {
      steps.shift();
      // typed as a person types: the characters, then Enter apart (a paste would not submit)
      const body = step.keys.replace(/\r$/, '');
      child.stdin?.write(body);
      if (body !== step.keys) setTimeout(() => child.stdin?.write('\r'), 300);
    }
    if (await o.until(screenText(raw), raw)) {
      reached = true;
      break;
    }
    const ended = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 250)),
    ]);
    if (ended) {
      reached = await o.until(screenText(raw), raw);
      break;
    }
  }
  const kill = (sig: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      /* gone */
    }
  };
  kill('SIGTERM');
  const late = setTimeout(() => kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(late);
  kill('SIGKILL');
  return { screen: screenText(raw), reached, home, netns, raw };
}
