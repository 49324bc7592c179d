import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { escapeRegExp, lastPart, quote } from './rerun-tools.ts';
import { blocks, diffLines, firstText, isLibraryFrame } from './text-tools.ts';

/** An assertion's values from node's error dump (`actual: 3,` / `expected: 2,`) or its `3 !== 2` line. */
function values(body: readonly string[]): string[] {
  const dump = body
    .map((l) => l.trim())
    .filter((l) => /^(actual|expected): /.test(l))
    .map((l) => l.replace(/,$/, ''));
  if (dump.length) return dump;
  const neq = body.map((l) => l.trim()).find((l) => / !== | != /.test(l));
  return neq ? [neq] : diffLines(body, /\+ actual - expected/);
}

const location = (body: readonly string[]): string | null =>
  body
    .map((l) => /^\s+at .*?\(?((?:\/|\w)[^\s()]*:\d+:\d+)\)?$/.exec(l))
    .find((m) => m !== null && !isLibraryFrame(m[0]))?.[1] ?? null;

/**
 * The `✖ failing tests:` repeats (one per run: npm workspaces and composite scripts run several), each up to the next
 * run's output.
 */
function repeats(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^✖ failing tests:/.test(lines[i] ?? '')) continue;
    const region: string[] = [];
    for (i++; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l !== '' && !/^\s/.test(l) && !/^(✖ |test at )/.test(l)) break;
      region.push(l);
    }
    i--;
    out.push(region);
  }
  return out;
}

/** One spec repeat's failures, each at the place its `test at file:line:col` line names. */
function specFailures(region: readonly string[]): Failure[] {
  const failures: Failure[] = blocks(region, (l) => /^\s*✖ /.test(l)).map((b) => {
    const name = (/^\s*✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(b[0] ?? '')?.[1] ?? '').trim();
    const body = b.slice(1).filter((l) => !/^test at /.test(l));
    const detail = values(body);
    return { id: name, location: location(body), message: firstText(body), ...(detail.length ? { detail } : {}) };
  });
  let i = 0;
  for (const l of region) {
    const m = /^test at (\S+:\d+:\d+)$/.exec(l);
    if (m && failures[i]) (failures[i] as Failure).location = m[1] ?? null;
    if (/^\s*✖ /.test(l)) i++;
  }
  return failures;
}

/** A total summed over every run in the output (`ℹ tests 9` in spec, `# tests 9` in TAP). */
const sumOf = (lines: readonly string[], prefix: string, key: string): number =>
  lines.reduce((n, l) => n + Number(new RegExp(`^${prefix} ${key} (\\d+)$`).exec(l)?.[1] ?? 0), 0);

/**
 * node --test, spec reporter: the repeat under `✖ failing tests:` (each with `test at file:line:col`), totals `ℹ tests
 * 9` / `ℹ fail 5`.
 */
function parseSpec(lines: string[]): ParsedRun {
  const regions = repeats(lines);
  const failures = (regions.length ? regions : [lines]).flatMap(specFailures);
  // a suite that failed because a test inside it failed is not a failure of its own
  const own = failures.filter((f) => f.message !== '' || f.detail);
  return {
    runner: 'node:test',
    failures: own,
    totals: { failed: sumOf(lines, 'ℹ', 'fail'), total: sumOf(lines, 'ℹ', 'tests'), unit: 'tests' },
  };
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
    const errText =
      err >= 0
        ? /^\s*error: (?:\|-)?\s*(.*)$/.exec(yaml[err] ?? '')?.[1] || firstText(yaml.slice(err + 1, err + 3))
        : '';
    const detail = yaml
      .filter((l, k) => /^\s*(expected|actual): \S/.test(l) && k > err)
      .map((l) => l.trim().replace(/^(expected|actual): ~$/, '$1: undefined or null'));
    failures.push({
      id: (m[1] ?? '').trim(),
      location: loc,
      message: errText.replace(/^(['"])(.*)\1$/, '$2'),
      ...(detail.length ? { detail } : {}),
    });
  }
  return {
    runner: 'node:test',
    failures,
    totals: { failed: sumOf(lines, '#', 'fail'), total: sumOf(lines, '#', 'tests'), unit: 'tests' },
  };
}

export function parseNodeTest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  if (lines.some((l) => /^ℹ tests \d+$/.test(l))) return parseSpec(lines);
  // node's own TAP nests subtests and gives durations; other runners' TAP is tap.ts's
  const nodes = lines.some((l) => /^\s*# Subtest: |^\s*duration_ms: /.test(l));
  if (nodes && lines.some((l) => /^TAP version \d+$/.test(l)) && lines.some((l) => /^# tests \d+$/.test(l)))
    return parseTap(lines);
  return null;
}

export const NODE_TEST: RunnerParsing = {
  runner: 'node:test',
  parse: parseNodeTest,
  rerun: (r) => {
    // each failing test's name, as a pattern of its own (node runs a test any of them matches)
    const names = [...new Set(r.failures.slice(0, 10).map((f) => escapeRegExp(lastPart(f.id))))];
    return names.length ? `node --test ${names.map((n) => `--test-name-pattern=${quote(`^${n}$`)}`).join(' ')}` : null;
  },
};
