import path from 'node:path';

/** `child` is `parent` or lies below it (both absolute; no file system access, links are not followed). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
