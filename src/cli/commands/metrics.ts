import { renderTrend } from '../../domain/reports/metrics-trend.ts';
import { msg } from '../../messages/index.ts';
import { metricsTrend } from '../../usecases/reports/metrics.ts';
import { num } from '../args.ts';
import type { Command } from '../command.ts';

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'the trend across completed sessions: a table and a sparkline of the score',
  usage: 'csm metrics [--last <N>] [--json]',
  flags: { last: { type: 'number', value: 'N', help: 'only the newest N sessions' } },
  details:
    'Reads .claude/metrics-history.jsonl (one performance record per completed session). A line that cannot ' +
    'be read is reported and skipped.',
  async run(ctx, args) {
    const { file, trend, problems } = metricsTrend(ctx, num(args, 'last'));
    for (const p of problems) ctx.out.error(msg.historyLineSkipped(file, p.line, p.problem));
    if (ctx.out.json) {
      ctx.out.data({
        file,
        records: trend.records,
        sparkline: trend.scoreSparkline,
        average: trend.average,
        change: trend.change,
        problems,
      });
      return 0;
    }
    ctx.out.print(renderTrend(trend));
    return 0;
  },
};
