import path from 'node:path';
import { demo } from '../../usecases/tools/demo.ts';
import { str } from '../args.ts';
import type { Command } from '../command.ts';
import { quietly } from '../output.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run a whole session in a fresh temporary git repo (offline): plan, edits through the hooks, Stop gate, reports',
  usage: 'csm demo [--dir <empty dir>]',
  flags: { dir: { type: 'string', value: 'dir', help: 'use this (new or empty) directory instead of a temp dir' } },
  async run(ctx, args) {
    const dirArg = str(args, 'dir');
    const json = ctx.out.json;
    const r = await demo({
      dir: dirArg ? path.resolve(ctx.cwd, dirArg) : null,
      say: (text) => {
        if (!json) ctx.out.print(text);
      },
      csm: (argv) => quietly(json, () => ctx.csm(argv)),
    });
    if (json) ctx.out.data(r);
    else ctx.out.print(`\nDone. Explore it: cd ${r.dir} && csm status --session 001`);
    return r.failures.length ? 1 : 0;
  },
};
