import { serveMod } from '../../usecases/mod/serve-mod.ts';
import { usageError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import type { Command } from '../command.ts';
import { captured } from '../output.ts';

const clock = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });

export const modCommand: Command = {
  name: 'mod',
  summary: "serve csm's mod inside Claude Code (started by the mod itself, once per session)",
  usage: 'csm mod serve',
  flags: {},
  details:
    "Claude Code 2.1.287 and later load csm's mod (dist/mod/register.js): a pane beside the transcript, /csm " +
    'commands that answer without a model turn, and edits recorded without a process per edit. The mod starts ' +
    '`csm mod serve` once per session and talks to it over a private unix socket; it stops when the session ends.',
  async run(ctx, args) {
    if (args.positionals[0] !== 'serve')
      throw usageError(...msg.usage.modSubcommand(String(args.positionals[0] ?? '')));
    const runCli = async (argv: readonly string[]): Promise<{ code: number; text: string }> => {
      const r = await captured(() => ctx.csm(argv));
      return { code: r.value, text: r.text };
    };
    const disabled = process.env.CSM_DISABLE === '1' || process.env.CSM_DISABLE === 'true';
    await serveMod({ runCli, clock, pid: process.pid, disabled }, (line) => ctx.out.print(line));
    return 0;
  },
};
