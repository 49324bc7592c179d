import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDemo } from '../../app/demo.ts';
import { str } from '../args.ts';
import type { Command } from '../command.ts';
import { main } from '../main.ts';
import { quietly } from '../output.ts';

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
    const json = ctx.out.json;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-demo-plan-'));
    const failures: string[] = [];
    const io = {
      say: (text: string) => {
        if (!json) ctx.out.print(text);
      },
      csm: async (a: string[], input?: string) => {
        let argv = a;
        if (input !== undefined) {
          const file = path.join(scratch, 'plan.json');
          fs.writeFileSync(file, input);
          argv = a.map((x) => (x === '-' ? file : x));
        }
        const code = await quietly(json, () => main([...argv, '--cwd', root]));
        if (code !== 0) {
          failures.push(`csm ${a[0]} exited ${code}`);
          io.say(`  (csm ${a[0]} exited ${code})`);
        }
        return code;
      },
    };
    try {
      const where = await runDemo(io, root);
      if (json) {
        ctx.out.data({ dir: where, sessionFiles: fs.readdirSync(path.join(where, '.claude', 'sessions')).sort(), failures });
      } else ctx.out.print(`\nDone. Explore it: cd ${where} && csm status --session 001`);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    return failures.length ? 1 : 0;
  },
};
