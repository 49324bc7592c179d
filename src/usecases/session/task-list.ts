import { catchUpProjection } from './project-after-append.ts';
import type { Loaded } from './session-reader.ts';
import type { SessionStore } from './session-store.ts';

/** `csm task list`: the session's tasks as the ledger has them now (tasks.json brought level with it first). */
export async function listTasks(store: SessionStore, sessionId: string): Promise<Loaded> {
  await catchUpProjection(store, sessionId);
  return store.load(sessionId);
}
