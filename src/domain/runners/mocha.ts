import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { escapeRegExp, lastPart, quote } from './rerun-tools.ts';
import { blocks, diffLines, isLibraryFrame, num } from './text-tools.ts';

/** mocha's spec reporter: totals `4 passing` / `4 failing` first, then numbered `  1) suite` blocks. */
export function parseMocha(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const passing = lines.findIndex((l) => /^ {2}\d+ passing \(/.test(l));
  if (passing < 0) return null;
  const failing = num(lines.map((l) => /^ {2}(\d+) failing$/.exec(l)).find((m) => m !== null) ?? null, 1);
  const region = lines.slice(passing + 1);
  const failures: Failure[] = blocks(region, (l) => /^ {2}\d+\) \S/.test(l)).map((b) => {
    const titleEnd = b.findIndex((l) => /:$/.test(l.trim()));
    const title = [/^ {2}\d+\) (.+)$/.exec(b[0] ?? '')?.[1] ?? '', ...b.slice(1, titleEnd + 1).map((l) => l.trim())]
      .join(' > ')
      .replace(/:$/, '');
    const body = b.slice(titleEnd + 1);
    const message = body.map((l) => l.trim()).find((l) => l !== '' && !/^at /.test(l)) ?? '';
    const frame = body
      .map((l) => /^\s+at .*?\(?([^\s()]+:\d+:\d+)\)?$/.exec(l))
      .find((m) => m !== null && !isLibraryFrame(m[0]) && !/node_modules/.test(m[0]));
    const neq = body.map((l) => l.trim()).find((l) => / !== /.test(l));
    const detail = neq ? [neq] : diffLines(body, /\+ expected - actual/);
    return { id: title, location: frame?.[1] ?? null, message, ...(detail.length ? { detail } : {}) };
  });
  const passed = num(/^ {2}(\d+) passing/.exec(lines[passing] ?? ''), 1);
  return { runner: 'mocha', failures, totals: { failed: failing, total: passed + failing, unit: 'tests' } };
}

export const MOCHA: RunnerParsing = {
  runner: 'mocha',
  parse: parseMocha,
  rerun: (r, c) => {
    // --grep is a regular expression: the titles, escaped, as alternatives
    const titles = [...new Set(r.failures.slice(0, 10).map((f) => escapeRegExp(lastPart(f.id))))];
    return titles.length ? `${c.exec} mocha --grep ${quote(titles.join('|'))}` : null;
  },
};
