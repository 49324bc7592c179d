/** Small helpers the runner parsers share. */

/** Up to `max` characters, with an ellipsis when cut. */
export const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The first line that is not blank, trimmed. */
export const firstText = (lines: readonly string[]): string => lines.find((l) => l.trim() !== '')?.trim() ?? '';

const LIBRARY_FRAME = new RegExp(
  [
    String.raw`\((node:|internal\/)|\bnode:internal\/|at node:|\/rustc\/[0-9a-f]+\/library\/`,
    String.raw`\blibrary\/(std|core|test)\/src\/`,
    String.raw`\/usr\/lib\/go|\bruntime\/panic\.go|\/lib\/python3\.\d+\/|site-packages\/(_pytest|pluggy)\/`,
  ].join('|'),
);

/** A stack frame or location from a runtime's own library (node internals, Rust std, Go runtime, Python stdlib). */
export const isLibraryFrame = (line: string): boolean => LIBRARY_FRAME.test(line);

/** Splits `lines` into blocks, each starting at a line `isStart` accepts (lines before the first start are dropped). */
export function blocks(
  lines: readonly string[],
  isStart: (line: string) => boolean,
  isEnd: (line: string) => boolean = () => false,
): string[][] {
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
 * An assertion diff as the runner printed it after the header line that names its markers (e.g.
 * `- Expected` / `+ Received`): from the line before the first change, at most `max` lines, the
 * unchanged lines kept — without them `[c, d, a, b]` against `[a, b, c, d]` reads as a no-op.
 */
export function diffLines(block: readonly string[], header: RegExp, max = 8): string[] {
  const at = block.findIndex((l) => header.test(l));
  if (at < 0) return [];
  const lines: string[] = [];
  for (const raw of block.slice(at + 1)) {
    const l = raw.trim();
    if (/^[-+] ?(Expected|Received|expected|actual)\b/.test(l)) continue;
    if (/^(at |❯ |\d+\s*\||>\s*\d+\s*\|)/.test(l)) break;
    if (l === '') {
      if (lines.some((x) => /^[-+]/.test(x))) break;
      continue;
    }
    lines.push(l);
  }
  const first = lines.findIndex((l) => /^[-+]/.test(l));
  if (first < 0) return [];
  const from = Math.max(0, first - 1);
  return lines.slice(from, from + max);
}

/**
 * `Expected: …` / `Received: …` style lines (jest, vitest), as printed; a label alone on its line
 * (jest ≤ 22: `Expected value to be:` then the value) takes the value from the next line.
 */
export function labelled(block: readonly string[], labels: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < block.length && out.length < 4; i++) {
    const l = (block[i] ?? '').trim();
    if (!labels.test(l)) continue;
    const next = (block[i + 1] ?? '').trim();
    out.push(/:$/.test(l) && next !== '' && !labels.test(next) ? `${l} ${next}` : l);
  }
  return out;
}

/** A repository-relative form of an absolute path under `root` (other paths are kept). */
export function relativeTo(root: string | undefined, p: string): string {
  if (!root) return p;
  const r = root.endsWith('/') ? root : `${root}/`;
  return p.startsWith(r) ? p.slice(r.length) : p;
}

/** A word for a POSIX shell: as it is when it needs no quoting, else in single quotes. */
export const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** `n unit` with the unit's noun in the singular for one: `1 test in 1 package`, `1 type error`, `3 tests`. */
export const countOf = (n: number, unit: string): string =>
  `${n} ${n === 1 ? unit.replace(/\b(test|file|error|failure|warning)s\b/, '$1') : unit}`;
