import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import type { SessionStore } from './session-store.ts';

/** `csm switch`: makes session `id` the active one on this machine (null: none). Returns the id as stored. */
export async function switchSession(store: SessionStore, id: string | null): Promise<string | null> {
  if (id === null) {
    await store.setActive(null);
    return null;
  }
  const ids = store.listSessionIds();
  const found = ids.find((x) => Number(x) === Number(id));
  if (!found) throw new CsmError('NOT_FOUND', ...msg.refusal.noSuchSession(id, ids));
  if (store.load(found).state.status === 'completed')
    throw new CsmError('CONFLICT', ...msg.refusal.sessionCompleted(found));
  await store.setActive(found);
  return found;
}
