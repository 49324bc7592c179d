/** The lines of a tool's output worth showing: errors and file:line locations first. */
export interface ExcerptLimits {
  maxLines: number;
  maxChars: number;
}

export const EXCERPT_LIMITS: ExcerptLimits = { maxLines: 20, maxChars: 1500 };

// terminal control sequences: colours, cursor moves, titles
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;
const LOCATION = /[\w./\\@-]+\.[A-Za-z]{1,6}[:(]\d+/;
const SIGNAL = new RegExp(
  String.raw`\b(error|errors|fail|failed|failure|FAIL|ERR!?|panicked|Traceback|AssertionError|assert(ion)?|expected` +
    String.raw`|Exception)\b|[✗✘×]|^\s*(E|>)\s{2,}`,
  'i',
);
const NOISE = /^\s*(at .+\(node:|at node:|npm (warn|notice)|> |\$ )/;
const MAX_LINE = 220;

export const stripAnsi = (s: string): string => s.replace(ANSI, '');

const isRelevant = (l: string): boolean => !NOISE.test(l) && (LOCATION.test(l) || SIGNAL.test(l));

/** At most `maxLines` lines and `maxChars` characters, long lines shortened. */
export function clipLines(text: string | string[], limits: ExcerptLimits = EXCERPT_LIMITS): string {
  const lines = typeof text === 'string' ? text.split('\n') : text;
  const out: string[] = [];
  let chars = 0;
  for (const l of lines.slice(0, limits.maxLines)) {
    const line = l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l;
    if (chars + line.length + 1 > limits.maxChars) break;
    out.push(line);
    chars += line.length + 1;
  }
  return out.join('\n');
}

/**
 * The first relevant lines (each with the line after it, which often carries the message),
 * or the last lines when nothing stands out; capped in lines and characters.
 */
export function excerpt(output: string, limits: ExcerptLimits = EXCERPT_LIMITS): string {
  const lines = stripAnsi(output)
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '');
  const picked = new Set<number>();
  lines.forEach((l, i) => {
    if (picked.size >= limits.maxLines || !isRelevant(l)) return;
    picked.add(i);
    const next = lines[i + 1];
    if (next !== undefined && !NOISE.test(next)) picked.add(i + 1);
  });
  const chosen =
    picked.size > 0 ? [...picked].sort((a, b) => a - b).map((i) => lines[i] as string) : lines.slice(-limits.maxLines);
  return clipLines(chosen, limits);
}
