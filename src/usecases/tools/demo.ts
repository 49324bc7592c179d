import path from 'node:path';
import {
  ensureDir,
  isNewOrEmptyDir,
  listDir,
  makeTempDir,
  removeDir,
  writeProjectFile as write,
} from '../../adapters/tools/scratch.ts';
import { usageError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import type { DemoIo } from './demo-io.ts';
import { type ClaudeCode, claudeCode, quoted, stopVerdict } from './demo-claude.ts';
import { makeProject, MATH_BUGGY, MATH_FIXED, MATH_TEST, PLAN, README_DOC } from './demo-project.ts';

export type { DemoIo } from './demo-io.ts';

/*
 * `csm demo`: a whole session in a fresh temporary git repo, offline. The CLI runs as the user
 * would run it, and the hook bundles are driven with the payloads Claude Code sends.
 */

/** csm init, csm start, the plan Claude proposes, and the context SessionStart gives Claude. */
async function startAndPlan(io: DemoIo, cc: ClaudeCode): Promise<void> {
  io.say('$ csm init');
  await io.csm(['init']);
  io.say('\n$ csm start "Add a clamp() helper" --objective "Document it"');
  await io.csm(['start', 'Add a clamp() helper', '--objective', 'Document it']);
  io.say('\n$ csm plan --from-json -   (the plan Claude proposes after /csm:start)');
  await io.csm(['plan', '--from-json', '-'], JSON.stringify(PLAN));
  io.say('\n— Claude Code starts: the SessionStart hook loads the session into its context —');
  const ctx = cc.start();
  const out = ctx.stdout?.hookSpecificOutput as { additionalContext?: string } | undefined;
  const text = String(out?.additionalContext ?? '');
  io.say(`${quoted(text, 8)}\n  | … (${text.length} chars, ${ctx.ms} ms)`);
}

/** task-1: Claude writes clamp() with a bug, Stop blocks with the failing test, Claude fixes it. */
async function firstTask(io: DemoIo, cc: ClaudeCode): Promise<void> {
  io.say('\n$ csm task next --start');
  await io.csm(['task', 'next', '--start']);
  io.say('\n— Claude writes the code (every edit goes through PostToolUse) —');
  cc.edit('src/math.js', MATH_BUGGY);
  cc.edit('test/math.test.js', MATH_TEST);
  io.say('\n— Claude tries to stop: the Stop hook runs the gates —');
  const blocked = cc.stop(false);
  if (blocked?.decision === 'block')
    io.say(`  Stop BLOCKED. Reason given to Claude:\n${quoted(String(blocked.reason), 12)}`);
  else io.say(`  Stop allowed: ${JSON.stringify(blocked)}`);
  io.say('\n— Claude fixes the bug (max, not min) and stops again —');
  cc.edit('src/math.js', MATH_FIXED);
  const second = cc.stop(true);
  io.say(`  Stop (stop_hook_active) let Claude go${second?.systemMessage ? `: ${String(second.systemMessage)}` : ''}`);
  io.say(`  Next turn's Stop: ${stopVerdict(cc.stop(false))}`);
  io.say('\n$ csm task done task-1 --output "clamp() with range check"');
  await io.csm(['task', 'done', 'task-1', '--output', 'clamp() with range check']);
}

export async function runDemo(io: DemoIo, keep: string | null): Promise<string> {
  const root = keep ?? makeTempDir('csm-demo-');
  ensureDir(root);
  const cc = claudeCode(root, io);
  makeProject(root, io);
  await startAndPlan(io, cc);
  await firstTask(io, cc);
  io.say('\n$ csm task next --start');
  await io.csm(['task', 'next', '--start']);
  cc.edit('README.md', README_DOC);
  io.say(`  Stop: ${stopVerdict(cc.stop(false))}`);
  io.say('\n$ csm task done task-2 --output "README example"');
  await io.csm(['task', 'done', 'task-2', '--output', 'README example']);
  io.say('\n$ csm status');
  await io.csm(['status']);
  io.say('\n$ csm complete');
  await io.csm(['complete']);
  io.say(`\nThe session's files (commit them with the work):`);
  for (const f of listDir(path.join(root, '.claude', 'sessions'))) {
    io.say(`  ${path.join(root, '.claude', 'sessions', f)}`);
  }
  io.say(`  ${path.join(root, '.claude', 'memory')}/`);
  return root;
}

export interface DemoOptions {
  /** A new or empty directory to run in; null: a fresh temporary one. */
  dir: string | null;
  say(text: string): void;
  /** Runs one csm command line (the CLI passes itself), returning its exit code. */
  csm(argv: string[]): Promise<number>;
}

/** `csm demo`: runs the whole session and reports where it is and which csm commands failed. */
export async function demo(opts: DemoOptions): Promise<{ dir: string; sessionFiles: string[]; failures: string[] }> {
  if (opts.dir && !isNewOrEmptyDir(opts.dir)) throw usageError(...msg.usage.demoDirNotEmpty(opts.dir));
  const root = opts.dir ?? makeTempDir('csm-demo-');
  const scratch = makeTempDir('csm-demo-plan-');
  const failures: string[] = [];
  const io: DemoIo = {
    say: opts.say,
    csm: async (a, input) => {
      let argv = a;
      if (input !== undefined) {
        write(scratch, 'plan.json', input);
        argv = a.map((x) => (x === '-' ? path.join(scratch, 'plan.json') : x));
      }
      const code = await opts.csm([...argv, '--cwd', root]);
      if (code !== 0) {
        failures.push(`csm ${a[0]} exited ${code}`);
        opts.say(`  (csm ${a[0]} exited ${code})`);
      }
      return code;
    },
  };
  try {
    const where = await runDemo(io, root);
    return { dir: where, sessionFiles: listDir(path.join(where, '.claude', 'sessions')), failures };
  } finally {
    removeDir(scratch);
  }
}
