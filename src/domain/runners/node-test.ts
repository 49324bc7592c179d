import type { Failure, ParsedRun } from './failure.ts';
import { blocks, diffLines, firstText, isLibraryFrame, num } from './text-tools.ts';

/** An assertion's values from node's error dump (`actual: 3,` / `expected: 2,`) or its `3 !== 2` line. */
function values(body: readonly string[]): string[] {
  const dump = body.map((l) => l.trim()).filter((l) => /^(actual|expected): /.test(l)).map((l) => l.replace(/,$/, ''));
  if (dump.length) return dump;
  const neq = body.map((l) => l.trim()).find((l) => / !== | != /.test(l));
  return neq ? [neq] : diffLines(body, /\+ actual - expected/);
}

const location = (body: readonly string[]): string | null =>
  body.map((l) => /^\s+at .*?\(?((?:\/|\w)[^\s()]*:\d+:\d+)\)?$/.exec(l)).find((m) => m !== null && !isLibraryFrame(m[0]))?.[1] ?? null;

/** node --test, spec reporter: the repeat under `✖ failing tests:` (each with `test at file:line:col`), totals `ℹ tests 9` / `ℹ fail 5`. */
function parseSpec(lines: string[]): ParsedRun {
  const at = lines.findIndex((l) => /^✖ failing tests:/.test(l));
  const region = at >= 0 ? lines.slice(at + 1) : lines;
  const failures: Failure[] = blocks(region, (l) => /^\s*✖ /.test(l)).map((b) => {
    const name = (/^\s*✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(b[0] ?? '')?.[1] ?? '').trim();
    const body = b.slice(1).filter((l) => !/^test at /.test(l));
    const detail = values(body);
    return { id: name, location: location(body), message: firstText(body), ...(detail.length ? { detail } : {}) };
  });
  // the repeat names each failure's place as `test at file:line:col` on the line before it
  if (at >= 0) {
    let i = 0;
    for (let j = at + 1; j < lines.length && i < failures.length; j++) {
      const m = /^test at (\S+:\d+:\d+)$/.exec(lines[j] ?? '');
      if (m && failures[i]) (failures[i] as Failure).location = m[1] ?? null;
      if (/^\s*✖ /.test(lines[j] ?? '')) i++;
    }
  }
  const stat = (k: string): number => num(lines.map((l) => new RegExp(`^ℹ ${k} (\\d+)$`).exec(l)).find((m) => m !== null) ?? null, 1);
  // a suite that failed because a test inside it failed is not a failure of its own
  const own = failures.filter((f) => f.message !== '' || f.detail);
  return { runner: 'node:test', failures: own, totals: { failed: stat('fail'), total: stat('tests'), unit: 'tests' } };
}

/** node --test, TAP reporter (the default without a terminal on Node 20): `not ok N - name` with a YAML block. */
function parseTap(lines: string[]): ParsedRun {
  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*not ok \d+ - (.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const yaml: string[] = [];
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j] ?? ''); j++) yaml.push(lines[j] ?? '');
    // a parent whose children failed says so and nothing else
    if (yaml.some((l) => /failureType: 'subtestsFailed'/.test(l))) continue;
    const loc = yaml.map((l) => /^\s*location: '(.+)'$/.exec(l)?.[1]).find((x) => x !== undefined) ?? null;
    const err = yaml.findIndex((l) => /^\s*error: /.test(l));
    const errText = err >= 0 ? (/^\s*error: (?:\|-)?\s*(.*)$/.exec(yaml[err] ?? '')?.[1] || firstText(yaml.slice(err + 1, err + 3))) : '';
    const detail = yaml.filter((l, k) => /^\s*(expected|actual): \S/.test(l) && k > err).map((l) => l.trim());
    failures.push({ id: (m[1] ?? '').trim(), location: loc, message: errText.replace(/^(['"])(.*)\1$/, '$2'), ...(detail.length ? { detail } : {}) });
  }
  const stat = (k: string): number => num(lines.map((l) => new RegExp(`^# ${k} (\\d+)$`).exec(l)).find((m) => m !== null) ?? null, 1);
  return { runner: 'node:test', failures, totals: { failed: stat('fail'), total: stat('tests'), unit: 'tests' } };
}

export function parseNodeTest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  if (lines.some((l) => /^ℹ tests \d+$/.test(l))) return parseSpec(lines);
  if (lines.some((l) => /^TAP version \d+$/.test(l)) && lines.some((l) => /^# tests \d+$/.test(l))) return parseTap(lines);
  return null;
}
