/**
 * Hook trust as a Codex user gives it: Codex runs a plugin's (or a project's) hooks only once the
 * user has reviewed them (`/hooks` in the TUI), and skips them silently until then. What the review
 * stores is, per hook, `[hooks.state."<key>"] trusted_hash` (and, for a plugin's,
 * `trusted_content_hash`: a hash of every file of the installed plugin) in CODEX_HOME/config.toml;
 * the current hashes come from `codex app-server` (JSON-RPC on stdio: initialize, then
 * `hooks/list`). Here the same is done without the TUI, for the hooks a test names.
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeResponses } from './fake-responses.ts';
import { netnsSupport } from './run-claude.ts';
import { CODEX_BIN, codexEnv } from './run-codex.ts';

export interface ListedHook {
  key: string;
  eventName: string;
  command: string;
  source: string;
  pluginId?: string;
  currentHash: string;
  trustStatus: 'untrusted' | 'trusted' | 'modified' | string;
}

/** `hooks/list` of `codex app-server` for `cwd`: every hook Codex would consider there. */
export async function listCodexHooks(api: FakeResponses, home: string, cwd: string): Promise<ListedHook[]> {
  // offline like every run: in a network namespace of its own where there is one (it needs no network)
  const netns = netnsSupport().ok && process.env.CSM_E2E_NETNS !== '0';
  const [cmd, args] = netns ? ['unshare', ['-n', '--', CODEX_BIN, 'app-server']] : [CODEX_BIN, ['app-server']];
  const child = spawn(cmd as string, args as string[], {
    env: codexEnv(api, home),
    cwd,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const waiting = new Map<number, (v: { result?: unknown; error?: unknown }) => void>();
  let buf = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (!line.startsWith('{')) continue;
      const m = JSON.parse(line) as { id?: number; result?: unknown; error?: unknown };
      if (typeof m.id === 'number') waiting.get(m.id)?.(m);
    }
  });
  let id = 0;
  const call = (method: string, params: unknown) =>
    new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
      waiting.set(++id, resolve);
      child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    await call('initialize', { clientInfo: { name: 'csm-e2e', title: 'csm e2e', version: '0' } });
    child.stdin.write(`${JSON.stringify({ method: 'initialized' })}\n`);
    const r = await call('hooks/list', { cwds: [cwd] });
    if (r.error) throw new Error(`hooks/list: ${JSON.stringify(r.error)}`);
    const data = (r.result as { data: { hooks: ListedHook[] }[] }).data;
    return data.flatMap((d) => d.hooks);
  } finally {
    clearTimeout(timer);
    child.stdin.end();
    child.kill('SIGKILL');
  }
}

/** Trusts `hooks` as the /hooks review does: their current hashes into CODEX_HOME/config.toml. */
export function trustCodexHooks(home: string, hooks: readonly ListedHook[]): void {
  const lines: string[] = [''];
  for (const h of hooks) {
    // a plugin's hook hash is `<the hook's>/<the plugin's content>`: two keys
    const [hook, content] = h.currentHash.split('/');
    lines.push(`[hooks.state.${JSON.stringify(h.key)}]`, `trusted_hash = ${JSON.stringify(hook)}`);
    if (content) lines.push(`trusted_content_hash = ${JSON.stringify(content)}`);
  }
  appendFileSync(path.join(home, '.codex', 'config.toml'), `${lines.join('\n')}\n`);
}
