/**
 * Workspace runners prefix each line with the package it came from and run packages in
 * parallel, interleaving their output: `packages/core test: not ok 1 - double` (pnpm -r),
 * `@acme/core:test: FAIL src/a.test.ts` (turbo), `[@acme/core]: ✖ double` (yarn workspaces
 * foreach). Read as it is, no runner's parser recognises it. Here the prefixes come off and each
 * package's lines are put back together, in the order the packages first spoke.
 */
// the script or task after the package starts with a letter: `src/a.py:18: error` (mypy, ruff, eslint) is not a prefix
const PREFIX = /^(?:(?:[^\s:]+\/[^\s:]*|\.) [A-Za-z][\w:.-]*|[@\w][\w@./-]*:[A-Za-z][\w:.-]*|\[[@\w][\w@./-]*\]): ?/;

export function ungroupRunPrefixes(text: string): string {
  const lines = text.split('\n');
  const prefixOf = (l: string): string | null => PREFIX.exec(l)?.[0].replace(/ $/, '') ?? null;
  const tagged = lines.map((l) => ({ l, p: prefixOf(l) }));
  const spoken = tagged.filter((t) => t.l.trim() !== '');
  const prefixed = spoken.filter((t) => t.p !== null);
  // a few lines that happen to look like `name:task:` are not a workspace run
  if (prefixed.length < 3 || prefixed.length < spoken.length * 0.3) return text;
  const counts = new Map<string, number>();
  for (const t of prefixed) counts.set(t.p as string, (counts.get(t.p as string) ?? 0) + 1);
  const real = new Set([...counts].filter(([, n]) => n >= 2).map(([p]) => p));
  if (real.size === 0) return text;
  const groups = new Map<string, string[]>();
  const before: string[] = [];
  const after: string[] = [];
  for (const { l, p } of tagged) {
    if (p !== null && real.has(p)) {
      const g = groups.get(p) ?? [];
      g.push(l.slice(p.length).replace(/^ /, ''));
      groups.set(p, g);
    } else (groups.size === 0 ? before : after).push(l);
  }
  return [...before, ...[...groups.values()].flatMap((g) => [...g, '']), ...after].join('\n');
}

/** pnpm's prefix names the package's folder (`packages/core test:`, `. test:` for the root). */
const PNPM_PREFIX = /^(\S+\/\S*|\.) [A-Za-z][\w:.-]*:$/;

/**
 * The output of a `pnpm -r` run, one text per package folder (its lines, in order, without the
 * prefix); null when the output is not one. A package's runner prints paths from its own folder:
 * read apart, they can be put back under it.
 */
export function packageTexts(text: string): { dir: string; text: string }[] | null {
  const ungrouped = ungroupRunPrefixes(text);
  if (ungrouped === text) return null;
  const groups = new Map<string, string[]>();
  for (const l of text.split('\n')) {
    const p = PREFIX.exec(l)?.[0].replace(/ $/, '') ?? null;
    if (p === null || !PNPM_PREFIX.test(p)) continue;
    const dir = p.slice(0, p.indexOf(' '));
    groups.set(dir, [...(groups.get(dir) ?? []), l.slice(p.length).replace(/^ /, '')]);
  }
  return groups.size > 0 ? [...groups].map(([dir, lines]) => ({ dir, text: lines.join('\n') })) : null;
}
