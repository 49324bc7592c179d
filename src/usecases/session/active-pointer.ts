import path from 'node:path';
import { trackedUnder } from '../../adapters/git/git-fast.ts';
import type { StorePaths } from '../../adapters/store/paths.ts';
import { readActive, sessionExists, writeActive } from '../../adapters/store/pointer.ts';
import { msg } from '../../messages.ts';

/**
 * The active session is a fact of this machine, not of the repository: a pointer written in
 * another clone (committed with `git add -f`, copied) is ignored, with the sentence saying why in
 * `ignored`, so a clone never starts a session — its gates, its context — that no one here began.
 * An older csm's unbound pointer is taken, and bound to this clone, unless git tracks it.
 */
export function activeOnThisMachine(paths: StorePaths): { id: string | null; ignored: string | null } {
  const p = readActive(paths);
  if (p.problem === 'unbound' && p.named !== undefined) {
    if (trackedUnder(paths.root, path.relative(paths.root, paths.active)).length > 0) {
      return { id: null, ignored: msg.pointerIgnored(p.named, 'git tracks .claude/.csm/active, so it came with the repository') };
    }
    // a pointer to a session that does not exist is ignored, as always (csm doctor says so)
    if (!sessionExists(paths, p.named)) return { id: null, ignored: null };
    try {
      writeActive(paths, p.named);
    } catch {
      // bound the next time
    }
    return { id: p.named, ignored: null };
  }
  if (p.problem === 'foreign' && p.named !== undefined) return { id: null, ignored: msg.pointerIgnored(p.named, 'it was written in another clone or copy of this repository') };
  return { id: p.id, ignored: null };
}
