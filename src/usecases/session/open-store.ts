import path from 'node:path';
import { msg } from '../../messages/index.ts';
import { clock } from '../../adapters/clock.ts';
import { loadConfig } from '../../adapters/config/load-config.ts';
import { setDebugLogDir } from '../../adapters/debug-log.ts';
import { environment, processCwd, projectDirEnv, usableDir } from '../../adapters/host.ts';
import { setLockWaiting } from '../../adapters/store/lock.ts';
import { storeRootFor } from '../../adapters/store/locate.ts';
import { linkError } from '../../adapters/store/link-error.ts';
import { type Paused, readPaused } from '../../adapters/store/paused.ts';
import { firstStateLink } from '../../adapters/store/store-links.ts';
import { findRepoRoot, storePaths, type StorePaths } from '../../adapters/store/paths.ts';
import { type CsmConfig, DEFAULT_CONFIG } from '../../contracts/config.ts';
import type { HookInput } from '../../contracts/hook-input.ts';
import { CsmError } from '../../errors.ts';
import { SessionStore } from './session-store.ts';

export interface OpenedStore {
  store: SessionStore;
  /** The checkout the event happened in: edits are recorded relative to it (a worktree's root, or the repo's). */
  workRoot: string;
  config: CsmConfig;
  warnings: string[];
  /** The active session on this machine, or null (also while csm is paused here). */
  active: string | null;
  /** `csm pause` is on in this clone: the hooks do nothing until `csm resume`. */
  paused: Paused | null;
  /** Why a pointer here was not taken (it came with the repository, it is a link …); null when none was left out. */
  ignoredPointer: string | null;
}

/** What every hook does first: find the repo from the payload's cwd, load config, find the active session. */
export function openStore(input: HookInput): OpenedStore {
  const cwd = usableDir(input.cwd) ?? usableDir(projectDirEnv()) ?? processCwd();
  const { storeRoot, workRoot } = storeRootFor(cwd, projectDirEnv());
  const paths = storePaths(storeRoot);
  setDebugLogDir(paths.root, paths.local);
  // the plugin's user options (CLAUDE_PLUGIN_OPTION_*) reach the hooks, which Claude Code runs
  const loaded = loadConfig(paths.config, environment());
  if (!loaded.ok) throw new CsmError('INVALID_FILE', ...msg.refusal.configInvalidForHook(loaded.errors[0]));
  const store = new SessionStore(paths, { now: clock(), idleMinutes: loaded.config.idleMinutes });
  const { id: active, ignored } = store.activeSession();
  const paused = active === null ? null : readPaused(store.local);
  const { config, warnings } = loaded;
  return { store, workRoot, config, warnings, active: paused ? null : active, paused, ignoredPointer: ignored };
}

/** How long a command waits for the store lock before it gives up. */
const CLI_LOCK_WAIT_MS = 60_000;

export interface Project {
  cwd: string;
  root: string;
  paths: StorePaths;
  config: CsmConfig;
  configWarnings: string[];
  store: SessionStore;
  now: () => Date;
}

/**
 * What every command does first: the repository above `cwd`, its configuration (with
 * `lenientConfig`, the defaults when it is invalid or reached through a link: doctor reports the
 * file itself) and its store. A symlink among csm's state paths stops any other command.
 * With `onLockWait`, a write waits up to a minute for another csm process to finish (a person
 * at a terminal can wait; a hook cannot) and `onLockWait` is told once, after a second, who holds it.
 */
export function openProject(
  cwd: string,
  opts: { lenientConfig?: boolean; onLockWait?: (holder: string) => void } = {},
): Project {
  if (opts.onLockWait) setLockWaiting(CLI_LOCK_WAIT_MS, opts.onLockWait);
  const root = findRepoRoot(path.resolve(cwd));
  const paths = storePaths(root);
  // a command never reads or writes csm's state through a link; doctor looks, and says how to replace it
  const link = firstStateLink(paths);
  if (link !== null && !opts.lenientConfig) throw linkError(root, path.join(root, link));
  const lenient = { ok: true as const, config: DEFAULT_CONFIG, warnings: [] };
  const strict = link === null ? loadConfig(paths.config) : lenient;
  const loaded = !strict.ok && opts.lenientConfig ? lenient : strict;
  if (!loaded.ok) {
    throw new CsmError('INVALID_FILE', ...msg.refusal.configInvalid(loaded.errors));
  }
  const now = clock();
  const store = new SessionStore(paths, { now, idleMinutes: loaded.config.idleMinutes });
  return { cwd, root, paths, config: loaded.config, configWarnings: loaded.warnings, store, now };
}

/**
 * The active session, else the newest one (a report after `csm complete`), else a user error that says how to start
 * one.
 */
export function activeOrLast(store: SessionStore): string {
  const ids = store.listSessionIds();
  return store.activeSessionId() ?? ids[ids.length - 1] ?? requireActive(store);
}

/** The active session id, or a user error that says how to start one. */
export function requireActive(store: SessionStore): string {
  const { id, ignored } = store.activeSession();
  if (id) return id;
  throw new CsmError('NOT_FOUND', ...msg.refusal.noActiveSession(ignored));
}
