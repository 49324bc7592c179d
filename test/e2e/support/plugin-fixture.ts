/**
 * Throw-away fixtures for e2e runs: temp dirs, a git repo, and a minimal Claude Code plugin
 * (.claude-plugin/plugin.json + auto-discovered hooks/hooks.json).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function makeTempDir(prefix = 'csm-e2e-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Removes the temp dirs of a file's runs. A process the CLI left (a hook, a background write to
 * its home) may still be writing there on a loaded machine: retried, and a dir that will not go
 * is left with a warning — a temp dir left behind is not a failed test.
 */
export function removeDirs(...dirs: Array<string | undefined>): void {
  // CSM_E2E_KEEP=1 leaves them, to read what a failing run left (its debug log, the project)
  if (process.env.CSM_E2E_KEEP === '1') return console.warn(`e2e: kept ${dirs.filter(Boolean).join(' ')}`);
  for (const d of dirs) {
    if (!d) continue;
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    } catch (e) {
      console.warn(`e2e: left ${d} behind (${(e as Error).message})`);
    }
  }
}

/** Writes `files` (relative path → content) under `root`, creating parent dirs. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

const GIT_ID = ['-c', 'user.name=csm e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false'];

/** A fresh git repo (branch main) with `files` committed; returns its real path. */
export function createGitRepo(files: Record<string, string> = { 'README.md': '# scratch\n' }, dir?: string): string {
  const root = dir ?? makeTempDir('csm-e2e-repo-');
  mkdirSync(root, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', [...GIT_ID, ...args], { cwd: root, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  writeFiles(root, files);
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'init');
  return root;
}

export interface HookCommand {
  /** Shell command; `${CLAUDE_PLUGIN_ROOT}` is expanded by the CLI. */
  command: string;
  /** Tool-name matcher for tool events (e.g. `Write|Edit`). */
  matcher?: string;
  /** Seconds (default 30). */
  timeout?: number;
}

export interface PluginSpec {
  name?: string;
  version?: string;
  description?: string;
  /** Event name → one or more command hooks. */
  hooks?: Record<string, HookCommand | HookCommand[]>;
  /** Extra files (relative path → content), e.g. hook scripts under hooks/. */
  files?: Record<string, string>;
  /** Where to create it (default: a new temp dir). */
  dir?: string;
}

/** `node "${CLAUDE_PLUGIN_ROOT}/<rel>" args...` */
export function pluginNodeCommand(rel: string, ...args: string[]): string {
  return ['node', `"\${CLAUDE_PLUGIN_ROOT}/${rel}"`, ...args.map((a) => JSON.stringify(a))].join(' ');
}

/** Creates a minimal plugin directory usable with `--plugin-dir`; returns its path. */
export function createPlugin(spec: PluginSpec = {}): string {
  const root = spec.dir ?? makeTempDir('csm-e2e-plugin-');
  const manifest = {
    name: spec.name ?? 'csm-e2e-fixture',
    version: spec.version ?? '0.0.0',
    description: spec.description ?? 'Temporary plugin created by an e2e test',
  };
  const hooks: Record<
    string,
    Array<{ matcher?: string; hooks: Array<{ type: 'command'; command: string; timeout: number }> }>
  > = {};
  for (const [event, value] of Object.entries(spec.hooks ?? {})) {
    hooks[event] = [value].flat().map((h) => ({
      ...(h.matcher !== undefined ? { matcher: h.matcher } : {}),
      hooks: [{ type: 'command' as const, command: h.command, timeout: h.timeout ?? 30 }],
    }));
  }
  writeFiles(root, {
    '.claude-plugin/plugin.json': JSON.stringify(manifest, null, 2) + '\n',
    'hooks/hooks.json': JSON.stringify({ description: `${manifest.name} hooks`, hooks }, null, 2) + '\n',
    ...(spec.files ?? {}),
  });
  return root;
}
