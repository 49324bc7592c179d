import { parseToldFacts, sameFacts, type ToldFacts } from '../../domain/reports/context-delta.ts';
import type { SessionStore } from '../session/session-store.ts';
import { nameFor } from './claude-session-state.ts';

/** What this Claude session was last told about csm's session (machine-local); null when nothing yet. */
export function readTold(store: SessionStore, claudeSession: string): ToldFacts | null {
  return parseToldFacts(store.local.readJson(nameFor(claudeSession, '.told')));
}

/** Records what was just told; no write when it is what was told before. */
export async function writeTold(
  store: SessionStore,
  claudeSession: string,
  facts: ToldFacts,
  before: ToldFacts | null = readTold(store, claudeSession),
): Promise<void> {
  if (before && sameFacts(before, facts)) return;
  await store.local.writeJson(nameFor(claudeSession, '.told'), facts);
}
