import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { relativeTo } from './text-tools.ts';

const POINT = /^\s*(not ok|ok)\b\s*\d*\s*-?\s*(.*?)\s*(#\s*(TODO|SKIP)\b.*)?$/i;

/**
 * TAP from runners other than node's own (ava --tap, tap, tape): `not ok N - name` with its YAML
 * block (`message`, `at`, the diff ava and others put in `details`). A `# TODO` or `# SKIP` point
 * is not a failure. (node --test's TAP is node-test.ts's: it nests subtests and says durations.)
 */
export function parseTap(text: string, root?: string): ParsedRun | null {
  const lines = text.split('\n');
  if (!lines.some((l) => /^TAP version \d+$/.test(l)) || lines.some((l) => /^\s*# Subtest: |^\s*duration_ms: /.test(l)))
    return null;
  const failures: Failure[] = [];
  let points = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = POINT.exec(lines[i] ?? '');
    if (!m || m[4]) continue;
    points++;
    if (m[1]?.toLowerCase() !== 'not ok') continue;
    const yaml: string[] = [];
    if (/^\s*---\s*$/.test(lines[i + 1] ?? ''))
      for (let j = i + 2; j < lines.length && !/^\s*\.\.\.\s*$/.test(lines[j] ?? ''); j++) yaml.push(lines[j] ?? '');
    const message =
      yaml.map((l) => /^\s*message:\s*(.+)$/.exec(l)?.[1]).find((x) => x !== undefined && x !== "''") ??
      yaml.map((l) => /^\s*name:\s*(.+)$/.exec(l)?.[1]).find((x) => x !== undefined) ??
      '';
    const at = yaml
      .join(' ')
      .match(/(?:file:\/\/)?([^\s'()]+\.[cm]?[jt]sx?):(\d+):(\d+)/g)
      ?.find((x) => !x.includes('node_modules/'));
    const loc = at ? /(?:file:\/\/)?(\S+?):(\d+):(\d+)$/.exec(at) : null;
    const detail = yaml
      .filter((l) => /^\s*[-+] /.test(l))
      .slice(0, 4)
      .map((l) => l.trim());
    failures.push({
      id: m[2] ?? '',
      location: loc ? `${relativeTo(root, loc[1] ?? '')}:${loc[2]}:${loc[3]}` : null,
      message: message.replace(/^(['"])(.*)\1$/, '$2'),
      ...(detail.length ? { detail } : {}),
    });
  }
  if (failures.length === 0) return null;
  return { runner: 'tap', failures, totals: { failed: failures.length, total: points, unit: 'tests' } };
}

export const TAP: RunnerParsing = {
  runner: 'tap',
  parse: parseTap,
};
