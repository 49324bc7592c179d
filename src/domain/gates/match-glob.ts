/**
 * Globs for `covers` lists: `**` (any depth), `*` and `?` (within one path segment), `{a,b}`
 * alternatives. A pattern without `/` matches the file name at any depth (like .gitignore);
 * a leading `/` or `./` anchors it at the root.
 */
const compiled = new Map<string, RegExp>();

const SPECIAL = new Set([...'.+^$|()[]\\']);

function toRegExpSource(glob: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (slashAfter && atSegmentStart) {
          out += '(?:[^/]*/)*'; // `**/` — zero or more directories
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += SPECIAL.has(c) ? `\\${c}` : c;
  }
  return out + ')'.repeat(depth);
}

function regexFor(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    let glob = pattern.replace(/^\.\//, '');
    const anchored = glob.startsWith('/') || glob.slice(0, -1).includes('/');
    glob = glob.replace(/^\/+/, '').replace(/\/$/, '/**');
    re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${toRegExpSource(glob)}$`);
    compiled.set(pattern, re);
  }
  return re;
}

const normalize = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '');

/** True when `path` (repository-relative, `/` separators) matches the glob. A leading `!` is not special here. */
export function matchGlob(pattern: string, path: string): boolean {
  return regexFor(pattern).test(normalize(path));
}

/**
 * Whether a covers list includes `path`: the last matching pattern wins, `!glob` excludes.
 * A list of exclusions only starts from "everything".
 */
export function matchCovers(covers: readonly string[], path: string): boolean {
  let included = covers.length > 0 && covers.every((c) => c.startsWith('!'));
  for (const c of covers) {
    const negated = c.startsWith('!');
    if (matchGlob(negated ? c.slice(1) : c, path)) included = !negated;
  }
  return included;
}
