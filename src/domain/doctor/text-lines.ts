/**
 * The lines csm needs in `.claude/.gitignore` and `.claude/.gitattributes`: which are missing,
 * and the file with them appended. The user's own lines are never touched.
 */
const meaningful = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

const norm = (line: string): string => line.replace(/^\//, '').replace(/\s+/g, ' ');

/** Lines of `template` (comments aside) that `existing` lacks; `.csm` and `/.csm/` count as `.csm/`. */
export function missingLines(existing: string | null, template: string): string[] {
  const have = new Set(
    meaningful(existing ?? '')
      .map(norm)
      .flatMap((l) => (l.endsWith('/') ? [l] : [l, `${l}/`])),
  );
  return meaningful(template).filter((l) => !have.has(norm(l)));
}

/** `existing` with `lines` appended, after csm's comment line from `template` when the file lacks it. */
export function appendLines(existing: string | null, template: string, lines: readonly string[]): string {
  if (lines.length === 0) return existing ?? '';
  const base = existing ?? '';
  const comment = template.split('\n').find((l) => l.startsWith('#'));
  const head = base === '' || base.endsWith('\n') ? base : `${base}\n`;
  const note = comment && !base.includes(comment) ? `${comment}\n` : '';
  return `${head}${note}${lines.join('\n')}\n`;
}
