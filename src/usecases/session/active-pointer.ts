import path from 'node:path';
import type { StorePaths } from '../../adapters/store/paths.ts';
import { hasActivePointer, readActive } from '../../adapters/store/pointer.ts';
import { firstStateLink } from '../../adapters/store/store-links.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';

const WHY = {
  foreign: 'it was written in another clone or copy of this repository',
  unbound: 'its pointer does not say which clone wrote it (an older csm, an archive or a copy), so it may not be yours',
} as const;

/**
 * The active session is a fact of this machine, not of the repository, taken only on positive
 * evidence: a pointer bound to this clone's own `.claude/.csm/` folder, reached through no symlink.
 * Anything else — written in another clone (committed with `git add -f`, copied, unpacked from an
 * archive), an older csm's unbound pointer, a linked store — is ignored with the sentence saying
 * why in `ignored`, so a clone never starts a session (its gates, its context) that no one here began.
 */
export function activeOnThisMachine(paths: StorePaths): { id: string | null; ignored: string | null } {
  if (!hasActivePointer(paths)) return { id: null, ignored: null };
  let p: ReturnType<typeof readActive>;
  try {
    p = readActive(paths);
  } catch (e) {
    // the pointer itself is a link (readActive never follows one); any other error is the caller's
    if (!(e instanceof CsmError && e.code === 'UNSAFE_PATH')) throw e;
    return { id: null, ignored: msg.storeLinked(path.relative(paths.root, paths.active)) };
  }
  const link = firstStateLink(paths, p.named ?? p.id ?? undefined);
  if (link !== null) return { id: null, ignored: msg.storeLinked(link) };
  if (p.named !== undefined && (p.problem === 'foreign' || p.problem === 'unbound')) {
    return { id: null, ignored: msg.pointerIgnored(p.named, WHY[p.problem]) };
  }
  return { id: p.id, ignored: null };
}
