import path from 'node:path';
import { msg } from '../../messages/index.ts';
import { installCodexHooks } from '../../usecases/setup/install-codex.ts';
import { installSettings } from '../../usecases/setup/install-settings.ts';
import { bool } from '../args.ts';
import type { Command } from '../command.ts';
import { green } from '../output.ts';

export const initCommand: Command = {
  name: 'init',
  summary:
    'create the .claude/ tree (sessions, memory, workflows, agents); --settings (Claude Code) or --codex (Codex) ' +
    'also registers the hooks',
  usage: 'csm init [--settings] [--codex]',
  flags: {
    settings: { type: 'boolean', help: "merge csm's hooks into .claude/settings.json (for a devDependency install)" },
    codex: {
      type: 'boolean',
      help: "merge csm's hooks into .codex/hooks.json (Codex CLI; for a devDependency install)",
    },
  },
  details: 'Existing files are never replaced: a file you edited is reported as kept.',
  async run(ctx, args) {
    const report = await ctx.store.init();
    const settings = bool(args, 'settings') ? await installSettings(ctx) : null;
    const codex = bool(args, 'codex') ? await installCodexHooks(ctx) : null;
    if (ctx.out.json) {
      const codexData = codex && { file: codex.file, added: codex.added };
      ctx.out.data({
        root: ctx.root,
        ...report,
        settings: settings && { file: settings.file, added: settings.added },
        codex: codexData,
      });
      return 0;
    }
    ctx.out.print(`${green(ctx.out, '✓')} csm store ready in ${path.relative(ctx.cwd, ctx.paths.claude) || '.claude'}`);
    ctx.out.print(
      `  created ${report.created.length}, unchanged ${report.unchanged.length}, kept ${report.kept.length}`,
    );
    for (const k of report.kept) ctx.out.print(`  kept (edited by you): ${k}`);
    if (settings) {
      const rel = path.relative(ctx.root, settings.file);
      ctx.out.print(settings.added ? `  hooks: added ${settings.added} to ${rel}` : `  hooks: already in ${rel}`);
      if (!settings.installed) {
        ctx.out.print(
          `  note: the hooks run node_modules/claude-session-manager; install it with: ${settings.installLine}`,
        );
      }
    }
    if (codex) {
      const rel = path.relative(ctx.root, codex.file);
      ctx.out.print(codex.added ? msg.setup.codexHooksAdded(codex.added, rel) : msg.setup.codexHooksPresent(rel));
      if (!codex.installed) ctx.out.print(msg.setup.codexHooksNeedPackage(codex.installLine));
      ctx.out.print(msg.setup.codexHooksTrust);
    }
    ctx.out.print('Next: csm start "<objective>"');
    return 0;
  },
};
