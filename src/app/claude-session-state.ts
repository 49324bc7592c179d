import path from 'node:path';
import { readTextIfExists } from '../adapters/store/atomic-file.ts';
import type { SessionStore } from '../adapters/store/session-store.ts';

/** Machine-local state per Claude Code session (git-ignored): the Stop block counter. */
export interface ClaudeSessionState {
  consecutiveBlocks: number;
}

const fileFor = (store: SessionStore, claudeSession: string): string => {
  const safe = /^[A-Za-z0-9_-]{1,100}$/.test(claudeSession) ? claudeSession : `x${[...claudeSession].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36)}`;
  return path.join(store.paths.local, 'claude', `${safe}.json`);
};

export function readClaudeSession(store: SessionStore, claudeSession: string | undefined): ClaudeSessionState {
  if (!claudeSession) return { consecutiveBlocks: 0 };
  try {
    const v = JSON.parse(readTextIfExists(fileFor(store, claudeSession)) ?? '{}') as Partial<ClaudeSessionState>;
    return { consecutiveBlocks: typeof v.consecutiveBlocks === 'number' && v.consecutiveBlocks >= 0 ? v.consecutiveBlocks : 0 };
  } catch {
    return { consecutiveBlocks: 0 };
  }
}

export async function writeClaudeSession(store: SessionStore, claudeSession: string | undefined, state: ClaudeSessionState): Promise<void> {
  if (!claudeSession) return;
  await store.locked(() => store.writeLocal(fileFor(store, claudeSession), `${JSON.stringify(state)}\n`));
}
