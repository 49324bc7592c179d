import { sha256 } from '../../adapters/host.ts';
import type { SessionStore } from '../session/session-store.ts';

/** Machine-local state per Claude Code session (git-ignored): the Stop block counter. */
export interface ClaudeSessionState {
  consecutiveBlocks: number;
}

/**
 * The machine-local file of a Claude session: `claude/<id><suffix>.json`. An id that is not a plain
 * name is hashed with SHA-256 (two ids never share a block counter); node:crypto is loaded only then.
 */
export const nameFor = (claudeSession: string, suffix = ''): string => {
  const plain = /^[A-Za-z0-9_-]{1,100}$/.test(claudeSession);
  const safe = plain ? claudeSession : `x${sha256(claudeSession).slice(0, 40)}`;
  return `claude/${safe}${suffix}.json`;
};

export function readClaudeSession(store: SessionStore, claudeSession: string | undefined): ClaudeSessionState {
  if (!claudeSession) return { consecutiveBlocks: 0 };
  const v = store.local.readJson(nameFor(claudeSession)) as Partial<ClaudeSessionState> | null;
  return {
    consecutiveBlocks: typeof v?.consecutiveBlocks === 'number' && v.consecutiveBlocks >= 0 ? v.consecutiveBlocks : 0,
  };
}

export async function writeClaudeSession(
  store: SessionStore,
  claudeSession: string | undefined,
  state: ClaudeSessionState,
): Promise<void> {
  if (!claudeSession) return;
  await store.local.writeJson(nameFor(claudeSession), state);
}
