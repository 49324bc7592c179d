import recordJsonSchema from '../../../schema/performance-record.schema.json' with { type: 'json' };
import { checkJson, type JsonSchema } from '../../contracts/schema-check.ts';
import { formatProblems } from '../../contracts/validate.ts';
import type { PerformanceRecord } from './report-data.ts';

/** The trend across sessions for `csm metrics`, from .claude/metrics-history.jsonl. */

export interface HistoryProblem {
  line: number;
  problem: string;
}

/**
 * Reads the history: one record a line. A line that is not JSON or not a record is reported
 * with its number and skipped, never fatal. A session recorded twice (completed again after a
 * `csm switch`) keeps its newest line.
 */
export function parseHistory(text: string): { records: PerformanceRecord[]; problems: HistoryProblem[] } {
  const bySession = new Map<string, PerformanceRecord>();
  const problems: HistoryProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, problem: 'is not valid JSON' });
      return;
    }
    const parsed = checkJson<PerformanceRecord>(recordJsonSchema as JsonSchema, value);
    if (!parsed.ok) {
      problems.push({ line: i + 1, problem: `is not a performance record: ${formatProblems(parsed.problems)}` });
      return;
    }
    bySession.delete(parsed.value.session);
    bySession.set(parsed.value.session, parsed.value);
  });
  return { records: [...bySession.values()], problems };
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * One bar per value. With a fixed range (scores: 0–100) the bar height is absolute; without one,
 * the values' own min–max (all equal → the middle bar).
 */
export function sparkline(values: readonly number[], range?: { min: number; max: number }): string {
  if (values.length === 0) return '';
  const lo = range?.min ?? Math.min(...values);
  const hi = range?.max ?? Math.max(...values);
  return values
    .map((v) => {
      if (hi === lo) return BARS[3];
      const f = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
      return BARS[Math.min(BARS.length - 1, Math.floor(f * BARS.length))];
    })
    .join('');
}

export interface Trend {
  records: PerformanceRecord[];
  scoreSparkline: string;
  average: number | null;
  /** Newest score minus the one before; null with fewer than two sessions. */
  change: number | null;
}

export function trendOf(records: readonly PerformanceRecord[], last?: number): Trend {
  const shown = last !== undefined && last > 0 ? records.slice(-last) : [...records];
  const scores = shown.map((r) => r.score);
  const avg = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
  const change =
    scores.length >= 2 ? (scores[scores.length - 1] as number) - (scores[scores.length - 2] as number) : null;
  return { records: shown, scoreSparkline: sparkline(scores, { min: 0, max: 100 }), average: avg, change };
}

const pad = (s: string, w: number, right = false): string => (right ? s.padStart(w) : s.padEnd(w));

/** A plain-text table (one row per session) and the score sparkline. */
export function renderTrend(t: Trend): string {
  if (t.records.length === 0)
    return 'No completed session yet: `csm complete` adds one line to .claude/metrics-history.jsonl.';
  const header = ['session', 'date', 'tasks', 'tests', 'bugs fixed/introduced', 'lines +/−', 'time/est', 'score'];
  const rows = t.records.map((r) => {
    const m = r.metrics;
    return [
      r.session,
      r.completedAt ? r.completedAt.slice(0, 10) : '—',
      `${m.tasksCompleted}/${m.tasksPlanned}`,
      `${m.testsPassed}/${m.testsWritten}`,
      `${m.bugsFixed}/${m.bugsIntroduced}`,
      `+${m.linesAdded}/−${m.linesRemoved}`,
      `${m.timeSpent}/${m.timeEstimated}`,
      String(r.score),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i] as number, i >= 2))
      .join('  ')
      .trimEnd();
  const change = t.change === null ? '' : `, last change ${t.change > 0 ? '+' : ''}${t.change}`;
  return [
    line(header),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    `score  ${t.scoreSparkline}  (0–100; average ${t.average}${change})`,
    'tasks = completed/planned · tests = passed/written · bugs = fixed/introduced · time = active/estimated minutes',
  ].join('\n');
}
