/**
 * Trust (issue 9 §2), through the BUILT hooks and CLI:
 *  - in a repository where no session is active, the hooks run no project command and do
 *    nothing but the optional one-line hint;
 *  - no write follows a symlink out of the repository (.claude/, sessions/, .csm/, memory/, a
 *    session file): csm refuses with a clear message and nothing appears outside;
 *  - ids and paths with ../, absolute paths, NUL bytes and 4 KB names never write outside .claude/.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type HookName,
  type ProcResult,
  HOOK_EVENT,
  NO_GATES,
  countedWrites,
  hookJson,
  pool,
  hookStdoutProblems,
  runCli,
  runHookJson,
  runHookRaw,
  scratchDir,
  scratchRepo,
  treeList,
  writeFaultPreload,
} from './support/hook-runner.ts';
import { editPayload, git, makeTempDir, snapshot, writeFiles } from './support/temp-repo.ts';

const must = async (dir: string, args: string[]): Promise<void> => {
  const r = await runCli(dir, args);
  if (r.code !== 0) throw new Error(`csm ${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
};

// ---------------------------------------------------------------- no session: no project command, nothing but the hint

/** A project whose every script, Makefile target and declared gate would leave a marker file behind. */
function trapRepo(): { dir: string; markers: string } {
  const dir = scratchRepo();
  const markers = path.join(path.dirname(dir), 'markers');
  fs.mkdirSync(markers);
  const mark = (name: string): string =>
    `node -e "require('fs').writeFileSync(process.argv[1], 'ran')" ${JSON.stringify(path.join(markers, name))}`;
  writeFiles(dir, {
    'package.json': `${JSON.stringify({ name: 'trap', private: true, scripts: { test: mark('npm-test'), lint: mark('npm-lint'), typecheck: mark('npm-typecheck'), build: mark('npm-build'), pretest: mark('npm-pretest') } }, null, 2)}\n`,
    Makefile: `test:\n\t${mark('make-test')}\ncheck:\n\t${mark('make-check')}\n`,
    'src/index.js': 'console.log("hello");\n',
    'pytest.ini': '[pytest]\n',
  });
  return { dir, markers };
}

const TRAP_CONFIG = {
  gates: [{ name: 'trap', command: `touch ../markers/declared-gate`, timeout: 10 }],
  bench: { command: 'touch ../markers/bench', maxMs: 1000 },
};

async function everyHook(dir: string): Promise<[string, HookName, ProcResult][]> {
  const session = 'trust-claude-session';
  const runs: [string, HookName, unknown][] = [
    [
      'SessionStart startup',
      'session-start',
      { session_id: session, cwd: dir, hook_event_name: 'SessionStart', source: 'startup' },
    ],
    [
      'SessionStart resume',
      'session-start',
      { session_id: session, cwd: dir, hook_event_name: 'SessionStart', source: 'resume' },
    ],
    ['PostToolUse Edit', 'post-tool-use', editPayload(dir, 'src/index.js', { sessionId: session })],
    [
      'PostToolUse Bash npm test',
      'post-tool-use',
      {
        session_id: session,
        cwd: dir,
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: { command: 'npm test' },
        tool_response: { stdout: '', stderr: '', interrupted: false },
      },
    ],
    [
      'PostToolUseFailure Bash',
      'post-tool-use',
      {
        session_id: session,
        cwd: dir,
        hook_event_name: 'PostToolUseFailure',
        tool_name: 'Bash',
        tool_input: { command: 'make check' },
        error: 'Exit code 2',
      },
    ],
    [
      'UserPromptSubmit',
      'user-prompt-submit',
      { session_id: session, cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: 'go on' },
    ],
    [
      'PreCompact',
      'pre-compact',
      { session_id: session, cwd: dir, hook_event_name: 'PreCompact', trigger: 'auto', custom_instructions: '' },
    ],
    [
      'Stop',
      'stop',
      {
        session_id: session,
        cwd: dir,
        hook_event_name: 'Stop',
        stop_hook_active: false,
        last_assistant_message: 'Done.',
      },
    ],
    [
      'Stop (stop_hook_active)',
      'stop',
      { session_id: session, cwd: dir, hook_event_name: 'Stop', stop_hook_active: true },
    ],
  ];
  const out: [string, HookName, ProcResult][] = [];
  for (const [what, name, payload] of runs) out.push([what, name, await runHookJson(name, payload, { cwd: dir })]);
  return out;
}

/** Each hook exited 0; SessionStart said at most one line; the others said nothing. */
function expectQuiet(runs: [string, HookName, ProcResult][], label: string): string[] {
  const hints: string[] = [];
  for (const [what, name, r] of runs) {
    expect(r.code, `${label}: ${what}: ${r.stderr}`).toBe(0);
    expect(hookStdoutProblems(r.stdout, HOOK_EVENT[name]), `${label}: ${what}`).toEqual([]);
    if (name !== 'session-start') {
      expect(r.stdout, `${label}: ${what} prints nothing`).toBe('');
      continue;
    }
    const out = hookJson(r.stdout);
    if (!out) continue;
    expect(Object.keys(out), `${label}: ${what}`).toEqual(['hookSpecificOutput']);
    const ctx = String((out.hookSpecificOutput as { additionalContext?: unknown }).additionalContext ?? '');
    expect(ctx.trim().split('\n'), `${label}: ${what}: the hint is one line`).toHaveLength(1);
    hints.push(ctx.trim());
  }
  return hints;
}

describe.concurrent('trust: no session active → no project command, nothing but the hint', () => {
  const cases: [string, (dir: string) => Promise<void>][] = [
    ['no csm at all (no .claude/)', async () => undefined],
    [
      'csm init done, a config declaring gates and a bench, no session',
      async (dir) => {
        await must(dir, ['init']);
        writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(TRAP_CONFIG)}\n` });
      },
    ],
    [
      'a session started, then switched off (csm switch --none)',
      async (dir) => {
        await must(dir, ['init']);
        writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(TRAP_CONFIG)}\n` });
        await must(dir, ['start', 'Dormant', '--json', '--no-baseline']);
        await must(dir, ['switch', '--none']);
      },
    ],
    [
      'an active pointer naming a session that does not exist',
      async (dir) => {
        await must(dir, ['init']);
        writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(TRAP_CONFIG)}\n`, '.claude/.csm/active': '042\n' });
      },
    ],
  ];
  for (const [name, setup] of cases) {
    it(name, async () => {
      const { dir, markers } = trapRepo();
      await setup(dir);
      const before = snapshot(dir);
      const hadStore = fs.existsSync(path.join(dir, '.claude'));
      const runs = await everyHook(dir);
      const hints = expectQuiet(runs, name);
      expect(fs.readdirSync(markers), 'project commands that ran').toEqual([]);
      const after = snapshot(dir);
      const created = Object.keys(after).filter((k) => !(k in before));
      const changed = Object.keys(before).filter((k) => k in after && after[k] !== before[k]);
      expect({ created, changed, removed: Object.keys(before).filter((k) => !(k in after)) }, 'files touched').toEqual({
        created: [],
        changed: [],
        removed: [],
      });
      expect(fs.existsSync(path.join(dir, '.claude'))).toBe(hadStore);
      console.log(
        `trust: ${name}: ${runs.length} hook runs, 0 project commands, 0 files created or changed${hints.length ? `; hint: "${hints[0]}"` : '; no hint'}`,
      );
    });
  }
});

// ---------------------------------------------------------------- symlinks out of the repository

/** A repo with an active session (task-1 in progress, reports written), built per test. */
async function storeRepo(): Promise<string> {
  const dir = scratchRepo({ 'README.md': '# trust\n', 'src/a.ts': 'export const a = 1;\n' });
  await must(dir, ['init']);
  writeFiles(dir, {
    '.claude/csm.json': `${JSON.stringify({ ...NO_GATES, gates: [{ name: 'ok', command: 'true' }] })}\n`,
  });
  await must(dir, ['start', 'Stay inside']);
  await must(dir, ['task', 'add', 'Inside task', '--file', 'src/a.ts']);
  await must(dir, ['task', 'start', 'task-1']);
  await must(dir, ['report']);
  return dir;
}

/** Moves `rel` (under the repo) to a directory outside the repo and leaves a symlink in its place. */
function linkOut(dir: string, rel: string): string {
  const outside = scratchDir('csm-trust-outside-');
  const target = path.join(outside, path.basename(rel));
  const src = path.join(dir, rel);
  if (fs.existsSync(src)) fs.renameSync(src, target);
  else fs.mkdirSync(target);
  fs.symlinkSync(target, src);
  return outside;
}

const PLAN = JSON.stringify({
  tasks: [
    {
      ref: 'x',
      title: 'Planned inside',
      agent: 'backend-specialist',
      estimateMinutes: 5,
      expectedLines: 5,
      criteria: ['inside'],
      tests: [],
      files: [],
      dependsOn: [],
    },
  ],
});

/** Runs every kind of write csm does (CLI and hooks), each watched by the fault preload counting writes that land in `outside`. */
async function writeAttempts(dir: string, outside: string, countDir: string): Promise<[string, ProcResult][]> {
  const planFile = path.join(path.dirname(dir), 'plan.json');
  fs.writeFileSync(planFile, PLAN);
  writeFiles(dir, { 'src/changed.ts': `export const c = ${Date.now()};\n` });
  let n = 0;
  const watch = (): { preload: string; env: Record<string, string> } => ({
    preload,
    env: {
      CSM_T_MARK: fs.realpathSync(outside),
      CSM_T_MODE: 'count',
      CSM_T_REAL: '1',
      CSM_T_COUNT_FILE: path.join(countDir, `${++n}.count.json`),
    },
  });
  const out: [string, ProcResult][] = [];
  for (const args of [
    ['task', 'add', 'Escape attempt'],
    ['task', 'start', 'task-1'],
    ['memory', 'add', 'decisions', 'Escape attempt'],
    ['report'],
    ['plan', '--from-json', planFile],
    ['switch', '001'],
    ['init'],
  ]) {
    out.push([`csm ${args.join(' ')}`, await runCli(dir, args, watch())]);
  }
  const session = 'trust-symlink';
  out.push([
    'PostToolUse',
    await runHookJson('post-tool-use', editPayload(dir, 'src/changed.ts', { sessionId: session }), {
      cwd: dir,
      ...watch(),
    }),
  ]);
  out.push([
    'Stop',
    await runHookJson(
      'stop',
      { session_id: session, cwd: dir, hook_event_name: 'Stop', stop_hook_active: false },
      { cwd: dir, ...watch() },
    ),
  ]);
  out.push([
    'Stop (stop_hook_active)',
    await runHookJson(
      'stop',
      { session_id: session, cwd: dir, hook_event_name: 'Stop', stop_hook_active: true },
      { cwd: dir, ...watch() },
    ),
  ]);
  out.push([
    'SessionStart',
    await runHookJson(
      'session-start',
      { session_id: session, cwd: dir, hook_event_name: 'SessionStart', source: 'resume' },
      { cwd: dir, ...watch() },
    ),
  ]);
  return out;
}

let preload = '';
beforeAll(() => {
  preload = writeFaultPreload(makeTempDir('csm-trust-preload-', { until: 'file' }));
});

describe.concurrent('trust: no write follows a symlink out of the repository', () => {
  const ALL = ['task add', 'task start', 'memory add', 'report', 'plan --from-json'];
  const links: [string, string, string[]][] = [
    // [what is linked out, the link, the commands that must refuse (the others may work without writing there)]
    ['.claude/ (holding a live store)', '.claude', ALL],
    ['.claude/sessions/', '.claude/sessions', ALL],
    ['.claude/.csm/ (machine-local: active pointer, locks, debug log)', '.claude/.csm', ALL],
    ['.claude/memory/', '.claude/memory', ['memory add']],
    [
      'the session ledger',
      '.claude/sessions/session-001-events.jsonl',
      ['task add', 'task start', 'memory add', 'plan --from-json'],
    ],
    ['tasks.json', '.claude/sessions/session-001-tasks.json', ['task add', 'task start', 'plan --from-json']],
    ['a report (session-001-completed.md)', '.claude/sessions/session-001-completed.md', ['report']],
  ];
  for (const [what, rel, mustRefuse] of links) {
    it(`${what} linked outside: csm refuses with a clear message, nothing is written outside`, async () => {
      const dir = await storeRepo();
      const outside = linkOut(dir, rel);
      const countDir = scratchDir('csm-trust-counts-');
      const before = snapshot(outside);
      const runs = await writeAttempts(dir, outside, countDir);
      const cli = runs.filter(([w]) => w.startsWith('csm'));
      const refused = cli.filter(([, r]) => r.code !== 0);
      for (const [w, r] of refused) {
        expect(r.code, `${w}: ${r.stderr}`).toBe(1);
        expect(r.stderr, w).toMatch(/symlink/);
        expect(r.stderr, w).toMatch(/outside the repository/);
        expect(r.stderr, w).toMatch(/fix: /);
      }
      const wroteAnyway = cli
        .filter(([w, r]) => r.code === 0 && mustRefuse.some((m) => w.startsWith(`csm ${m}`)))
        .map(([w]) => w);
      expect(wroteAnyway, 'commands that should have refused').toEqual([]);
      for (const [w, r] of runs.filter(([x]) => !x.startsWith('csm'))) {
        expect(r.code, w).toBe(0);
        expect(
          hookStdoutProblems(
            r.stdout,
            w.startsWith('Stop') ? 'Stop' : w.startsWith('Session') ? 'SessionStart' : 'PostToolUse',
          ),
          w,
        ).toEqual([]);
      }
      // Every write call any of these processes made that landed outside (even one undone later, like a lock).
      const landed = countedWrites(countDir);
      const after = snapshot(outside);
      const diff = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
      expect({ changedOutside: diff, writeCallsOutside: [...new Set(landed)] }, `writes through ${rel}`).toEqual({
        changedOutside: [],
        writeCallsOutside: [],
      });
      console.log(
        `trust: ${rel} → outside: ${refused.length}/${cli.length} commands refused, ${runs.length - cli.length} hook runs failed open, 0 files and 0 write calls outside`,
      );
    });
  }
});

// ---------------------------------------------------------------- hostile ids and paths

describe('trust: ids and paths with ../, absolute paths, NUL bytes and 4 KB names never write outside .claude/', () => {
  it('through the CLI (task ids, --file, switch, --session, workflows, memory kinds, agents, plans) and the hooks (paths, session ids, agent ids)', async () => {
    const dir = await storeRepo();
    const box = path.dirname(dir);
    const tag = `csm-escape-${crypto.randomBytes(4).toString('hex')}`;
    const abs = path.join(fs.realpathSync(path.dirname(box)), tag);
    const long = `${tag}-${'x'.repeat(4096)}`;
    const ups = ['../', '../../', '../../../../../../../'].map((u) => `${u}${tag}`);
    const hostile = [ups[0] as string, ups[2] as string, abs, long, `task-1/../../${tag}`, `..\\..\\${tag}`];
    const before = snapshot(box, { skip: (r) => r === 'repo/.git' || r === 'repo/.claude' });
    const storeBefore = new Set(treeList(path.join(dir, '.claude')));

    const attempts: string[][] = [];
    for (const h of hostile) {
      attempts.push(
        ['task', 'start', h],
        ['task', 'done', h, '--force', '--output', 'x'],
        ['task', 'block', h, '--reason', 'x'],
        ['task', 'handoff', h, '--to', 'test-engineer'],
        ['task', 'add', 'Hostile file', '--file', h],
        ['task', 'add', 'Hostile agent', '--agent', h],
        ['task', 'add', 'Hostile dependency', '--depends-on', h],
        ['task', 'add', h],
        ['switch', h],
        ['report', '--session', h],
        ['status', '--session', h],
        ['memory', 'add', h, 'hostile kind'],
        ['memory', 'show', h],
        ['start', 'Hostile workflow', '--workflow', h],
        ['plan', '--from-json', h],
      );
    }
    const results: [string, ProcResult][] = await pool(
      attempts,
      3,
      async (args) => [args.join(' ').slice(0, 120), await runCli(dir, args)] as [string, ProcResult],
    );
    // A plan whose refs, files, agents and dependencies carry the same names, NUL bytes included.
    const planFile = path.join(box, 'hostile-plan.json');
    for (const h of [...hostile, `src/nul\u0000${tag}.ts`, `\u0000${tag}`]) {
      fs.writeFileSync(
        planFile,
        JSON.stringify({
          tasks: [
            {
              ref: h.slice(0, 40),
              title: h.slice(0, 200),
              agent: 'backend-specialist',
              estimateMinutes: 5,
              expectedLines: 5,
              criteria: [h],
              tests: [h],
              files: [h],
              dependsOn: [],
            },
          ],
        }),
      );
      results.push([
        `plan with ${JSON.stringify(h.slice(0, 40))}`,
        await runCli(dir, ['plan', '--from-json', planFile]),
      ]);
    }
    // Hooks: the same names as file paths, Claude session ids, agent ids and transcript paths.
    const hookRuns = [...hostile, `src/nul\u0000${tag}.ts`, `${tag}\u0000`].flatMap(
      (h): [string, HookName, unknown][] => {
        const p = editPayload(dir, 'src/a.ts', { sessionId: h });
        (p.tool_input as Record<string, unknown>).file_path = h;
        Object.assign(p, { agent_id: h, agent_type: h, transcript_path: h });
        return [
          [`PostToolUse ${JSON.stringify(h.slice(0, 40))}`, 'post-tool-use', p],
          [
            `Stop ${JSON.stringify(h.slice(0, 40))}`,
            'stop',
            { session_id: h, cwd: dir, hook_event_name: 'Stop', stop_hook_active: false, transcript_path: h },
          ],
          [
            `SessionStart ${JSON.stringify(h.slice(0, 40))}`,
            'session-start',
            { session_id: h, cwd: dir, hook_event_name: 'SessionStart', source: 'startup', transcript_path: h },
          ],
        ];
      },
    );
    results.push(
      ...(await pool(
        hookRuns,
        3,
        async ([what, name, payload]) => [what, await runHookJson(name, payload, { cwd: dir })] as [string, ProcResult],
      )),
    );
    // A raw NUL byte inside the hook's stdin.
    results.push([
      'PostToolUse raw NUL',
      await runHookRaw(
        'post-tool-use',
        Buffer.concat([
          Buffer.from(`{"cwd":${JSON.stringify(dir)},"tool_name":"Edit","tool_input":{"file_path":"../${tag}`),
          Buffer.from([0]),
          Buffer.from('"}}'),
        ]),
        { cwd: dir },
      ),
    ]);

    for (const [what, r] of results) {
      expect(r.signal, what).toBeNull();
      if (/^(PostToolUse|Stop|SessionStart)/.test(what)) expect(r.code, what).toBe(0);
      else expect(r.stderr, `${what}: no crash`).not.toMatch(/this is a bug/);
    }
    const after = snapshot(box, { skip: (r) => r === 'repo/.git' || r === 'repo/.claude' });
    const outsideChanges = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => before[k] !== after[k] && !k.startsWith('hostile-plan.json'),
    );
    expect(outsideChanges, 'written outside .claude/').toEqual([]);
    expect(fs.existsSync(abs), `${abs} created`).toBe(false);
    const stray = fs.readdirSync(path.dirname(box)).filter((n) => n.includes(tag));
    expect(stray, `in ${path.dirname(box)}`).toEqual([]);
    const created = treeList(path.join(dir, '.claude')).filter((f) => !storeBefore.has(f));
    const odd = created.filter(
      (f) => f.includes(tag) || f.includes('..') || path.basename(f).length > 120 || f.includes('\0'),
    );
    expect(odd, 'files under .claude/ named after the hostile input').toEqual([]);
    const ok = results.filter(([w, r]) => !/^(PostToolUse|Stop|SessionStart)/.test(w) && r.code === 0).map(([w]) => w);
    console.log(
      `trust: ${results.length} hostile ids and paths (${attempts.length} CLI calls, ${results.length - attempts.length} plans and hook runs): 0 writes outside .claude/; CLI calls accepted: ${ok.length ? ok.join(' | ') : 'none'}; new files under .claude/: ${created.length}`,
    );
  }, 180_000);
});

// ---------------------------------------------------------------- a session that came with the repository

describe('trust: the active session is a fact of this machine, not of the repository', () => {
  it('a clone does not take the active pointer a commit delivered (git add -f): no gate runs, SessionStart says why, doctor flags it; csm switch makes it active here', async () => {
    const { dir, markers } = trapRepo();
    await must(dir, ['init']);
    writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(TRAP_CONFIG)}\n` });
    await must(dir, ['start', 'Hostile', '--no-baseline']);
    git(dir, 'add', '-A');
    git(dir, 'add', '-f', '.claude/.csm/active');
    git(dir, 'commit', '-qm', 'ship a session');
    // the clone sits beside the original, so the trap's ../markers is the same folder
    const clone = path.join(path.dirname(dir), 'clone');
    git(path.dirname(dir), 'clone', '-q', dir, clone);
    expect(fs.existsSync(path.join(clone, '.claude', '.csm', 'active'))).toBe(true);

    const runs = await everyHook(clone);
    expect(fs.readdirSync(markers), 'project commands that ran in the clone').toEqual([]);
    for (const [what, , r] of runs) expect(r.code, what).toBe(0);
    const start = hookJson(runs[0]?.[2].stdout ?? '');
    expect(start?.systemMessage).toMatch(
      /^csm: session 001 is not active here: it was written in another clone or copy of this repository\. csm switch 001/,
    );
    expect(JSON.stringify(start?.hookSpecificOutput ?? {})).not.toContain('Hostile');
    const status = await runCli(clone, ['task', 'list']);
    expect(status.code).not.toBe(0);
    expect(status.stderr).toMatch(/no active session \(session 001 is not active here/);
    const doctor = await runCli(clone, ['doctor', '--json']);
    const tracked = (
      JSON.parse(doctor.stdout) as { checks: { id: string; status: string; message: string }[] }
    ).checks.find((c) => c.id === 'tracked-local');
    expect(tracked).toMatchObject({ status: 'problem', message: expect.stringContaining('.claude/.csm/active') });

    // the user's own choice: switched to, the session is this clone's, and its gates run
    await must(clone, ['switch', '001']);
    writeFiles(clone, { 'src/index.js': 'console.log("changed");\n' });
    await runHookJson(
      'stop',
      { session_id: 's', cwd: clone, hook_event_name: 'Stop', stop_hook_active: false },
      { cwd: clone },
    );
    expect(fs.readdirSync(markers)).toContain('declared-gate');
  });

  it("a session shipped with the files is not taken without this clone's binding: a linked .claude/.csm, a git archive, a ZIP with no .git (issue 26 §1)", async () => {
    const { dir, markers } = trapRepo();
    await must(dir, ['init']);
    writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(TRAP_CONFIG)}\n` });
    await must(dir, ['start', 'Hostile', '--no-baseline']);
    // an older csm's pointer: it names no clone, so git's silence was once taken as consent
    fs.writeFileSync(path.join(dir, '.claude', '.csm', 'active'), '001\n');
    git(dir, 'add', '-A');
    git(dir, 'add', '-f', '.claude/.csm/active');
    git(dir, 'commit', '-qm', 'ship a session');
    const box = path.dirname(dir);
    const layouts: [string, string, RegExp][] = [];
    // 1. a committed in-repository link: .claude/.csm -> ../evil, where git cannot see the pointer
    const linked = path.join(box, 'linked');
    fs.mkdirSync(linked);
    execFileSync('sh', ['-c', `git archive HEAD | tar -x -C ${JSON.stringify(linked)}`], { cwd: dir });
    fs.renameSync(path.join(linked, '.claude', '.csm'), path.join(linked, 'evil'));
    fs.symlinkSync('../evil', path.join(linked, '.claude', '.csm'));
    git(linked, 'init', '-q');
    layouts.push([
      'linked .claude/.csm',
      linked,
      /csm ignores this repository's sessions: \.claude\/\.csm is a symlink/,
    ]);
    // 2. a source archive unpacked and put under a fresh git init; 3. the same with no .git at all
    for (const [name, init] of [
      ['archive', true],
      ['zip', false],
    ] as const) {
      const out = path.join(box, name);
      fs.mkdirSync(out);
      execFileSync('sh', ['-c', `git archive HEAD | tar -x -C ${JSON.stringify(out)}`], { cwd: dir });
      if (init) git(out, 'init', '-q');
      layouts.push([
        name,
        out,
        /session 001 is not active here: its pointer does not say which clone wrote it.*csm switch 001/,
      ]);
    }
    for (const [what, at, said] of layouts) {
      const runs = await everyHook(at);
      expect(fs.readdirSync(markers), `${what}: project commands that ran`).toEqual([]);
      for (const [hook, , r] of runs) expect(r.code, `${what}: ${hook}`).toBe(0);
      const start = hookJson(runs[0]?.[2].stdout ?? '');
      expect(start?.systemMessage, what).toMatch(said);
      expect(JSON.stringify(start?.hookSpecificOutput ?? {}), what).not.toContain('Hostile');
      const list = await runCli(at, ['task', 'list']);
      expect(list.code, what).not.toBe(0);
    }
    const doctor = await runCli(linked, ['doctor', '--json']);
    const checks = (JSON.parse(doctor.stdout) as { checks: { id: string; status: string; message: string }[] }).checks;
    expect(checks.find((c) => c.id === 'symlink:.claude/.csm')).toMatchObject({
      status: 'problem',
      message: expect.stringContaining('inside the repository'),
    });
  });

  it("an older csm's pointer (no clone named in it) is never taken on its own: ignored with the way to take it, bound by csm switch", async () => {
    const dir = scratchRepo({ 'README.md': '# old\n', 'src/a.js': 'export const a = 1;\n' });
    await must(dir, ['init']);
    writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(NO_GATES)}\n` });
    await must(dir, ['start', 'Old pointer', '--no-baseline']);
    const pointer = path.join(dir, '.claude', '.csm', 'active');
    fs.writeFileSync(pointer, '001\n');
    const payload = { session_id: 's', cwd: dir, hook_event_name: 'SessionStart', source: 'startup' };
    const start = hookJson((await runHookJson('session-start', payload, { cwd: dir })).stdout);
    expect(start?.systemMessage).toMatch(
      /session 001 is not active here: its pointer does not say which clone wrote it.*csm switch 001/,
    );
    expect(JSON.stringify(start?.hookSpecificOutput ?? {})).not.toContain('Old pointer');
    expect(fs.readFileSync(pointer, 'utf8')).toBe('001\n');
    await must(dir, ['switch', '001']);
    expect(fs.readFileSync(pointer, 'utf8')).toMatch(/^001 \d+:\d+\n$/);
    expect((await runCli(dir, ['task', 'list'])).code).toBe(0);
  });
});

// ---------------------------------------------------------------- the debug log

describe('trust: the debug log', () => {
  const SECRET_STDIN =
    '{"session_id": "x", "tool_input": {"command": "PGPASSWORD=hunter2-Very-Secret psql; curl -u sk_live_51HqLyjWDarjtT1zdp7dcXjSmbCVzBbNA7iZ';
  it("falls back to this user's own 0700 folder under the temp dir, redacted: never a shared file, never through a link or a FIFO", async () => {
    const dir = scratchDir('csm-trust-nolog-');
    const tmp = scratchDir('csm-trust-tmp-');
    const env = { TMPDIR: tmp };
    const r = await runHookRaw('post-tool-use', SECRET_STDIN, { cwd: dir, env });
    expect(r.code).toBe(0);
    const own = path.join(tmp, `csm-${process.getuid?.() ?? ''}`);
    const log = path.join(own, 'csm-debug.log');
    expect(fs.statSync(own).mode & 0o777).toBe(0o700);
    expect(fs.statSync(log).mode & 0o077).toBe(0);
    const text = fs.readFileSync(log, 'utf8');
    expect(text).toMatch(/stdin is not JSON/);
    expect(text).not.toMatch(/hunter2|sk_live_51HqLyj/);
    expect(fs.existsSync(path.join(tmp, 'csm-debug.log')), 'no shared file').toBe(false);

    // a link planted where the log goes is not written through; a FIFO there is not waited on
    const victim = path.join(scratchDir('csm-trust-victim-'), 'victim.txt');
    fs.writeFileSync(victim, 'untouched\n');
    fs.rmSync(log);
    fs.symlinkSync(victim, log);
    expect((await runHookRaw('post-tool-use', SECRET_STDIN, { cwd: dir, env })).code).toBe(0);
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched\n');
    fs.rmSync(log);
    execFileSync('mkfifo', [log]);
    const fifo = await runHookRaw('post-tool-use', SECRET_STDIN, { cwd: dir, env, timeoutMs: 60_000 });
    expect(fifo.code).toBe(0);
    expect(fifo.timedOut).toBe(false);

    // another user's folder (or one others can enter) is not used at all
    fs.rmSync(own, { recursive: true });
    fs.mkdirSync(own, { mode: 0o777 });
    fs.chmodSync(own, 0o777);
    expect((await runHookRaw('post-tool-use', SECRET_STDIN, { cwd: dir, env })).code).toBe(0);
    expect(fs.readdirSync(own)).toEqual([]);
  });

  it('a committed .claude/.csm/csm-debug.log symlink is not written through', async () => {
    const dir = await storeRepo();
    const victim = path.join(scratchDir('csm-trust-victim-'), 'victim.txt');
    fs.writeFileSync(victim, 'untouched\n');
    const log = path.join(dir, '.claude', '.csm', 'csm-debug.log');
    fs.rmSync(log, { force: true });
    fs.symlinkSync(victim, log);
    // an error on the hook's path (a file where the locks folder goes) makes it log
    fs.rmSync(path.join(dir, '.claude', '.csm', 'locks'), { recursive: true, force: true });
    fs.writeFileSync(path.join(dir, '.claude', '.csm', 'locks'), 'not a folder');
    const r = await runHookJson('post-tool-use', editPayload(dir, 'src/a.ts'), {
      cwd: dir,
      env: { CSM_DEBUG: '1', TMPDIR: scratchDir('csm-trust-tmp-') },
    });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched\n');
  });
});

describe('trust: gate commands that change under a running session', () => {
  it('Stop does not run a csm.json command that is new since csm start (a pull, a checkout) until csm gates --trust', async () => {
    const { dir, markers } = trapRepo();
    await must(dir, ['init']);
    const gate = (name: string): { name: string; command: string; timeout: number } => ({
      name,
      command: `touch ../markers/${name}`,
      timeout: 10,
    });
    writeFiles(dir, {
      '.claude/csm.json': `${JSON.stringify({ ...NO_GATES, detectGates: false, gates: [gate('seen')] })}\n`,
    });
    const start = await runCli(dir, ['start', 'Trusted gates', '--no-baseline']);
    expect(start.stdout).toMatch(/Stop runs: seen \(`touch \.\.\/markers\/seen`, from \.claude\/csm\.json\)/);
    // a pull brings a new gate
    writeFiles(dir, {
      '.claude/csm.json': `${JSON.stringify({ ...NO_GATES, detectGates: false, gates: [gate('seen'), gate('pulled')] })}\n`,
      'src/index.js': 'console.log(1);\n',
    });
    const stop = async (): Promise<Record<string, unknown> | null> =>
      hookJson(
        (
          await runHookJson(
            'stop',
            { session_id: 's', cwd: dir, hook_event_name: 'Stop', stop_hook_active: false },
            { cwd: dir },
          )
        ).stdout,
      );
    const first = await stop();
    expect(fs.readdirSync(markers).sort()).toEqual(['seen']);
    expect(first?.systemMessage).toMatch(
      /not run, what it runs changed since it was accepted: pulled \(\.claude\/csm\.json gate "pulled" is new: touch \.\.\/markers\/pulled\) — csm gates --trust/,
    );
    const trusted = await runCli(dir, ['gates', '--trust']);
    expect(trusted.stdout).toContain('Stop runs pulled: touch ../markers/pulled');
    writeFiles(dir, { 'src/index.js': 'console.log(2);\n' });
    await stop();
    expect(fs.readdirSync(markers).sort()).toEqual(['pulled', 'seen']);
  });
});
