import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDemo } from '../../app/demo.ts';
import { str } from '../args.ts';
import type { Command } from '../command.ts';
import { main } from '../main.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run a whole session in a fresh temporary git repo (offline): plan, edits through the hooks, Stop gate, reports',
  usage: 'csm demo [--dir <empty dir>]',
  flags: { dir: { type: 'string', value: 'dir', help: 'use this (new or empty) directory instead of a temp dir' } },
  async run(ctx, args) {
    const dirArg = str(args, 'dir');
    const dir = dirArg ? path.resolve(ctx.cwd, dirArg) : null;
    if (dir && fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      ctx.out.error(`csm: ${dir} is not empty; csm demo needs a new or empty directory`);
      return 2;
    }
    const root = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'csm-demo-'));
    const io = {
      say: (text: string) => ctx.out.print(text),
      csm: async (a: string[], input?: string) => {
        let argv = a;
        if (input !== undefined) {
          const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csm-demo-plan-')), 'plan.json');
          fs.writeFileSync(file, input);
          argv = a.map((x) => (x === '-' ? file : x));
        }
        const code = await main([...argv, '--cwd', root]);
        if (code !== 0) ctx.out.print(`  (csm ${a[0]} exited ${code})`);
        return code;
      },
    };
    const where = await runDemo(io, root);
    ctx.out.print(`\nDone. Explore it: cd ${where} && csm status --session 001`);
    return 0;
  },
};
