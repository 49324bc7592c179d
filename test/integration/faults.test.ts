/**
 * Faults (issue 9 §1): each fault makes the BUILT hooks fail open (exit 0, one line or nothing,
 * never a block), the BUILT CLI explain the problem (exit 1, the file or cause, a fix), and no
 * user file get replaced. Also: Windows-style paths in payloads are recorded repo-relative with
 * forward slashes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ProcOptions,
  type ProcResult,
  HOSTNAME,
  NO_GATES,
  checkStore,
  deadPid,
  faultEnv,
  hookJson,
  hookStdoutProblems,
  isRoot,
  readOnlyWrap,
  runCli,
  runHookJson,
  scratchDir,
  scratchRepo,
  wholeLedgerLines,
  writeFaultPreload,
} from './support/hook-runner.ts';
import { appendLines } from '../../src/adapters/store/ledger.ts';
import { editPayload, keepActiveAfterCopy, makeTempDir, snapshot, writeFiles } from './support/temp-repo.ts';

const SESSION = 'fault-claude-session';
const ledgerOf = (dir: string): string => path.join(dir, '.claude', 'sessions', 'session-001-events.jsonl');
const tasksOf = (dir: string): string => path.join(dir, '.claude', 'sessions', 'session-001-tasks.json');
/** What the user owns: the repo and the committed store; machine-local .claude/.csm (locks, logs, caches) may change. */
const userFiles = (dir: string): Record<string, string> => snapshot(dir, { skip: (rel) => rel === '.claude/.csm' });

let fixture = '';
let preload = '';

/** A repo with session 001 active, task-1 in progress with one edit recorded, reports written, no gates. */
async function buildFixture(): Promise<string> {
  const base = path.join(makeTempDir('csm-faults-fixture-', { until: 'file' }), 'repo');
  const made = scratchRepo({ 'README.md': '# faults\n', 'src/a.ts': 'export const a = 1;\n' });
  fs.cpSync(made, base, { recursive: true, verbatimSymlinks: true });
  const must = async (args: string[]): Promise<void> => {
    const r = await runCli(base, args);
    if (r.code !== 0) throw new Error(`csm ${args.join(' ')}: ${r.stderr}`);
  };
  await must(['init']);
  writeFiles(base, { '.claude/csm.json': `${JSON.stringify(NO_GATES)}\n` });
  await must(['start', 'Survive faults']);
  await must(['task', 'add', 'First task', '--file', 'src/a.ts']);
  await must(['task', 'add', 'Second task']);
  await must(['task', 'start', 'task-1']);
  const r = await runHookJson('post-tool-use', editPayload(base, 'src/a.ts', { sessionId: SESSION }), { cwd: base });
  if (r.code !== 0) throw new Error(r.stderr);
  await must(['report']);
  return base;
}

/** A fresh copy of the fixture at <box>/repo. */
function copyFixture(): string {
  const dir = path.join(scratchDir('csm-faults-'), 'repo');
  fs.cpSync(fixture, dir, { recursive: true, verbatimSymlinks: true });
  keepActiveAfterCopy(dir);
  return dir;
}

beforeAll(async () => {
  fixture = await buildFixture();
  preload = writeFaultPreload(makeTempDir('csm-faults-preload-', { until: 'file' }));
});

interface HookRun {
  what: string;
  r: ProcResult;
  out: Record<string, unknown> | null;
}

let fileNo = 0;

/** PostToolUse (an edit of a new file, and `npm test` as evidence), Stop and SessionStart, all with the same fault. */
async function runEveryHook(dir: string, o: Omit<ProcOptions, 'cwd' | 'input'> = {}): Promise<HookRun[]> {
  const rel = `src/fault-${++fileNo}.ts`;
  const bash = {
    session_id: SESSION,
    cwd: dir,
    hook_event_name: 'PostToolUse',
    tool_name: 'Bash',
    tool_input: { command: 'npm test', description: 'Run the tests' },
    tool_response: { stdout: 'ok', stderr: '', interrupted: false, isImage: false },
    tool_use_id: 'toolu_fault_bash',
  };
  const runs: [string, Parameters<typeof runHookJson>[0], unknown][] = [
    ['PostToolUse Edit', 'post-tool-use', editPayload(dir, rel, { sessionId: SESSION })],
    ['PostToolUse Bash', 'post-tool-use', bash],
    [
      'Stop',
      'stop',
      {
        session_id: SESSION,
        cwd: dir,
        hook_event_name: 'Stop',
        stop_hook_active: false,
        last_assistant_message: 'Done.',
      },
    ],
    [
      'SessionStart',
      'session-start',
      { session_id: SESSION, cwd: dir, hook_event_name: 'SessionStart', source: 'startup' },
    ],
  ];
  const out: HookRun[] = [];
  for (const [what, name, payload] of runs) {
    const r = await runHookJson(name, payload, { ...o, cwd: dir, timeoutMs: 20_000 });
    out.push({ what, r, out: r.stdout.trim() ? safeJson(r.stdout) : null });
  }
  return out;
}

const safeJson = (s: string): Record<string, unknown> | null => {
  try {
    return hookJson(s);
  } catch {
    return null;
  }
};

const EVENTS: Record<string, string> = {
  'PostToolUse Edit': 'PostToolUse',
  'PostToolUse Bash': 'PostToolUse',
  Stop: 'Stop',
  SessionStart: 'SessionStart',
};

/** Exit 0, nothing but hook JSON, never a block, at most one line of message. */
function expectFailOpen(runs: HookRun[]): void {
  for (const { what, r } of runs) {
    expect(r.signal, `${what}: killed (${r.timedOut ? 'timed out' : 'signal'})`).toBeNull();
    expect(r.code, `${what} exit code; stderr: ${r.stderr}`).toBe(0);
    expect(hookStdoutProblems(r.stdout, EVENTS[what] as string), `${what} stdout: ${r.stdout.slice(0, 300)}`).toEqual(
      [],
    );
  }
}

/** The message a failing hook gave: one line, starting with csm:. */
function messageOf(run: HookRun | undefined): string {
  const msg = run?.out?.systemMessage;
  expect(typeof msg, `${run?.what} should say what went wrong; stdout: ${run?.r.stdout}`).toBe('string');
  expect(msg as string).toMatch(/^csm: /);
  expect(msg as string).not.toContain('\n');
  return msg as string;
}

/** Exit 1, a message naming the cause and a path under .claude/, and a fix. */
function expectExplained(r: ProcResult, cause: RegExp, what: string): void {
  expect(r.code, `${what}: exit code; stdout: ${r.stdout}; stderr: ${r.stderr}`).toBe(1);
  expect(r.stderr, what).toMatch(/^csm: /);
  expect(r.stderr, what).toMatch(cause);
  expect(r.stderr, what).toMatch(/\.claude/);
  expect(r.stderr, what).toMatch(/\n\s+fix: \S/);
  expect(r.stderr, `${what}: no stack trace`).not.toMatch(/^\s+at /m);
  expect(r.stderr, `${what}: not reported as a bug`).not.toMatch(/this is a bug/);
}

const PLAN = JSON.stringify({
  tasks: [
    {
      ref: 'a',
      title: 'Planned A',
      agent: 'backend-specialist',
      estimateMinutes: 10,
      expectedLines: 20,
      criteria: ['A works'],
      tests: ['a test'],
      files: ['src/a.ts'],
      dependsOn: [],
    },
    {
      ref: 'b',
      title: 'Planned B',
      agent: 'backend-specialist',
      estimateMinutes: 5,
      expectedLines: 10,
      criteria: ['B works'],
      tests: [],
      files: [],
      dependsOn: ['a'],
    },
  ],
});

/** The CLI's write commands, each with the same fault. */
async function runWriteCommands(dir: string, o: Omit<ProcOptions, 'cwd'> = {}): Promise<[string, ProcResult][]> {
  const planFile = path.join(path.dirname(dir), 'plan.json');
  fs.writeFileSync(planFile, PLAN);
  const cmds = [
    ['task', 'add', 'Added under a fault'],
    ['task', 'done', 'task-1', '--force', '--output', 'done under a fault'],
    ['memory', 'add', 'decisions', 'Decided under a fault'],
    ['plan', '--from-json', planFile],
    ['report'],
  ];
  const out: [string, ProcResult][] = [];
  for (const args of cmds) out.push([`csm ${args.join(' ')}`, await runCli(dir, args, { ...o, timeoutMs: 20_000 })]);
  return out;
}

describe.concurrent('faults: the hooks fail open, the CLI explains, no user file is replaced', () => {
  it('.claude/ unwritable', async (ctx) => {
    const dir = copyFixture();
    const claude = path.join(dir, '.claude');
    let o: Omit<ProcOptions, 'cwd'> = {};
    let how: string;
    if (!isRoot()) {
      how = 'chmod -R a-w .claude';
      const chmod = (d: string, mode: (m: number) => number): void => {
        for (const e of fs.readdirSync(d, { withFileTypes: true }))
          if (e.isDirectory()) chmod(path.join(d, e.name), mode);
        fs.chmodSync(d, mode(fs.statSync(d).mode));
      };
      chmod(claude, (m) => m & ~0o222);
      ctx.onTestFinished(() => chmod(claude, (m) => m | 0o200));
    } else {
      const probe = await runCli(dir, ['--version'], { wrap: readOnlyWrap(claude) });
      if (probe.code !== 0) {
        console.log(
          `faults: SKIPPED ".claude/ unwritable": running as root and a read-only bind mount (unshare -m) is not available: ${probe.stderr.split('\n')[0]}`,
        );
        ctx.skip();
        return;
      }
      how =
        'read-only bind mount of .claude/ in a private mount namespace (running as root, so chmod would be ignored)';
      o = { wrap: readOnlyWrap(claude) };
    }
    const before = userFiles(dir);
    const hooks = await runEveryHook(dir, o);
    expectFailOpen(hooks);
    expect(messageOf(hooks[0])).toMatch(/EROFS|EACCES|EPERM|not writable|read-only/);
    const cli = await runWriteCommands(dir, o);
    for (const [what, r] of cli) expectExplained(r, /EROFS|EACCES|EPERM|not writable/, what);
    expect(userFiles(dir)).toEqual(before);
    console.log(
      `faults: .claude/ unwritable (${how}): ${hooks.length} hook runs failed open, ${cli.length} commands explained, 0 files replaced`,
    );
  });

  it('disk full (ENOSPC), with the lock directory refused too and with only file data refused', async () => {
    for (const dirsOk of [false, true]) {
      const dir = copyFixture();
      const env = faultEnv(dir, 'enospc', dirsOk ? { CSM_T_DIRS_OK: '1' } : {});
      const before = userFiles(dir);
      const hooks = await runEveryHook(dir, { preload, env });
      expectFailOpen(hooks);
      expect(messageOf(hooks[0])).toMatch(/ENOSPC|disk is full/);
      const cli = await runWriteCommands(dir, { preload, env });
      for (const [what, r] of cli) {
        expectExplained(r, /ENOSPC/, what);
        expect(r.stderr, what).toMatch(/disk is full/);
      }
      expect(userFiles(dir), dirsOk ? 'data writes refused' : 'everything refused').toEqual(before);
      expect(checkStore(dir).problems).toEqual([]);
      console.log(
        `faults: ENOSPC${dirsOk ? ' (directories still created)' : ''}: ${hooks.length} hook runs failed open, ${cli.length} commands explained, 0 files replaced`,
      );
    }
  });

  it('the disk fills in the middle of a ledger append (a short write): the edit is recorded, or the hook says it was not', async () => {
    // The kernel answers a write that only partly fits with the count it wrote; the next write gets ENOSPC.
    const dir = copyFixture();
    const ledger = ledgerOf(dir);
    const whole = wholeLedgerLines(ledger);
    // src/a.ts is already on task-1, so the hook has nothing else to write after the ledger line.
    const payload = editPayload(dir, 'src/a.ts', { sessionId: SESSION });
    const r = await runHookJson('post-tool-use', payload, { cwd: dir, preload, env: faultEnv(dir, 'short') });
    expect(r.code).toBe(0);
    expect(hookStdoutProblems(r.stdout, 'PostToolUse')).toEqual([]);
    const said = safeJson(r.stdout)?.systemMessage;
    // The next (healthy) write starts a fresh line after any torn tail: was the edit of the faulty run kept?
    const next = await runHookJson('post-tool-use', editPayload(dir, 'src/a.ts', { sessionId: 'next-session' }), {
      cwd: dir,
    });
    expect(next.code).toBe(0);
    const after = wholeLedgerLines(ledger);
    const added = after.slice(whole.length).map((l) => JSON.parse(l) as { type: string; claudeSession: string });
    const recorded = added.some((e) => e.type === 'file.edited' && e.claudeSession === SESSION);
    expect(after.slice(0, whole.length)).toEqual(whole);
    expect(
      recorded || typeof said === 'string',
      `the hook exited 0 with stdout ${JSON.stringify(r.stdout)} and its edit is not in the ledger (events added after: ${added.map((e) => `${e.type}/${e.claudeSession}`).join(', ')})`,
    ).toBe(true);
  });

  it('a lock held by a dead process is recovered at once by the hooks and the CLI (its owner is dead, not its age)', async () => {
    // The planted lock's time stamp lies an hour ahead, so it never goes stale: the only way past it
    // is the dead-owner recovery. Had a writer waited instead, it would have given up with the lock
    // still planted (a hook marks tasks.json behind, the CLI fails LOCKED) — no stopwatch needed.
    const dir = copyFixture();
    const lockDir = path.join(dir, '.claude', '.csm', 'locks', 'store.lock');
    const plant = async (): Promise<string> => {
      const pid = await deadPid();
      fs.mkdirSync(lockDir, { recursive: true });
      fs.writeFileSync(`${lockDir}.owner`, `${pid} ${HOSTNAME}`);
      const ahead = new Date(Date.now() + 3600_000);
      fs.utimesSync(lockDir, ahead, ahead);
      return `${pid}`;
    };
    const taken = (what: string, deadOwner: string): void => {
      expect(fs.existsSync(lockDir), `${what}: the planted lock was taken over and released`).toBe(false);
      const owner = fs.existsSync(`${lockDir}.owner`) ? fs.readFileSync(`${lockDir}.owner`, 'utf8') : '';
      expect(owner, `${what}: the dead owner's note is gone`).not.toContain(deadOwner);
      expect(
        fs.existsSync(path.join(dir, '.claude', '.csm', 'projection-behind-001')),
        `${what}: tasks.json kept up`,
      ).toBe(false);
    };
    const linesBefore = wholeLedgerLines(ledgerOf(dir)).length;
    let dead = await plant();
    const hook = await runHookJson(
      'post-tool-use',
      editPayload(dir, 'src/after-dead-lock.ts', { sessionId: SESSION }),
      { cwd: dir },
    );
    expect(hook.code).toBe(0);
    expect(hook.stdout, 'recorded without a message').toBe('');
    taken('PostToolUse', dead);
    const task1 = (JSON.parse(fs.readFileSync(tasksOf(dir), 'utf8')) as { tasks: { id: string; files: string[] }[] })
      .tasks[0];
    expect(task1?.files, 'tasks.json written under the recovered lock').toContain('src/after-dead-lock.ts');
    dead = await plant();
    const cli = await runCli(dir, ['task', 'add', 'After a dead lock']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr, 'the CLI never waited for a live holder').not.toMatch(/waiting for another csm process/);
    taken('csm task add', dead);
    dead = await plant();
    const stop = await runHookJson(
      'stop',
      { session_id: SESSION, cwd: dir, hook_event_name: 'Stop', stop_hook_active: false },
      { cwd: dir },
    );
    expect(stop.code).toBe(0);
    expect(hookStdoutProblems(stop.stdout, 'Stop')).toEqual([]);
    taken('Stop', dead);
    const events = wholeLedgerLines(ledgerOf(dir))
      .slice(linesBefore)
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(events).toEqual(expect.arrayContaining(['file.edited', 'task.added']));
    console.log(`faults: dead-process lock (never stale) taken over by PostToolUse, csm task add and Stop`);
  });

  it('a corrupt tasks.json (not JSON, or a field of the wrong type): the CLI names file and field, the hooks fail open, the file stays byte-identical', async () => {
    const variants: [string, (text: string) => string, RegExp][] = [
      ['truncated', (t) => t.slice(0, Math.floor(t.length / 2)), /not valid JSON/],
      [
        'wrong field',
        (t) => {
          const v = JSON.parse(t) as { tasks: { status: unknown }[] };
          (v.tasks[0] as { status: unknown }).status = 42;
          return `${JSON.stringify(v, null, 2)}\n`;
        },
        /status/,
      ],
    ];
    for (const [name, corrupt, field] of variants) {
      const dir = copyFixture();
      const file = tasksOf(dir);
      fs.writeFileSync(file, corrupt(fs.readFileSync(file, 'utf8')));
      const bytes = fs.readFileSync(file);
      const before = userFiles(dir);
      const cli = await runCli(dir, ['task', 'add', 'Over a corrupt file']);
      expect(cli.code, `${name}: ${cli.stderr}`).toBe(1);
      expect(cli.stderr, name).toMatch(/session-001-tasks\.json/);
      expect(cli.stderr, name).toMatch(field);
      expect(cli.stderr, name).toMatch(/fix: /);
      const start = await runCli(dir, ['task', 'start', 'task-2']);
      expect(start.code, `${name}: task start`).toBe(1);
      expect(start.stderr).toMatch(/session-001-tasks\.json/);
      const edits = (): { path?: string; task?: string | null }[] =>
        wholeLedgerLines(path.join(dir, '.claude/sessions/session-001-events.jsonl'))
          .map((l) => JSON.parse(l) as { type: string; path?: string; task?: string | null })
          .filter((e) => e.type === 'file.edited');
      const editsBefore = edits().length;
      const hooks = await runEveryHook(dir);
      expectFailOpen(hooks);
      expect(fs.readFileSync(file).equals(bytes), `${name}: tasks.json byte-identical`).toBe(true);
      // PostToolUse still recorded the edit, against the task the ledger has in progress, and said so in one line
      expect(messageOf(hooks[0]), name).toMatch(/recorded, but .*session-001-tasks\.json/);
      expect(edits().slice(editsBefore), name).toEqual([
        expect.objectContaining({ path: expect.stringMatching(/^src\/fault-\d+\.ts$/), task: 'task-1' }),
      ]);
      const after = userFiles(dir);
      for (const [rel, sum] of Object.entries(before))
        if (!rel.endsWith('-events.jsonl') && !/-(completed|review)\.md$/.test(rel))
          expect(after[rel], `${name}: ${rel}`).toBe(sum);
    }
    console.log(
      'faults: corrupt tasks.json (2 variants): CLI exit 1 naming file and field, 4 hook runs each failed open, file byte-identical',
    );
  });

  it('a ledger with a torn last line: the CLI warns and works; the next append starts a fresh line after it and never cuts', async () => {
    const dir = copyFixture();
    const ledger = ledgerOf(dir);
    const whole = fs.readFileSync(ledger, 'utf8');
    const torn = '{"v":1,"t":"2026-03-02T10:00:00.000Z","type":"file.edi';
    fs.writeFileSync(ledger, whole + torn);

    const status = await runCli(dir, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/torn/);
    expect(status.stderr).toMatch(/session-001-events\.jsonl/);
    expect(fs.readFileSync(ledger, 'utf8'), 'a read leaves the file as it is').toBe(whole + torn);

    // The fragment may be another process's write under way: it is never cut, the new line starts after it.
    const add = await runCli(dir, ['task', 'add', 'After the tear']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toMatch(/torn/);
    const afterAdd = fs.readFileSync(ledger, 'utf8');
    expect(afterAdd.startsWith(`${whole}${torn}\n`), 'every byte kept; the new line starts after the fragment').toBe(
      true,
    );
    const addedLines = afterAdd
      .slice(whole.length + torn.length + 1)
      .split('\n')
      .filter(Boolean);
    expect(addedLines.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['task.added']);

    fs.appendFileSync(ledger, torn);
    const hook = await runHookJson('post-tool-use', editPayload(dir, 'src/after-tear.ts', { sessionId: SESSION }), {
      cwd: dir,
    });
    expect(hook.code).toBe(0);
    expect(hookStdoutProblems(hook.stdout, 'PostToolUse')).toEqual([]);
    const afterHook = fs.readFileSync(ledger, 'utf8');
    expect(afterHook.startsWith(`${afterAdd}${torn}\n`)).toBe(true);
    expect(
      afterHook
        .slice(afterAdd.length + torn.length + 1)
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { type: string }).type),
    ).toEqual(['file.edited']);
    expect(checkStore(dir)).toMatchObject({
      problems: [],
      tornLedgers: [],
      tornLines: [expect.stringMatching(/session-001-events\.jsonl line \d+/), expect.any(String)],
    });

    // Readers skip both fragments, say so, and see every whole event.
    const after = await runCli(dir, ['status', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/cut short/);
    expect(after.stdout).toContain('After the tear');
    const doctor = await runCli(dir, ['doctor']);
    expect(doctor.stdout + doctor.stderr).toMatch(/interrupted write cut short/);
    console.log(
      'faults: torn ledger lines: CLI warned and worked, 2 appends started fresh lines after the fragments, nothing cut, readers skip them',
    );
  });

  it("an append that meets another process's write half done waits for it: no blank line, no glued line", async () => {
    const dir = copyFixture();
    const ledger = ledgerOf(dir);
    const whole = fs.readFileSync(ledger, 'utf8');
    const edited = whole.split('\n').find((l) => l.includes('"file.edited"')) as string;
    const line = edited.replace(/"path":"[^"]*"/, '"path":"src/other-terminal.ts"');
    const cut = 30;
    // A thread plays the other process: its line is on disk up to `cut` bytes, and the rest follows 3 ms after this
    // thread has gone into the append (a write seen half copied: fstat and read do not wait for a write under way).
    const go = new Int32Array(new SharedArrayBuffer(4));
    const other = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads'); const fs = require('node:fs');
       const go = new Int32Array(workerData.go);
       parentPort.postMessage('ready');
       Atomics.wait(go, 0, 0);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3);
       fs.appendFileSync(workerData.ledger, workerData.rest);`,
      { eval: true, workerData: { go: go.buffer, ledger, rest: line.slice(cut) + '\n' } },
    );
    await new Promise((resolve) => other.once('message', resolve));
    const done = new Promise((resolve, reject) => other.on('exit', resolve).on('error', reject));
    fs.appendFileSync(ledger, line.slice(0, cut));
    Atomics.store(go, 0, 1);
    Atomics.notify(go, 0);
    // the default wait (10 ms) is widened so that a slow machine cannot delay the other thread past it
    appendLines(ledger, edited.replace(/"path":"[^"]*"/, '"path":"src/ours.ts"') + '\n', 2000);
    await done;

    const added = fs.readFileSync(ledger, 'utf8').slice(whole.length).split('\n');
    expect(added, 'their line whole, then ours, no blank line between').toEqual([
      line,
      expect.stringContaining('src/ours.ts'),
      '',
    ]);
    expect(checkStore(dir)).toMatchObject({ problems: [], tornLedgers: [], tornLines: [] });
  });

  it('the message of a failing hook names a debug log that holds the details', async () => {
    // ENOSPC everywhere under .claude/: the hook cannot write its log there either.
    const dir = copyFixture();
    const r = await runHookJson('post-tool-use', editPayload(dir, 'src/log-probe.ts', { sessionId: SESSION }), {
      cwd: dir,
      preload,
      env: faultEnv(dir, 'enospc'),
    });
    expect(r.code).toBe(0);
    const msg = String(safeJson(r.stdout)?.systemMessage ?? '');
    const named = /details in (\S+)/.exec(msg)?.[1];
    expect(named, msg).toBeDefined();
    const cause = /failed \((.+)\) — details in/.exec(msg)?.[1] ?? msg;
    const log = fs.existsSync(named as string) ? fs.readFileSync(named as string, 'utf8') : '';
    expect(
      log,
      `the message points at ${named}, which ${fs.existsSync(named as string) ? 'does not hold this failure' : 'does not exist'}`,
    ).toContain(cause);
  });
});

describe.concurrent('paths in payloads are recorded repo-relative, as the platform reads them', () => {
  it("POSIX: a backslash is part of a file name; relative paths from the tool's cwd; dotted forms and trailing slashes (built hook)", async () => {
    const dir = copyFixture();
    fs.mkdirSync(path.join(dir, 'src', 'deeper'), { recursive: true });
    const cases: [string, string, string?][] = [
      // one file named `src\win\mixed.ts`, in the root
      [`${dir}/src\\win\\mixed.ts`, 'src\\win\\mixed.ts'],
      ['src/win/relative.ts', 'src/win/relative.ts'],
      ['rel.ts', 'src/deeper/rel.ts', path.join(dir, 'src', 'deeper')],
      ['../up.ts', 'src/up.ts', path.join(dir, 'src', 'deeper')],
      [`${dir}//src/./win/../win/dotted.ts`, 'src/win/dotted.ts'],
      [`${dir}/src/win/trailing.ts/`, 'src/win/trailing.ts'],
    ];
    const before = wholeLedgerLines(ledgerOf(dir)).length;
    for (const [file, , cwd] of cases) {
      const p = editPayload(dir, 'src/x.ts', { sessionId: SESSION });
      (p.tool_input as Record<string, unknown>).file_path = file;
      if (cwd) p.cwd = cwd;
      const r = await runHookJson('post-tool-use', p, { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout, file).toBe('');
    }
    const paths = wholeLedgerLines(ledgerOf(dir))
      .slice(before)
      .map((l) => JSON.parse(l) as { type: string; path?: string })
      .filter((e) => e.type === 'file.edited')
      .map((e) => e.path);
    expect(paths).toEqual(cases.map(([, want]) => want));
    const tasks = JSON.parse(fs.readFileSync(tasksOf(dir), 'utf8')) as { tasks: { id: string; files: string[] }[] };
    const files = tasks.tasks.find((t) => t.id === 'task-1')?.files ?? [];
    for (const [, want] of cases) expect(files).toContain(want);
    console.log(`faults: paths: ${cases.length} forms through the built hook recorded as the platform reads them`);
  });

  it('drive-letter paths relative to a drive-letter cwd (C:\\repo\\src\\a.ts), through the recording code in-process', async () => {
    // A Windows root cannot exist on Linux, so the store's root is set to C:\repo while its files
    // live in a temp repo; the recording code is the hook's own (src/usecases/hooks/record-tool-use.ts).
    const dir = copyFixture();
    const { storePaths } = await import('../../src/adapters/store/paths.ts');
    const { SessionStore } = await import('../../src/usecases/session/session-store.ts');
    const { recordToolUse } = await import('../../src/usecases/hooks/record-tool-use.ts');
    const paths = { ...storePaths(dir), root: 'C:\\repo' };
    const store = new SessionStore(paths, { now: () => new Date(), idleMinutes: 15 });
    const cases: [string, string | null][] = [
      ['C:\\repo\\src\\a.ts', 'src/a.ts'],
      ['c:\\REPO\\src\\Upper.ts', 'src/Upper.ts'],
      ['C:/repo/src/forward.ts', 'src/forward.ts'],
      ['C:\\repo\\src\\..\\lib\\up.ts', 'lib/up.ts'],
      ['C:\\repo\\src/mixed\\m.ts', 'src/mixed/m.ts'],
      ['src\\relative.ts', 'src/relative.ts'],
      ['D:\\other\\x.ts', null],
      ['C:\\repository\\x.ts', null],
      ['C:\\repo\\..\\escape.ts', null],
    ];
    const got: (string | null)[] = [];
    for (const [file] of cases) {
      const r = await recordToolUse(store, '001', {
        session_id: SESSION,
        cwd: 'C:\\repo',
        hook_event_name: 'PostToolUse',
        tool_name: 'Edit',
        tool_input: { file_path: file, old_string: 'a', new_string: 'b' },
        tool_response: {
          filePath: file,
          structuredPatch: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-a', '+b'] }],
        },
      });
      got.push(r.kind === 'edit' ? r.path : null);
    }
    expect(got).toEqual(cases.map(([, want]) => want));
    const recorded = wholeLedgerLines(ledgerOf(dir))
      .map((l) => JSON.parse(l) as { type: string; path?: string })
      .filter((e) => e.type === 'file.edited')
      .map((e) => e.path as string);
    for (const [, want] of cases) if (want) expect(recorded).toContain(want);
    expect(recorded.filter((p) => p.includes('\\') || /^[A-Za-z]:/.test(p))).toEqual([]);
    console.log(
      `faults: Windows drive-letter paths: ${cases.length} cases in-process (${cases.filter(([, w]) => w).length} recorded, ${cases.filter(([, w]) => !w).length} outside the repo ignored)`,
    );
  });
});
