import type { CsmConfig } from '../contracts/config.ts';
import type { HookInput } from '../contracts/hook-input.ts';
import { loadConfig } from '../adapters/config/load-config.ts';
import { findRepoRoot, storePaths } from '../adapters/store/paths.ts';
import { SessionStore } from '../adapters/store/session-store.ts';
import { setDebugLogDir } from '../hook-runtime/debug-log.ts';
import { CsmError } from '../errors.ts';

export interface OpenedStore {
  store: SessionStore;
  config: CsmConfig;
  warnings: string[];
  /** The active session on this machine, or null. */
  active: string | null;
}

/** What every hook does first: find the repo from the payload's cwd, load config, find the active session. */
export function openStore(input: HookInput): OpenedStore {
  const cwd = input.cwd ?? process.env.CLAUDE_PROJECT_DIR ?? process.cwd();
  const paths = storePaths(findRepoRoot(cwd));
  setDebugLogDir(paths.local);
  const loaded = loadConfig(paths.config);
  if (!loaded.ok) throw new CsmError('INVALID_FILE', `.claude/csm.json is not valid: ${loaded.errors[0] ?? ''}`);
  const fixed = process.env.CSM_NOW;
  const now = fixed && Number.isFinite(Date.parse(fixed)) ? () => new Date(fixed) : () => new Date();
  const store = new SessionStore(paths, { now, idleMinutes: loaded.config.idleMinutes });
  return { store, config: loaded.config, warnings: loaded.warnings, active: store.activeSessionId() };
}
