import path from 'node:path';
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import { type HistoryProblem, parseHistory, type Trend, trendOf } from '../../domain/reports/metrics-trend.ts';
import type { Project } from '../session/open-store.ts';

/** `csm metrics`: the trend of the newest `last` completed sessions, and the history lines that could not be read. */
export function metricsTrend(
  p: Project,
  last: number | undefined,
): { file: string; trend: Trend; problems: HistoryProblem[] } {
  const { records, problems } = parseHistory(readTextIfExists(p.paths.metricsHistory) ?? '');
  return {
    file: path.relative(p.root, p.paths.metricsHistory),
    trend: trendOf(records, last === undefined ? undefined : Math.floor(last)),
    problems,
  };
}
