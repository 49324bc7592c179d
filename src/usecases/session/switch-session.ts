import { CsmError } from '../../errors.ts';
import type { SessionStore } from './session-store.ts';

/** `csm switch`: makes session `id` the active one on this machine (null: none). Returns the id as stored. */
export async function switchSession(store: SessionStore, id: string | null): Promise<string | null> {
  if (id === null) {
    await store.setActive(null);
    return null;
  }
  const ids = store.listSessionIds();
  const found = ids.find((x) => Number(x) === Number(id));
  if (!found)
    throw new CsmError('NOT_FOUND', `no session ${id}`, {
      fix: ids.length ? `sessions: ${ids.join(', ')}` : 'start one with csm start "<objective>"',
    });
  if (store.load(found).state.status === 'completed')
    throw new CsmError('CONFLICT', `session ${found} is completed`, {
      fix: 'start a new one with csm start "<objective>"',
    });
  await store.setActive(found);
  return found;
}
