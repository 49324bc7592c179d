import path from 'node:path';
import { msg } from '../../messages/index.ts';
import { addMemory, newestMemory } from '../../usecases/session/memory.ts';
import { usageError } from '../../errors.ts';
import { MEMORY_KINDS, type MemoryKind } from '../../templates/memory.ts';
import { num } from '../args.ts';
import type { Command } from '../command.ts';

const entryLine = (e: { heading: string; text: string }): string => `- ${e.heading}: ${e.text.split('\n')[0]}`;

export const memoryCommand: Command = {
  name: 'memory',
  summary: 'add a dated entry to project memory (architecture, patterns, decisions, errors) or show the newest',
  usage: 'csm memory add <architecture|patterns|decisions|errors> "<text>"  |  csm memory show [kind] [--last N]',
  flags: { last: { type: 'number', value: 'n', help: 'show: how many entries (default 5)' } },
  async run(ctx, args) {
    const [sub, kind, ...words] = args.positionals;
    const kinds = kind ? [kind] : [...MEMORY_KINDS];
    for (const k of kinds)
      if (!(MEMORY_KINDS as readonly string[]).includes(k))
        throw usageError(...msg.usage.notAMemoryKind(k, MEMORY_KINDS));
    if (sub === 'show') {
      const n = num(args, 'last') ?? 5;
      const out = Object.fromEntries(kinds.map((k) => [k, newestMemory(ctx.store, k, n)]));
      if (ctx.out.json) ctx.out.data(out);
      else
        for (const [k, entries] of Object.entries(out))
          ctx.out.print(`## ${k}\n${entries.length ? entries.map(entryLine).join('\n') : '- (none)'}\n`);
      return 0;
    }
    if (sub !== 'add') throw usageError(...msg.usage.memoryNeedsSub);
    if (!kind) throw usageError(...msg.usage.memoryNeedsKind(MEMORY_KINDS));
    const text = words.join(' ').trim();
    if (!text) throw usageError(...msg.usage.memoryTextEmpty(kind));
    const { file, text: clean, session } = await addMemory(ctx, kind as MemoryKind, text);
    if (ctx.out.json) ctx.out.data({ file: path.relative(ctx.root, file), kind, text: clean, session });
    else ctx.out.print(`✓ added to ${path.relative(ctx.root, file)}`);
    return 0;
  },
};
