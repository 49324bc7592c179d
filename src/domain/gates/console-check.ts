import type { CheckOutcome } from './gate-def.ts';
import { matchCovers } from './match-glob.ts';

export interface ConsoleFinding {
  file: string;
  line: number;
  text: string;
}

/**
 * Files the console check ignores: docs (code samples) and tests (their output is captured by
 * the runner and never ships). A line containing `csm-ignore` is also skipped.
 */
export const CONSOLE_SKIP = [
  '!**/*.{md,mdx,markdown,rst,txt,adoc}',
  '!**/*.{test,spec}.*',
  '!**/{test,tests,__tests__,spec,__mocks__,fixtures}/**',
  '!**/test_*.py',
  '!**/*_test.{py,go}',
];

export const IGNORE_MARKER = 'csm-ignore';
const MAX_FINDINGS = 20;

/** Unquotes a path as git prints it (`"a\tb"` for unusual names). */
function gitPath(raw: string): string {
  const s = raw.trim();
  if (!s.startsWith('"')) return s;
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

/** The added lines of a unified diff (any context size), with their new-file line numbers. */
export function addedLines(diff: string): ConsoleFinding[] {
  const out: ConsoleFinding[] = [];
  let file: string | null = null;
  let line = 0;
  let oldLeft = 0;
  let newLeft = 0;
  for (const l of diff.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      // inside a hunk: the header's counts say which lines belong to it
      if (l.startsWith('+')) {
        if (file !== null) out.push({ file, line, text: l.slice(1) });
        line++;
        newLeft--;
      } else if (l.startsWith('-')) oldLeft--;
      else if (l.startsWith(' ') || l === '') {
        line++;
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      line = Number(hunk[2]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
    } else if (l.startsWith('diff --git ')) file = null;
    else if (l.startsWith('+++ ')) {
      const p = gitPath(l.slice(4));
      file = p === '/dev/null' ? null : p.replace(/^b\//, '');
    }
  }
  return out;
}

function compile(patterns: readonly string[]): { regexes: RegExp[]; invalid: string[] } {
  const regexes: RegExp[] = [];
  const invalid: string[] = [];
  for (const p of patterns) {
    try {
      regexes.push(new RegExp(p));
    } catch {
      invalid.push(p);
    }
  }
  return { regexes, invalid };
}

/** Added lines matching any pattern, outside skipped files, without the ignore marker. */
export function findConsoleLeftovers(
  diff: string,
  patterns: readonly string[],
  skip: readonly string[] = CONSOLE_SKIP,
): { findings: ConsoleFinding[]; invalid: string[] } {
  const { regexes, invalid } = compile(patterns);
  const findings = addedLines(diff).filter(
    (a) => !a.text.includes(IGNORE_MARKER) && matchCovers(skip, a.file) && regexes.some((r) => r.test(a.text)),
  );
  return { findings, invalid };
}

/** The no-console gate: debug leftovers in lines added this session fail it. */
export function consoleCheck(
  diff: string,
  patterns: readonly string[],
  skip?: readonly string[],
): CheckOutcome & { findings: ConsoleFinding[] } {
  const { findings, invalid } = findConsoleLeftovers(diff, patterns, skip);
  if (invalid.length > 0 && invalid.length === patterns.length) {
    return { status: 'error', output: `invalid patterns in consoleCheck.patterns: ${invalid.join(', ')}`, findings };
  }
  if (findings.length === 0) return { status: 'pass', output: 'no debug leftovers in added lines', findings };
  const shown = findings.slice(0, MAX_FINDINGS).map((f) => `${f.file}:${f.line}: ${f.text.trim().slice(0, 160)}`);
  const more = findings.length > MAX_FINDINGS ? [`… and ${findings.length - MAX_FINDINGS} more`] : [];
  const hint = `remove them, or end the line with // ${IGNORE_MARKER} if it is meant to stay`;
  return { status: 'fail', output: [...shown, ...more, hint].join('\n'), findings };
}
