import fs from 'node:fs';
import path from 'node:path';
import { CsmError } from '../../errors.ts';
import { isInside } from '../../kernel/inside.ts';
import { msg } from '../../messages/index.ts';

/** The path with every link resolved, or as given when it cannot be (missing, unreadable). */
export const realOr = (p: string): string => {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * Why csm refuses the symlink at `link` (under the repository `root`): where it leads — nowhere, into
 * git's own files, out of the repository, or elsewhere inside it (a committed link could hand this
 * clone another clone's state) — and how to replace it.
 */
export function linkError(root: string, link: string): CsmError {
  const rel = path.relative(root, link);
  let real: string;
  try {
    real = fs.realpathSync(link);
  } catch {
    return new CsmError('UNSAFE_PATH', ...msg.store.brokenLink(rel));
  }
  const realRoot = realOr(root);
  if (isInside(path.join(realRoot, '.git'), real)) {
    return new CsmError('UNSAFE_PATH', ...msg.store.linkIntoGit(rel, real));
  }
  if (!isInside(realRoot, real)) {
    return new CsmError('UNSAFE_PATH', ...msg.store.linkOutside(rel, real, root));
  }
  return new CsmError('UNSAFE_PATH', ...msg.store.linkInside(rel, real));
}

/** The repository a path under `.claude/` belongs to (the folder holding the last `.claude`), or its own folder. */
export function rootAbove(file: string): string {
  const parts = path.resolve(file).split(path.sep);
  const at = parts.lastIndexOf('.claude');
  return at > 0 ? parts.slice(0, at).join(path.sep) || path.sep : path.dirname(file);
}
