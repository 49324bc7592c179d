import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';

const PLAIN = /^(\S.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const PRETTY = /^(\S.*?):(\d+):(\d+) - error (TS\d+): (.*)$/;

/**
 * tsc / tsgo / vue-tsc: `file(l,c): error TS1234: message` (or `file:l:c - error TS…` when pretty); no totals unless
 * pretty.
 */
export function parseTsc(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = PLAIN.exec(lines[i] ?? '') ?? PRETTY.exec(lines[i] ?? '');
    if (!m) continue;
    // an elaboration continues on the next lines, indented
    const more: string[] = [];
    for (let j = i + 1; j < lines.length && /^ {2}\S/.test(lines[j] ?? '') && more.length < 2; j++)
      more.push((lines[j] ?? '').trim());
    failures.push({
      id: `${m[4]} in ${m[1]}`,
      location: `${m[1]}:${m[2]}:${m[3]}`,
      message: m[5] ?? '',
      ...(more.length ? { detail: more } : {}),
    });
  }
  const found = lines.map((l) => /^Found (\d+) errors?( in (\d+) files?)?/.exec(l)).find((x) => x !== null);
  if (failures.length === 0 && !found && !lines.some((l) => /^error TS\d+: /.test(l))) return null;
  for (const l of lines) {
    const g = /^error (TS\d+): (.*)$/.exec(l);
    if (g) failures.push({ id: g[1] ?? 'error', location: null, message: g[2] ?? '' });
  }
  return {
    runner: 'tsc',
    failures,
    totals: { failed: found ? Number(found[1]) : failures.length, total: null, unit: 'type errors' },
  };
}

export const TSC: RunnerParsing = {
  runner: 'tsc',
  parse: parseTsc,
};
