/** Small helpers the runner parsers share. */

/** Up to `max` characters, with an ellipsis when cut. */
export const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The first line that is not blank, trimmed. */
export const firstText = (lines: readonly string[]): string => lines.find((l) => l.trim() !== '')?.trim() ?? '';

/** A stack frame or location from a runtime's own library (node internals, Rust std, Go runtime, Python stdlib). */
export const isLibraryFrame = (line: string): boolean =>
  /\((node:|internal\/)|\bnode:internal\/|at node:|\/rustc\/[0-9a-f]+\/library\/|\blibrary\/(std|core|test)\/src\/|\/usr\/lib\/go|\bruntime\/panic\.go|\/lib\/python3\.\d+\/|site-packages\/(_pytest|pluggy)\//.test(line);

/** Splits `lines` into blocks, each starting at a line `isStart` accepts (lines before the first start are dropped). */
export function blocks(lines: readonly string[], isStart: (line: string) => boolean, isEnd: (line: string) => boolean = () => false): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const l of lines) {
    if (isStart(l)) {
      cur = [l];
      out.push(cur);
    } else if (cur && isEnd(l)) cur = null;
    else cur?.push(l);
  }
  return out;
}

/** A number from a regex group, 0 when absent. */
export const num = (m: RegExpMatchArray | null, i: number): number => (m?.[i] === undefined ? 0 : Number(m[i]));

/**
 * The value lines of an assertion diff, as the runner printed them: the lines starting with the
 * two markers (e.g. `-` and `+`) after the header line that names them, at most `max` of each.
 */
export function diffLines(block: readonly string[], header: RegExp, max = 3): string[] {
  const at = block.findIndex((l) => header.test(l));
  if (at < 0) return [];
  const minus: string[] = [];
  const plus: string[] = [];
  for (const raw of block.slice(at + 1)) {
    const l = raw.trim();
    if (/^[-+] ?(Expected|Received|expected|actual)\b/.test(l)) continue;
    if (l.startsWith('-') && minus.length < max) minus.push(l);
    else if (l.startsWith('+') && plus.length < max) plus.push(l);
    else if (/^(at |❯ |\d+\s*\||>\s*\d+\s*\|)/.test(l)) break;
  }
  return [...minus, ...plus];
}

/** `Expected: …` / `Received: …` style lines (jest, vitest), as printed. */
export const labelled = (block: readonly string[], labels: RegExp): string[] => block.map((l) => l.trim()).filter((l) => labels.test(l)).slice(0, 4);

/** A repository-relative form of an absolute path under `root` (other paths are kept). */
export function relativeTo(root: string | undefined, p: string): string {
  if (!root) return p;
  const r = root.endsWith('/') ? root : `${root}/`;
  return p.startsWith(r) ? p.slice(r.length) : p;
}

/** A word for a POSIX shell: as it is when it needs no quoting, else in single quotes. */
export const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
