import { msg } from '../../messages/index.ts';
import { uninstall } from '../../usecases/setup/uninstall.ts';
import type { Command } from '../command.ts';

export const uninstallCommand: Command = {
  name: 'uninstall',
  summary:
    'remove what csm added: its hooks in .claude/settings*.json and .codex/hooks.json, untouched default files, ' +
    'machine-local state',
  usage: 'csm uninstall',
  flags: {},
  details: 'Sessions, memory you wrote and any file you edited are kept (and listed). Other hooks are left alone.',
  async run(ctx) {
    const r = await uninstall(ctx);
    if (ctx.out.json) ctx.out.data(r);
    else {
      ctx.out.print(
        `Removed ${r.removedHooks} csm hook(s) and ${r.removedFiles.length} default file(s); machine-local ` +
          `state cleared.`,
      );
      for (const k of r.kept) ctx.out.print(`  kept (edited): ${k}`);
      if (r.sessionsKept.length)
        ctx.out.print(`  kept ${r.sessionsKept.length} session(s) in .claude/sessions/ (your project history)`);
      ctx.out.print('If csm is installed as a plugin, also run: claude plugin uninstall csm');
      ctx.out.print(msg.setup.codexPluginRemove);
    }
    return 0;
  },
};
