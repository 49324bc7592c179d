import { readLocalJson, writeLocalJson } from '../../adapters/store/local-json.ts';
import type { SessionStore } from '../session/session-store.ts';

/** Machine-local state per Claude Code session (git-ignored): the Stop block counter. */
export interface ClaudeSessionState {
  consecutiveBlocks: number;
}

/** The machine-local file of a Claude session: `claude/<id><suffix>.json` (an id that is not a plain name is hashed). */
export const nameFor = (claudeSession: string, suffix = ''): string => {
  const safe = /^[A-Za-z0-9_-]{1,100}$/.test(claudeSession) ? claudeSession : `x${[...claudeSession].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36)}`;
  return `claude/${safe}${suffix}.json`;
};

export function readClaudeSession(store: SessionStore, claudeSession: string | undefined): ClaudeSessionState {
  if (!claudeSession) return { consecutiveBlocks: 0 };
  const v = readLocalJson(store.paths, nameFor(claudeSession)) as Partial<ClaudeSessionState> | null;
  return { consecutiveBlocks: typeof v?.consecutiveBlocks === 'number' && v.consecutiveBlocks >= 0 ? v.consecutiveBlocks : 0 };
}

export async function writeClaudeSession(store: SessionStore, claudeSession: string | undefined, state: ClaudeSessionState): Promise<void> {
  if (!claudeSession) return;
  await writeLocalJson(store.paths, nameFor(claudeSession), state);
}
