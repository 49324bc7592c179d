import path from 'node:path';
import { type HistoryProblem, parseHistory, type Trend, trendOf } from '../../domain/reports/metrics-trend.ts';
import type { Project } from '../session/open-store.ts';

/** `csm metrics`: the trend of the newest `last` completed sessions, and the history lines that could not be read. */
export function metricsTrend(
  p: Project,
  last: number | undefined,
): { file: string; trend: Trend; problems: HistoryProblem[] } {
  const { records, problems } = parseHistory(p.store.files.history.read() ?? '');
  return {
    file: path.relative(p.root, p.store.files.history.file),
    trend: trendOf(records, last === undefined ? undefined : Math.floor(last)),
    problems,
  };
}
