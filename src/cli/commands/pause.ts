import { timeAgo } from '../../domain/text/time-ago.ts';
import { pause, resume } from '../../usecases/session/pause.ts';
import { str } from '../args.ts';
import type { Command } from '../command.ts';

export const pauseCommand: Command = {
  name: 'pause',
  summary: 'turn the hooks off in this repository (no context, no recording, no Stop checks) until csm resume',
  usage: 'csm pause [--reason <text>]',
  flags: { reason: { type: 'string', value: 'text', help: 'why, shown by csm status and at Claude Code start' } },
  details: 'Machine-local (.claude/.csm/): other clones are not paused. The session and its files stay as they are.',
  async run(ctx, args) {
    const r = await pause(ctx, str(args, 'reason') ?? null);
    if (ctx.out.json) ctx.out.data({ paused: r.paused, already: r.already });
    else if (r.already)
      ctx.out.print(`csm was already paused here (since ${timeAgo(r.paused.since, ctx.now().getTime())}).`);
    else ctx.out.print('csm is paused here: the hooks do nothing until csm resume.');
    return 0;
  },
};

export const resumeCommand: Command = {
  name: 'resume',
  summary: 'turn the hooks back on after csm pause',
  usage: 'csm resume',
  flags: {},
  async run(ctx) {
    const was = await resume(ctx);
    if (ctx.out.json) ctx.out.data({ resumed: was !== null, was });
    else
      ctx.out.print(
        was ? 'csm works again here: context, recording and Stop checks are on.' : 'csm was not paused here.',
      );
    return 0;
  },
};
