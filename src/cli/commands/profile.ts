import { contextSizes, profile } from '../../usecases/tools/profile-hooks.ts';
import { num } from '../args.ts';
import type { Command } from '../command.ts';
import { quietly } from '../output.ts';

export const profileCommand: Command = {
  name: 'profile',
  summary: 'time each hook on a sample payload against `node -e 0` on this machine',
  usage: 'csm profile [--runs N] [--json]',
  flags: { runs: { type: 'number', value: 'n', help: 'runs per hook (default 9)' } },
  details:
    'Runs in a scratch git repo with an active session, so the hooks do their real work; your project is not ' +
    'touched.\nWith a session active here, also prints the size of the context SessionStart gives Claude on ' +
    'startup, resume and compact (read only).',
  async run(ctx, args) {
    const runs = Math.max(3, Math.min(101, Math.round(num(args, 'runs') ?? 9)));
    const rows = await profile(runs, (argv) => quietly(true, () => ctx.csm(argv)));
    const context = await contextSizes(ctx);
    if (ctx.out.json) ctx.out.data({ runs, rows, context });
    else {
      ctx.out.print(`hook latency on this machine (median of ${runs} runs; node ${process.version})`);
      ctx.out.print(`${'hook'.padEnd(16)}${'median ms'.padStart(10)}${'node -e 0'.padStart(11)}${'ratio'.padStart(8)}`);
      for (const r of rows)
        ctx.out.print(
          r.hook.padEnd(16) +
            r.medianMs.toFixed(1).padStart(10) +
            r.baselineMs.toFixed(1).padStart(11) +
            `${r.ratio.toFixed(2)}×`.padStart(8),
        );
      if (context) {
        ctx.out.print(
          `\nSessionStart context of session ${context.session} here (budgets: context.startupChars ` +
            `${ctx.config.context.startupChars}, context.resumeChars ${ctx.config.context.resumeChars}):`,
        );
        for (const c of context.sizes)
          ctx.out.print(`  ${c.source.padEnd(8)} ${String(c.chars).padStart(6)} characters  ~${c.tokens} tokens`);
      }
    }
    return 0;
  },
};
