import path from 'node:path';
import { type CsmConfig, DEFAULT_CONFIG } from '../contracts/config.ts';
import { clock } from '../adapters/clock.ts';
import { loadConfig } from '../adapters/config/load-config.ts';
import { findRepoRoot, storePaths, type StorePaths } from '../adapters/store/paths.ts';
import { SessionStore } from '../adapters/store/session-store.ts';
import { CsmError } from '../errors.ts';
import type { Out } from './output.ts';

export interface CliContext {
  cwd: string;
  root: string;
  paths: StorePaths;
  out: Out;
  config: CsmConfig;
  configWarnings: string[];
  store: SessionStore;
  now: () => Date;
}

export function loadContext(cwd: string, out: Out, opts: { lenientConfig?: boolean } = {}): CliContext {
  const root = findRepoRoot(path.resolve(cwd));
  const paths = storePaths(root);
  const strict = loadConfig(paths.config);
  const loaded = !strict.ok && opts.lenientConfig ? { ok: true as const, config: DEFAULT_CONFIG, warnings: [] } : strict;
  if (!loaded.ok) {
    throw new CsmError('INVALID_FILE', `the csm config is not valid:\n  ${loaded.errors.join('\n  ')}`, {
      fix: 'correct the named fields in .claude/csm.json (or delete the file to use the defaults)',
    });
  }
  const now = clock();
  const store = new SessionStore(paths, { now, idleMinutes: loaded.config.idleMinutes });
  for (const w of loaded.warnings) out.error(`csm: warning: ${w}`);
  return { cwd, root, paths, out, config: loaded.config, configWarnings: loaded.warnings, store, now };
}

/** The active session id, or a user error that says how to start one. */
export function requireActive(ctx: CliContext): string {
  const id = ctx.store.activeSessionId();
  if (id) return id;
  throw new CsmError('NOT_FOUND', 'no active session', { fix: 'start one with: csm start "<objective>" (or csm switch <NNN> to resume one)' });
}
