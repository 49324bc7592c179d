import { CsmError, usageError } from '../../errors.ts';
import type { Command } from '../command.ts';

export const switchCommand: Command = {
  name: 'switch',
  summary: 'make another session the active one on this machine (or --none to clear)',
  usage: 'csm switch <NNN> | --none',
  flags: { none: { type: 'boolean', help: 'leave no session active' } },
  async run(ctx, args) {
    if (args.flags.none === true) {
      await ctx.store.setActive(null);
      if (ctx.out.json) ctx.out.data({ active: null });
      else ctx.out.print('No session is active now.');
      return 0;
    }
    const [id] = args.positionals;
    if (!id || !/^[0-9]{1,9}$/.test(id)) throw usageError('name the session number', 'csm switch 007');
    const ids = ctx.store.listSessionIds();
    const found = ids.find((x) => Number(x) === Number(id));
    if (!found) throw new CsmError('NOT_FOUND', `no session ${id}`, { fix: ids.length ? `sessions: ${ids.join(', ')}` : 'start one with csm start "<objective>"' });
    const { state } = ctx.store.load(found);
    if (state.status === 'completed') throw new CsmError('CONFLICT', `session ${found} is completed`, { fix: 'start a new one with csm start "<objective>"' });
    await ctx.store.setActive(found);
    if (ctx.out.json) ctx.out.data({ active: found });
    else ctx.out.print(`Session ${found} is active.`);
    return 0;
  },
};
