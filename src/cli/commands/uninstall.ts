import fs from 'node:fs';
import path from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../../adapters/store/atomic-file.ts';
import { assertWritable } from '../../adapters/store/paths.ts';
import { defaultFiles } from '../../app/init-store.ts';
import { removeCsmHooks } from '../../domain/settings-merge.ts';
import type { Command } from '../command.ts';
import { readSettings } from './init.ts';

export const uninstallCommand: Command = {
  name: 'uninstall',
  summary: "remove what csm added: its hooks in .claude/settings*.json, untouched default files, machine-local state",
  usage: 'csm uninstall',
  flags: {},
  details: 'Sessions, memory you wrote and any file you edited are kept (and listed). Other hooks are left alone.',
  async run(ctx) {
    const result = await ctx.store.locked(() => {
      let removedHooks = 0;
      for (const name of ['settings.json', 'settings.local.json']) {
        const file = path.join(ctx.paths.claude, name);
        if (readTextIfExists(file) === null) continue;
        const { settings, removed } = removeCsmHooks(readSettings(file));
        if (removed) {
          assertWritable(ctx.paths, file);
          // a settings file that held nothing but csm's hooks was csm's own: remove it
          if (Object.keys(settings).length === 0) fs.rmSync(file);
          else writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
          removedHooks += removed;
        }
      }
      const removedFiles: string[] = [];
      const kept: string[] = [];
      for (const { file, content } of defaultFiles(ctx.paths)) {
        const text = readTextIfExists(file);
        if (text === null) continue;
        if (text === content) {
          fs.rmSync(file);
          removedFiles.push(path.relative(ctx.root, file));
        } else kept.push(path.relative(ctx.root, file));
      }
      for (const dir of [ctx.paths.agents, ctx.paths.workflows, ctx.paths.memory]) {
        try {
          if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
        } catch {
          // not there, or not empty: left as it is
        }
      }
      return { removedHooks, removedFiles, kept };
    });
    fs.rmSync(ctx.paths.local, { recursive: true, force: true });
    for (const dir of [ctx.paths.sessions, ctx.paths.claude]) {
      try {
        if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
      } catch {
        // not there, or not empty: kept
      }
    }
    const sessions = ctx.store.listSessionIds();
    if (ctx.out.json) ctx.out.data({ ...result, sessionsKept: sessions });
    else {
      ctx.out.print(`Removed ${result.removedHooks} csm hook(s) and ${result.removedFiles.length} default file(s); machine-local state cleared.`);
      for (const k of result.kept) ctx.out.print(`  kept (edited): ${k}`);
      if (sessions.length) ctx.out.print(`  kept ${sessions.length} session(s) in .claude/sessions/ (your project history)`);
      ctx.out.print('If csm is installed as a plugin, also run: claude plugin uninstall csm');
    }
    return 0;
  },
};
