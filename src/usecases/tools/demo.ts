import path from 'node:path';
import { ensureDir, git, isNewOrEmptyDir, listDir, makeTempDir, removeDir, runHookBundle, writeProjectFile as write } from '../../adapters/tools/scratch.ts';
import { processId } from '../../adapters/host.ts';
import { usageError } from '../../errors.ts';

/**
 * `csm demo`: a whole session in a fresh temporary git repo, offline. The CLI runs as the user
 * would run it, and the three hook bundles are driven with the payloads Claude Code sends.
 */
export interface DemoIo {
  say(text: string): void;
  /** Runs `csm <args>` in the demo repo, printing its output. */
  csm(args: string[], input?: string): Promise<number>;
}

const PLAN = {
  tasks: [
    {
      ref: 'clamp',
      title: 'Add clamp(value, min, max) to src/math.js',
      agent: 'backend-specialist',
      estimateMinutes: 15,
      expectedLines: 12,
      criteria: ['clamp keeps a value inside [min, max]', 'min > max throws a RangeError'],
      tests: ['clamps below, inside and above the range', 'throws on an inverted range'],
      files: ['src/math.js', 'test/math.test.js'],
      dependsOn: [],
    },
    {
      ref: 'docs',
      title: 'Document clamp in the README',
      agent: 'documentation-writer',
      estimateMinutes: 5,
      expectedLines: 6,
      criteria: ['README shows a clamp example'],
      tests: [],
      files: ['README.md'],
      dependsOn: ['clamp'],
    },
  ],
  risks: [{ risk: 'Off-by-one at the bounds', mitigation: 'Test both bounds exactly' }],
};

/** A structuredPatch like Claude Code's: one hunk with every old line removed and every new line added. */
function patchOf(original: string | null, content: string): unknown[] {
  if (original === null) return [];
  const old = original.replace(/\n$/, '').split('\n');
  const neu = content.replace(/\n$/, '').split('\n');
  return [{ oldStart: 1, oldLines: old.length, newStart: 1, newLines: neu.length, lines: [...old.map((l) => `-${l}`), ...neu.map((l) => `+${l}`)] }];
}

/** Claude Code's side of the demo: each edit written and sent to PostToolUse, and Stop payloads, as the real client sends them. */
function claudeCode(root: string, io: DemoIo): { edit(rel: string, content: string): void; stop(active: boolean): Record<string, unknown> | null; start(): { stdout: Record<string, unknown> | null; ms: number } } {
  const base = { session_id: `demo-${processId()}`, transcript_path: path.join(root, '.transcript.jsonl'), cwd: root };
  let toolNo = 0;
  return {
    edit(rel, content) {
      const { type, original } = write(root, rel, content);
      const abs = path.join(root, rel);
      const payload =
        type === 'create'
          ? { tool_name: 'Write', tool_input: { file_path: abs, content }, tool_response: { type: 'create', filePath: abs, content, structuredPatch: [], originalFile: null, userModified: false } }
          : { tool_name: 'Edit', tool_input: { file_path: abs, old_string: original, new_string: content, replace_all: false }, tool_response: { filePath: abs, oldString: original, newString: content, originalFile: original, structuredPatch: patchOf(original, content), userModified: false, replaceAll: false } };
      const r = runHookBundle('post-tool-use', { ...base, hook_event_name: 'PostToolUse', tool_use_id: `toolu_demo${++toolNo}`, ...payload }, root);
      io.say(`  [PostToolUse ${payload.tool_name} ${rel}] recorded (${r.ms} ms)`);
    },
    start: () => runHookBundle('session-start', { ...base, hook_event_name: 'SessionStart', source: 'startup' }, root),
    stop: (active) => runHookBundle('stop', { ...base, hook_event_name: 'Stop', stop_hook_active: active, last_assistant_message: 'Done.', background_tasks: [], session_crons: [] }, root).stdout,
  };
}

/** The demo project: a package with one helper and its test, committed. */
function makeProject(root: string, io: DemoIo): void {
  io.say(`csm demo — a real session in a fresh git repo: ${root}\n`);
  write(root, 'package.json', `${JSON.stringify({ name: 'csm-demo-project', private: true, type: 'module', scripts: { test: 'node --test test/' } }, null, 2)}\n`);
  write(root, 'src/math.js', 'export const add = (a, b) => a + b;\n');
  write(root, 'test/math.test.js', "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../src/math.js';\n\ntest('add', () => assert.equal(add(2, 3), 5));\n");
  write(root, 'README.md', '# demo project\n\nSmall math helpers.\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial project');
}

export async function runDemo(io: DemoIo, keep: string | null): Promise<string> {
  const root = keep ?? makeTempDir('csm-demo-');
  ensureDir(root);
  const { edit, stop, start } = claudeCode(root, io);
  makeProject(root, io);

  io.say('$ csm init');
  await io.csm(['init']);
  io.say('\n$ csm start "Add a clamp() helper" --objective "Document it"');
  await io.csm(['start', 'Add a clamp() helper', '--objective', 'Document it']);
  io.say('\n$ csm plan --from-json -   (the plan Claude proposes after /csm:start)');
  await io.csm(['plan', '--from-json', '-'], JSON.stringify(PLAN));

  io.say('\n— Claude Code starts: the SessionStart hook loads the session into its context —');
  const ctx = start();
  const text = String((ctx.stdout?.hookSpecificOutput as { additionalContext?: string } | undefined)?.additionalContext ?? '');
  io.say(`${text.split('\n').slice(0, 8).map((l) => `  | ${l}`).join('\n')}\n  | … (${text.length} chars, ${ctx.ms} ms)`);

  io.say('\n$ csm task next --start');
  await io.csm(['task', 'next', '--start']);
  io.say('\n— Claude writes the code (every edit goes through PostToolUse) —');
  edit('src/math.js', 'export const add = (a, b) => a + b;\n\nexport function clamp(value, min, max) {\n  if (min > max) throw new RangeError(`min ${min} > max ${max}`);\n  return Math.min(Math.max(value, min), min);\n}\n');
  edit('test/math.test.js', "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add, clamp } from '../src/math.js';\n\ntest('add', () => assert.equal(add(2, 3), 5));\ntest('clamp keeps values in range', () => {\n  assert.equal(clamp(-1, 0, 10), 0);\n  assert.equal(clamp(5, 0, 10), 5);\n  assert.equal(clamp(11, 0, 10), 10);\n});\ntest('clamp refuses an inverted range', () => assert.throws(() => clamp(1, 2, 0), RangeError));\n");

  io.say('\n— Claude tries to stop: the Stop hook runs the gates —');
  const blocked = stop(false);
  if (blocked?.decision === 'block') {
    io.say(`  Stop BLOCKED. Reason given to Claude:\n${String(blocked.reason).split('\n').slice(0, 12).map((l) => `  | ${l}`).join('\n')}`);
  } else io.say(`  Stop allowed: ${JSON.stringify(blocked)}`);
  io.say('\n— Claude fixes the bug (max, not min) and stops again —');
  edit('src/math.js', 'export const add = (a, b) => a + b;\n\nexport function clamp(value, min, max) {\n  if (min > max) throw new RangeError(`min ${min} > max ${max}`);\n  return Math.min(Math.max(value, min), max);\n}\n');
  const second = stop(true);
  io.say(`  Stop (stop_hook_active) let Claude go${second?.systemMessage ? `: ${String(second.systemMessage)}` : ''}`);
  const third = stop(false);
  io.say(`  Next turn's Stop: ${third?.decision === 'block' ? 'blocked' : 'gates pass'}${third?.systemMessage ? ` — ${String(third.systemMessage)}` : ''}`);

  io.say('\n$ csm task done task-1 --output "clamp() with range check"');
  await io.csm(['task', 'done', 'task-1', '--output', 'clamp() with range check']);
  io.say('\n$ csm task next --start');
  await io.csm(['task', 'next', '--start']);
  edit('README.md', '# demo project\n\nSmall math helpers.\n\n```js\nclamp(11, 0, 10); // 10\n```\n');
  const fourth = stop(false);
  io.say(`  Stop: ${fourth?.decision === 'block' ? 'blocked' : 'gates pass'}${fourth?.systemMessage ? ` — ${String(fourth.systemMessage)}` : ''}`);
  io.say('\n$ csm task done task-2 --output "README example"');
  await io.csm(['task', 'done', 'task-2', '--output', 'README example']);

  io.say('\n$ csm status');
  await io.csm(['status']);
  io.say('\n$ csm complete');
  await io.csm(['complete']);
  io.say(`\nThe session's files (commit them with the work):`);
  for (const f of listDir(path.join(root, '.claude', 'sessions'))) io.say(`  ${path.join(root, '.claude', 'sessions', f)}`);
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
  if (opts.dir && !isNewOrEmptyDir(opts.dir)) throw usageError(`${opts.dir} is not empty; csm demo needs a new or empty directory`);
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
