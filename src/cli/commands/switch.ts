import { usageError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { switchSession } from '../../usecases/session/switch-session.ts';
import type { Command } from '../command.ts';

export const switchCommand: Command = {
  name: 'switch',
  summary: 'make another session the active one on this machine (or --none to clear)',
  usage: 'csm switch <NNN> | --none',
  flags: { none: { type: 'boolean', help: 'leave no session active' } },
  async run(ctx, args) {
    let id: string | null = null;
    if (args.flags.none !== true) {
      id = args.positionals[0] ?? null;
      if (!id || !/^[0-9]{1,9}$/.test(id)) throw usageError(...msg.usage.switchNeedsSession);
    }
    const active = await switchSession(ctx.store, id);
    if (ctx.out.json) ctx.out.data({ active });
    else ctx.out.print(active === null ? 'No session is active now.' : `Session ${active} is active.`);
    return 0;
  },
};
