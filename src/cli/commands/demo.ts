import fs from 'node:fs';
import path from 'node:path';
import { demo } from '../../usecases/tools/demo.ts';
import { str } from '../args.ts';
import type { Command } from '../command.ts';
import { quietly } from '../output.ts';
import { shellWord } from '../../domain/runners/text-tools.ts';

const real = (p: string): string => {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * How to run this csm again, as a shell would take it: `csm` when that name on the PATH is this
 * very csm, else `node <this bundle>` (`npm run demo` and `npx csm` do not put csm on the PATH).
 */
function selfCommand(): string {
  const self = real(path.resolve(process.argv[1] ?? ''));
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((d) => path.join(d, 'csm'));
  return onPath.some((c) => fs.existsSync(c) && real(c) === self) ? 'csm' : `node ${shellWord(self)}`;
}

export const demoCommand: Command = {
  name: 'demo',
  summary:
    'run a whole session in a fresh temporary git repo (offline): plan, edits through the hooks, Stop gate, reports',
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
    else ctx.out.print(`\nDone. Explore it: cd ${shellWord(r.dir)} && ${selfCommand()} status --session 001`);
    return r.failures.length ? 1 : 0;
  },
};
