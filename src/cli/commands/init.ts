import fs from 'node:fs';
import path from 'node:path';
import template from '../../../settings.template.json' with { type: 'json' };
import { readTextIfExists, writeFileAtomic } from '../../adapters/store/atomic-file.ts';
import { assertWritable } from '../../adapters/store/paths.ts';
import { initStore } from '../../app/init-store.ts';
import { type HooksBlock, mergeHooks } from '../../domain/settings-merge.ts';
import { CsmError } from '../../errors.ts';
import { bool } from '../args.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { green } from '../output.ts';

export function readSettings(file: string): Record<string, unknown> {
  const text = readTextIfExists(file);
  if (text === null || text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new CsmError('INVALID_FILE', `${file} is not valid JSON (${(e as Error).message}); csm will not touch it`, {
      fix: 'repair the JSON by hand (claude --debug shows settings errors too), then run the command again',
    });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CsmError('INVALID_FILE', `${file} must hold a JSON object`);
  const hooks = (v as Record<string, unknown>).hooks;
  if (hooks !== undefined && (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks))) {
    throw new CsmError('INVALID_FILE', `${file}: "hooks" must be an object of events`, { fix: 'repair the hooks field by hand' });
  }
  return v as Record<string, unknown>;
}

export async function installSettings(ctx: CliContext): Promise<{ file: string; added: number }> {
  const file = path.join(ctx.paths.claude, 'settings.json');
  return ctx.store.locked(() => {
    assertWritable(ctx.paths, file);
    const current = readSettings(file);
    const { settings, added } = mergeHooks(current, (template as { hooks: HooksBlock }).hooks);
    if (added > 0) writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
    return { file, added };
  });
}

export const initCommand: Command = {
  name: 'init',
  summary: 'create the .claude/ tree (sessions, memory, workflows, agents); --settings also registers the hooks',
  usage: 'csm init [--settings]',
  flags: { settings: { type: 'boolean', help: "merge csm's hooks into .claude/settings.json (for a devDependency install)" } },
  details: 'Existing files are never replaced: a file you edited is reported as kept.',
  async run(ctx, args) {
    const report = await ctx.store.locked(() => initStore(ctx.paths));
    const settings = bool(args, 'settings') ? await installSettings(ctx) : null;
    if (ctx.out.json) {
      ctx.out.data({ root: ctx.root, ...report, settings });
      return 0;
    }
    ctx.out.print(`${green(ctx.out, '✓')} csm store ready in ${path.relative(ctx.cwd, ctx.paths.claude) || '.claude'}`);
    ctx.out.print(`  created ${report.created.length}, unchanged ${report.unchanged.length}, kept ${report.kept.length}`);
    for (const k of report.kept) ctx.out.print(`  kept (edited by you): ${k}`);
    if (settings) {
      ctx.out.print(
        settings.added
          ? `  hooks: added ${settings.added} to ${path.relative(ctx.root, settings.file)}`
          : `  hooks: already in ${path.relative(ctx.root, settings.file)}`,
      );
      if (!fs.existsSync(path.join(ctx.root, 'node_modules', 'claude-session-manager'))) {
        ctx.out.print('  note: the hooks run node_modules/claude-session-manager; install it with: npm i -D claude-session-manager');
      }
    }
    ctx.out.print('Next: csm start "<objective>"');
    return 0;
  },
};
