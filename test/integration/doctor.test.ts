import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewEvent } from '../../src/contracts/events.ts';
import { readLedger } from '../../src/adapters/store/ledger.ts';
import { storePaths } from '../../src/adapters/store/paths.ts';
import { SessionStore } from '../../src/usecases/session/session-store.ts';
import { type DoctorReport, runDoctor } from '../../src/usecases/doctor/doctor.ts';
import { initStore } from '../../src/usecases/setup/init-store.ts';
import { main } from '../../src/cli/main.ts';
import { HOOK_BUNDLES } from '../../src/kernel/hook-events.ts';
import { renderPlan } from '../../src/domain/reports/plan-docs.ts';
import type { TaskSpec } from '../../src/contracts/events.ts';

// ---- throw-away repos: always under os.tmpdir(), never the real checkout, always removed ----
const TMP = fs.realpathSync(os.tmpdir());
const made: string[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(TMP, 'csm-doctor-')));
  const outside = (a: string, b: string): boolean => path.relative(a, b).startsWith('..');
  if (!dir.startsWith(`${TMP}${path.sep}`) || !outside(dir, process.cwd()) || !outside(process.cwd(), dir))
    throw new Error(`refusing to use ${dir}`);
  made.push(dir);
  return dir;
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: TMP,
};
const git = (root: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: root,
    env: GIT_ENV,
    encoding: 'utf8',
  });
const gitStatus = (root: string, ...args: string[]): number =>
  spawnSync('git', args, { cwd: root, env: GIT_ENV, encoding: 'utf8' }).status ?? -1;

/** A clock that moves one minute per reading, from `start`. */
function clock(start: string): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 60_000));
}

/** A git repo with csm's .claude/ tree (init's .gitignore and .gitattributes) committed on main. */
async function makeRepo(start = '2026-11-25T09:00:00.000Z') {
  const root = tempDir();
  git(root, 'init', '-q', '-b', 'main');
  const paths = storePaths(root);
  const store = new SessionStore(paths, { now: clock(start), idleMinutes: 15 });
  await store.locked(() => initStore(paths));
  fs.writeFileSync(path.join(root, 'README.md'), '# app\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'init');
  const home = tempDir();
  const doctor = (fix = false): Promise<DoctorReport> =>
    runDoctor(root, {
      fix,
      env: {},
      home,
      nodeVersion: process.version,
      now: () => new Date('2026-11-26T08:00:00.000Z'),
    });
  return { root, paths, store, doctor };
}

const spec = (n: number, title: string, agent = 'backend-specialist', files: string[] = []): TaskSpec => ({
  id: `task-${n}`,
  title,
  agent,
  estimatedMinutes: 30,
  files,
  tests: [],
  criteria: [],
  dependsOn: [],
  expectedLines: null,
});

const editEvent = (p: string, task: string | null): NewEvent => ({
  type: 'file.edited',
  path: p,
  tool: 'Edit',
  added: 12,
  removed: 3,
  task,
  claudeSession: 'cs-1',
  agentId: null,
  agentType: null,
});

/** Runs a session the way csm does: ledger through the store, markdown through writeSessionFile. */
async function runSession(
  store: SessionStore,
  id: string,
  objective: string,
  branch: string,
  tasks: TaskSpec[],
  edits: string[],
): Promise<void> {
  await store.create(id, [
    { type: 'session.started', session: id, objectives: [objective], workflow: null, branch, baseCommit: null },
    ...tasks.map((task): NewEvent => ({ type: 'task.added', task })),
  ]);
  await store.writeSessionFile(
    id,
    'context.md',
    `# Session ${id} Context\n\nGathered by csm on ${store.now().toISOString()}.\n\n## System State\n- **Branch**: ${branch}\n\n## Current Focus\n1. ${objective}\n`,
  );
  await store.mutate(id, () => ({ events: [{ type: 'task.started', id: 'task-1' }], result: null }));
  await store.append(
    id,
    edits.map((p) => editEvent(p, 'task-1')),
  );
  await store.mutate(id, () => ({
    events: [
      {
        type: 'task.completed',
        id: 'task-1',
        output: `${objective}: first step done`,
        forced: false,
        noCode: false,
        missing: [],
      },
    ],
    result: null,
  }));
  await store.writeSessionFile(id, 'plan.md', renderPlan(store.load(id).state));
  await store.setActive(id);
}

const check = (r: DoctorReport, id: string) => r.checks.find((c) => c.id === id);
const problems = (r: DoctorReport) =>
  r.checks.filter((c) => c.status === 'problem').map((c) => `${c.id}: ${c.message}`);
const startsIn = (file: string): number => readLedger(file).events.filter((e) => e.type === 'session.started').length;
const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

describe('csm doctor: a session number two branches both used', () => {
  it('finds it after a real git merge and renumbers the second session without losing anything', async () => {
    const { root, paths, store, doctor } = await makeRepo();
    await runSession(
      store,
      '001',
      'Set up the project',
      'main',
      [spec(1, 'Scaffold the app'), spec(2, 'Add CI')],
      ['src/app.ts'],
    );
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'session 001');

    git(root, 'checkout', '-q', '-b', 'feature/export');
    await runSession(
      store,
      '002',
      'Fix the flaky export job',
      'feature/export',
      [spec(1, 'Reproduce the failure in a test', 'bug-hunter'), spec(2, 'Fix the race in the exporter')],
      ['src/export.ts', 'test/export.test.ts'],
    );
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'session 002 on the feature branch');

    git(root, 'checkout', '-q', 'main');
    await store.setActive('001');
    await runSession(
      store,
      '002',
      'Add OAuth login',
      'main',
      [
        spec(1, 'Design the token flow', 'architect'),
        spec(2, 'Implement the callback route'),
        spec(3, 'Document the login'),
      ],
      ['src/auth/flow.ts', 'src/auth/callback.ts', 'docs/auth.md'],
    );
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'session 002 on main');

    // the merge itself: .claude/.gitattributes (from csm init) union-merges the session files, so git exits 0
    expect(gitStatus(root, 'merge', '--no-edit', 'feature/export')).toBe(0);
    expect(git(root, 'status', '--porcelain')).toBe('');
    // a SessionStart hook on this clone records into the merged ledger before anyone runs doctor
    await store.append('002', [{ type: 'claude.session', claudeSession: 'after-merge', source: 'startup' }]);
    const ledgerFile = paths.sessionFile('002', 'events.jsonl');
    const merged = fs.readFileSync(ledgerFile, 'utf8');
    const mergedLines = lines(merged);
    expect(startsIn(ledgerFile)).toBe(2);
    expect(() => JSON.parse(fs.readFileSync(paths.sessionFile('002', 'tasks.json'), 'utf8'))).toThrow();

    const before = await doctor();
    expect(check(before, 'merge:002')).toMatchObject({
      status: 'problem',
      action: { kind: 'renumber', session: '002' },
    });
    expect(before.summary.exitCode).toBe(1);

    const fixed = await doctor(true);
    expect(fixed.fixes).toHaveLength(1);
    expect(fixed.fixes[0]).toMatchObject({ done: true, action: { kind: 'renumber' } });
    expect(fixed.fixes[0]?.message).toContain('the second session is now 003');
    expect(fixed.fixes[0]?.message).toContain('ledger split by git merge');
    expect(problems(fixed)).toEqual([]);
    expect(fixed.summary.exitCode).toBe(0);

    // both sessions load, validate and hold one session each
    expect(store.listSessionIds()).toEqual(['001', '002', '003']);
    for (const id of ['002', '003']) {
      expect(startsIn(paths.sessionFile(id, 'events.jsonl'))).toBe(1);
      expect(store.readTasksFile(id)?.sessionId).toBe(id);
    }
    const main = store.load('002').state;
    const feature = store.load('003').state;
    expect(main.objectives).toEqual(['Add OAuth login']);
    expect(main.tasks.map((t) => t.title)).toEqual([
      'Design the token flow',
      'Implement the callback route',
      'Document the login',
    ]);
    expect(feature.objectives).toEqual(['Fix the flaky export job']);
    expect(feature.tasks.map((t) => [t.title, t.status])).toEqual([
      ['Reproduce the failure in a test', 'completed'],
      ['Fix the race in the exporter', 'pending'],
    ]);
    expect(feature.edits.map((e) => e.path)).toEqual(['src/export.ts', 'test/export.test.ts']);
    expect(main.claudeSessions.map((c) => c.id)).toEqual(['after-merge']); // appended after the merge: stays with the first
    expect(feature.claudeSessions).toEqual([]);

    // nothing lost: every line of the merged ledger is in exactly one of the two, plus one session.renumbered
    const after002 = lines(fs.readFileSync(paths.sessionFile('002', 'events.jsonl'), 'utf8'));
    const after003 = lines(fs.readFileSync(paths.sessionFile('003', 'events.jsonl'), 'utf8'));
    expect(after002.length + after003.length).toBe(mergedLines.length + 1);
    expect([...after002, ...after003.slice(0, -1)].sort()).toEqual([...mergedLines].sort());
    expect(JSON.parse(after003[after003.length - 1] as string)).toMatchObject({
      type: 'session.renumbered',
      from: '002',
      to: '003',
    });
    expect(JSON.parse(after003[0] as string)).toMatchObject({ type: 'session.started', session: '002' });

    // the markdown is each branch's document exactly, renumbered in the moved one's headings
    for (const kind of ['context.md', 'plan.md']) {
      const rel = `.claude/sessions/session-002-${kind}`;
      expect(fs.readFileSync(paths.sessionFile('002', kind as 'plan.md'), 'utf8')).toBe(
        git(root, 'show', `HEAD^1:${rel}`),
      );
      expect(fs.readFileSync(paths.sessionFile('003', kind as 'plan.md'), 'utf8')).toBe(
        git(root, 'show', `HEAD^2:${rel}`).replace('# Session 002', '# Session 003'),
      );
    }

    // backups of every file changed, the active pointer left on the first
    expect(fixed.backupDir).not.toBeNull();
    expect(fs.readFileSync(path.join(fixed.backupDir as string, 'sessions', 'session-002-events.jsonl'), 'utf8')).toBe(
      merged,
    );
    expect(store.activeSessionId()).toBe('002');

    // and it stays fixed
    const again = await doctor(true);
    expect(again.fixes).toEqual([]);
    expect(problems(again)).toEqual([]);
    console.log(
      `doctor merge: ${mergedLines.length} merged ledger lines → ${after002.length} + ${after003.length} (incl. 1 session.renumbered), 0 lost`,
    );
  });

  it('splits a merge that stopped on conflict markers (no union attributes) by the markers', async () => {
    const { root, paths, store, doctor } = await makeRepo();
    fs.writeFileSync(path.join(paths.claude, '.gitattributes'), '# no csm lines\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'no union');
    git(root, 'checkout', '-q', '-b', 'other');
    await runSession(store, '001', 'Other branch work', 'other', [spec(1, 'Other task')], ['src/other.ts']);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'other 001');
    git(root, 'checkout', '-q', 'main');
    await store.setActive(null);
    await runSession(
      store,
      '001',
      'Main branch work',
      'main',
      [spec(1, 'Main task'), spec(2, 'Second main task')],
      ['src/main.ts'],
    );
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'main 001');
    expect(gitStatus(root, 'merge', '--no-edit', 'other')).not.toBe(0);
    expect(fs.readFileSync(paths.sessionFile('001', 'events.jsonl'), 'utf8')).toContain('<<<<<<<');

    const before = await doctor();
    expect(check(before, 'merge:001')).toMatchObject({ status: 'problem', action: { kind: 'renumber' } });
    expect(check(before, 'gitattributes')).toMatchObject({ status: 'warn', action: { kind: 'append-lines' } });
    const fixed = await doctor(true);
    expect(fixed.fixes.map((f) => [f.action.kind, f.done])).toEqual([
      ['renumber', true],
      ['append-lines', true],
    ]);
    expect(fixed.fixes[0]?.message).toContain('ledger split by conflict markers');
    expect(problems(fixed)).toEqual([]);
    expect(store.load('001').state.objectives).toEqual(['Main branch work']);
    expect(store.load('002').state.objectives).toEqual(['Other branch work']);
    expect(fs.readFileSync(paths.sessionFile('002', 'plan.md'), 'utf8')).toMatch(/^# Session 002 Plan/);
    expect(fs.readFileSync(path.join(paths.claude, '.gitattributes'), 'utf8')).toMatch(
      /^# no csm lines\n[^]*sessions\/\* merge=union\n/,
    );
    expect(fixed.fixes[0]?.message).toContain('git add .claude/sessions');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '--no-edit');
    expect(problems(await doctor())).toEqual([]);
  });
});

describe('csm doctor: the faults of the fault tests', () => {
  async function withSession() {
    const r = await makeRepo();
    await runSession(
      r.store,
      '001',
      'Ship the export',
      'main',
      [spec(1, 'Write the exporter'), spec(2, 'Test it')],
      ['src/export.ts'],
    );
    return r;
  }

  it('reports a corrupt tasks.json with its field, and --fix moves it aside and rebuilds it', async () => {
    const { paths, store, doctor } = await withSession();
    const file = paths.sessionFile('001', 'tasks.json');
    const original = fs.readFileSync(file, 'utf8');
    const bad = original.replace('"status": "pending"', '"status": "done"');
    fs.writeFileSync(file, bad);

    const before = await doctor();
    expect(check(before, 'tasks:001')?.status).toBe('problem');
    expect(check(before, 'tasks:001')?.message).toContain('tasks[1].status must be one of');
    expect(before.summary.exitCode).toBe(1);

    const fixed = await doctor(true);
    expect(fixed.fixes[0]).toMatchObject({ done: true });
    const aside = fs.readdirSync(paths.sessions).filter((n) => n.startsWith('session-001-tasks.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(paths.sessions, aside[0] as string), 'utf8')).toBe(bad);
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
    expect(store.readTasksFile('001')?.tasks[1]?.status).toBe('pending');
    expect(problems(fixed)).toEqual([]);
  });

  it('removes a stale lock left by a dead process', async () => {
    const { paths, doctor } = await withSession();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const lock = path.join(paths.locks, 'store.lock');
    fs.mkdirSync(lock, { recursive: true });
    fs.writeFileSync(`${lock}.owner`, `${dead} ${os.hostname()}`);

    const before = await doctor();
    expect(check(before, 'lock:store')).toMatchObject({
      status: 'warn',
      action: { kind: 'remove-lock', lock: 'store' },
    });
    expect(check(before, 'lock:store')?.message).toContain(`pid ${dead}`);
    const fixed = await doctor(true);
    expect(fixed.fixes[0]).toMatchObject({
      done: true,
      message: 'removed the stale lock .claude/.csm/locks/store.lock',
    });
    expect(fs.existsSync(lock)).toBe(false);
    expect(fs.existsSync(`${lock}.owner`)).toBe(false);
    expect(check(fixed, 'locks')?.status).toBe('ok');
  });

  it('reports an unwritable .claude/ with a chmod fix', async (t) => {
    const { paths, doctor } = await withSession();
    const root = process.getuid?.() === 0;
    if (!root) {
      fs.chmodSync(paths.claude, 0o555);
      cleanups.push(() => fs.chmodSync(paths.claude, 0o755));
    } else {
      // root ignores permissions; the immutable attribute binds root too (where the file system has it)
      if (spawnSync('chattr', ['+i', paths.claude]).status !== 0) t.skip();
      cleanups.push(() => void spawnSync('chattr', ['-i', paths.claude]));
    }
    const r = await doctor();
    const c = check(r, 'writable:.claude');
    expect(c?.status).toBe('problem');
    expect(c?.fix).toContain('chmod u+w .claude');
    expect(r.summary.exitCode).toBe(1);
    expect(check(r, 'writable:.claude/.csm')?.status).toBe('ok');
  });

  it('reports a full disk (ENOSPC, a tiny tmpfs in a private mount namespace)', async (t) => {
    const { paths, root } = await withSession();
    const cli = path.resolve(import.meta.dirname, '../../src/cli.ts');
    const tsx = pathToFileURL(path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/loader.mjs')).href;
    const script = `mount -t tmpfs -o size=64k tmpfs "$1" || exit 97; (cat /dev/zero > "$1/fill") 2>/dev/null; exec "${process.execPath}" --import "${tsx}" "${cli}" doctor --json --cwd "$2"`;
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', paths.local, root], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CLAUDE_CONFIG_DIR: tempDir() },
      timeout: 30_000,
    });
    if (r.error || r.status === 97 || (r.status !== 0 && r.status !== 1)) t.skip(); // no mount namespaces here (not root)
    const report = JSON.parse(r.stdout) as DoctorReport;
    const c = check(report, 'writable:.claude/.csm');
    expect(c).toMatchObject({
      status: 'problem',
      fix: 'free some disk space (df -h . shows it), then run csm doctor again',
    });
    expect(c?.message).toContain('ENOSPC');
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(paths.local, 'fill'))).toBe(false); // the tmpfs went away with the namespace
  });

  it('warns about a torn ledger line, a stale active pointer and missing git-file lines, and fixes what it can', async () => {
    const { root, paths, store, doctor } = await withSession();
    await store.mutate('001', () => ({ events: [{ type: 'session.completed', auto: false }], result: null }));
    fs.appendFileSync(
      paths.sessionFile('001', 'events.jsonl'),
      '{"v":1,"t":"2026-11-25T10:00:00.000Z","type":"file.ed',
    );
    fs.writeFileSync(path.join(paths.claude, '.gitignore'), 'node_modules/\n');
    fs.writeFileSync(paths.config, JSON.stringify({ idleMinutes: 'ten', gatez: [] }));

    const before = await doctor();
    expect(check(before, 'ledger:001')).toMatchObject({
      status: 'warn',
      fix: 'nothing to do: the next write starts a fresh line after it',
    });
    expect(check(before, 'active')).toMatchObject({ status: 'warn', action: { kind: 'clear-active' } });
    expect(check(before, 'gitignore')).toMatchObject({
      status: 'warn',
      action: { kind: 'append-lines', lines: ['.csm/'] },
    });
    expect(check(before, 'config')?.message).toContain('idleMinutes');

    const fixed = await doctor(true);
    expect(fixed.fixes.every((f) => f.done)).toBe(true);
    expect(fs.readFileSync(path.join(paths.claude, '.gitignore'), 'utf8')).toMatch(
      /^node_modules\/\n# csm: [^\n]*\n\.csm\/\n$/,
    );
    expect(fs.existsSync(paths.active)).toBe(false);
    expect(check(fixed, 'ledger:001')?.status).toBe('warn'); // left as it is: readers skip it
    expect(problems(fixed).map((p) => p.split(':')[0])).toEqual(['config']);
    expect(git(root, 'check-ignore', '.claude/.csm/active').trim()).toBe('.claude/.csm/active');
  });

  it('checks every path csm writes, not only its folders: a debug-log link out of the repository, a FIFO among the locks, a linked memory file', async () => {
    const { paths, doctor } = await withSession();
    const outside = tempDir();
    fs.mkdirSync(paths.local, { recursive: true });
    fs.symlinkSync(path.join(outside, 'collected.log'), paths.debugLog);
    fs.mkdirSync(paths.locks, { recursive: true });
    execFileSync('mkfifo', [path.join(paths.locks, 'store.lock.owner')]);
    fs.mkdirSync(paths.memory, { recursive: true });
    fs.writeFileSync(path.join(outside, 'errors.md'), '# errors\n');
    fs.rmSync(path.join(paths.memory, 'errors.md'), { force: true });
    fs.symlinkSync(path.join(outside, 'errors.md'), path.join(paths.memory, 'errors.md'));
    const r = await doctor();
    expect(check(r, 'symlink:.claude/.csm/csm-debug.log')).toMatchObject({ status: 'problem' });
    expect(check(r, 'symlink:.claude/.csm/csm-debug.log')?.message).toContain('broken symlink');
    expect(check(r, 'special:.claude/.csm/locks/store.lock.owner')).toMatchObject({
      status: 'problem',
      fix: expect.stringContaining('rm .claude/.csm/locks/store.lock.owner'),
    });
    expect(check(r, 'special:.claude/.csm/locks/store.lock.owner')?.message).toContain('named pipe');
    expect(check(r, 'symlink:.claude/memory/errors.md')?.message).toContain('outside the repository');
    expect(check(r, 'symlinks')).toBeUndefined();
  });

  it('refuses a sessions/ symlink that leads outside the repository', async () => {
    const { paths, doctor } = await withSession();
    const outside = tempDir();
    fs.cpSync(paths.sessions, outside, { recursive: true });
    fs.rmSync(paths.sessions, { recursive: true });
    fs.symlinkSync(outside, paths.sessions);
    const r = await doctor();
    expect(check(r, 'symlink:.claude/sessions')?.status).toBe('problem');
    expect(check(r, 'symlink:.claude/sessions')?.message).toContain('refuses to read or write through it');
  });

  it('checks the hooks: settings install with a missing bundle, and both installs at once', async () => {
    const { root, paths } = await withSession();
    const home = tempDir();
    const settings = JSON.parse(fs.readFileSync(path.resolve('settings.template.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    fs.writeFileSync(path.join(paths.claude, 'settings.json'), JSON.stringify(settings));
    const run = (env: Record<string, string>) =>
      runDoctor(root, { fix: false, env, home, nodeVersion: 'v20.19.0', now: () => new Date() });

    const missing = await run({});
    expect(check(missing, 'hooks')?.status).toBe('ok');
    // every bundle, and the Bash filter in front of post-tool-use
    const shipped = [...HOOK_BUNDLES.map((b) => `${b.name}.mjs`), 'checks-only.sh'];
    expect(problems(missing)).toEqual(
      [
        expect.stringContaining(
          'node_modules/claude-session-manager/dist/hooks/session-start.mjs, which does not exist',
        ),
      ].concat(Array(shipped.length - 1).fill(expect.any(String))),
    );
    expect(problems(missing).join('\n')).toContain('dist/hooks/checks-only.sh, which does not exist');

    fs.mkdirSync(path.join(root, 'node_modules/claude-session-manager/dist/hooks'), { recursive: true });
    for (const f of shipped)
      fs.writeFileSync(path.join(root, `node_modules/claude-session-manager/dist/hooks/${f}`), '');
    const config = path.join(home, 'cfg');
    fs.mkdirSync(config);
    fs.writeFileSync(
      path.join(config, 'settings.json'),
      JSON.stringify({ enabledPlugins: { 'csm@csm-marketplace': true } }),
    );
    const both = await run({ CLAUDE_CONFIG_DIR: config });
    expect(problems(both)).toEqual([]);
    expect(check(both, 'hooks')?.status).toBe('warn');
    expect(check(both, 'hooks')?.message).toContain('every hook runs twice');
    expect(check(both, 'bundles')?.status).toBe('ok');
  });
});

describe('csm doctor from the command line', () => {
  async function cli(...args: string[]): Promise<{ code: number; out: string }> {
    const chunks: string[] = [];
    const out = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return { code: await main(args), out: chunks.join('') };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('prints each check with its fix, exits 1 while a problem remains and 0 after --fix', async () => {
    const { root, paths, store } = await makeRepo();
    vi.stubEnv('CLAUDE_CONFIG_DIR', tempDir());
    vi.stubEnv('CLAUDE_PLUGIN_ROOT', '');
    cleanups.push(() => vi.unstubAllEnvs());
    await runSession(store, '001', 'Ship the export', 'main', [spec(1, 'Write the exporter')], ['src/export.ts']);
    fs.writeFileSync(paths.sessionFile('001', 'tasks.json'), '{"sessionId": "001", "tasks": [');

    const text = await cli('doctor', '--cwd', root);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/problem .claude\/sessions\/session-001-tasks.json is not valid JSON/);
    expect(text.out).toContain(
      'fix: csm doctor --fix (moves it to .claude/sessions/session-001-tasks.json.corrupt-<time> and rebuilds it from the ledger)',
    );
    expect(text.out).toMatch(/ok +Node v\d+/);

    const fixed = await cli('doctor', '--fix', '--json', '--cwd', root);
    expect(fixed.code).toBe(0);
    const report = JSON.parse(fixed.out) as DoctorReport;
    expect(report.summary.problem).toBe(0);
    expect(report.fixes.map((f) => f.action.kind)).toEqual(['rebuild-tasks']);
    expect((await cli('doctor', '--cwd', root)).code).toBe(0);
  });
});
