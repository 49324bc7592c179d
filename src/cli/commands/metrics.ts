import path from 'node:path';
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import { parseHistory, renderTrend, trendOf } from '../../domain/reports/metrics-trend.ts';
import { num } from '../args.ts';
import type { Command } from '../command.ts';

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'the trend across completed sessions: a table and a sparkline of the score',
  usage: 'csm metrics [--last <N>] [--json]',
  flags: { last: { type: 'number', value: 'N', help: 'only the newest N sessions' } },
  details: 'Reads .claude/metrics-history.jsonl (one performance record per completed session). A line that cannot be read is reported and skipped.',
  async run(ctx, args) {
    const file = ctx.paths.metricsHistory;
    const rel = path.relative(ctx.root, file);
    const { records, problems } = parseHistory(readTextIfExists(file) ?? '');
    const last = num(args, 'last');
    const trend = trendOf(records, last === undefined ? undefined : Math.floor(last));
    for (const p of problems) ctx.out.error(`csm: warning: ${rel} line ${p.line} ${p.problem} (skipped)`);
    if (ctx.out.json) {
      ctx.out.data({ file: rel, records: trend.records, sparkline: trend.scoreSparkline, average: trend.average, change: trend.change, problems });
      return 0;
    }
    ctx.out.print(renderTrend(trend));
    return 0;
  },
};
