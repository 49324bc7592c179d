/**
 * The whole csm lifecycle through the BUILT CLI (dist/cli.mjs) in real temp git repos:
 * init / settings / uninstall, start, tasks, time from the ledger, status, memory, complete,
 * the next session, switch, --help / --json on every command, exit codes and colour.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANSI,
  CLI,
  PROJECT_ROOT,
  activePointer,
  assertScratch,
  at,
  createTempRepo,
  csm,
  csmJson,
  editPayload,
  expectValidTasksFile,
  git,
  listFiles,
  readLedger,
  readTasks,
  readText,
  runHook,
  sessionPath,
  snapshot,
  writeFiles,
} from './support/temp-repo.ts';

const claude = (dir: string, ...p: string[]): string => path.join(dir, '.claude', ...p);

const AGENTS = [
  'architect',
  'backend-specialist',
  'frontend-specialist',
  'test-engineer',
  'code-reviewer',
  'documentation-writer',
  'bug-hunter',
];
const WORKFLOWS = ['feature-development', 'bug-fix', 'performance-optimization'];
const MEMORY = ['architecture', 'patterns', 'decisions', 'errors'];

/** Someone else's Claude Code settings, with their own hooks. */
const THEIR_SETTINGS = {
  permissions: { allow: ['Bash(ls:*)'] },
  hooks: {
    PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'echo their-post-edit' }] }],
    Notification: [{ hooks: [{ type: 'command', command: 'notify-send "claude needs you"' }] }],
  },
};

const commandsOf = (settings: any): string[] =>
  Object.values((settings.hooks ?? {}) as Record<string, any[]>).flatMap((groups) =>
    groups.flatMap((g: any) => g.hooks.map((h: any) => h.command as string)),
  );

describe.concurrent('csm init', () => {
  it('creates the tree with agents, workflows, memory, .gitignore and .gitattributes; a second run changes nothing', async () => {
    const dir = createTempRepo();
    const first = await csm(dir, 'init');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/created 16/);

    for (const d of ['sessions', 'memory', 'workflows', 'agents'])
      expect(fs.statSync(claude(dir, d)).isDirectory()).toBe(true);
    for (const a of AGENTS) {
      const text = readText(claude(dir, 'agents', `${a}.md`));
      // a real Claude Code subagent definition: frontmatter with name, description, tools
      const front = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
      expect(front, a).toMatch(new RegExp(`^name: ${a}$`, 'm'));
      expect(front, a).toMatch(/^description: \S/m);
      expect(front, a).toMatch(/^tools: \S/m);
    }
    for (const w of WORKFLOWS)
      expect(readText(claude(dir, 'workflows', `${w}.md`))).toMatch(/## Tasks[\s\S]*—.*\d+ min/);
    for (const m of MEMORY) expect(fs.existsSync(claude(dir, 'memory', `${m}.md`)), m).toBe(true);
    expect(readText(claude(dir, '.gitignore'))).toMatch(/^\.csm\/$/m);
    expect(readText(claude(dir, '.gitattributes'))).toMatch(/merge=union/);

    // git really ignores the machine-local state and not the shared files
    fs.writeFileSync(claude(dir, '.csm', 'probe'), 'x');
    expect(git(dir, 'check-ignore', '-q', '--no-index', '.claude/.csm/probe').length).toBe(0);
    expect(() => git(dir, 'check-ignore', '-q', '.claude/memory/decisions.md')).toThrow();

    const before = snapshot(dir);
    const second = await csmJson(dir, 'init');
    expect(second.created).toEqual([]);
    expect(second.kept).toEqual([]);
    expect(second.unchanged).toHaveLength(16);
    expect(snapshot(dir)).toEqual(before);
  });

  it('keeps (and reports) a file the user edited instead of overwriting it', async () => {
    const dir = createTempRepo();
    expect((await csm(dir, 'init')).code).toBe(0);
    const mine = claude(dir, 'agents', 'architect.md');
    const edited = `${readText(mine)}\nAlways draw the sequence diagram first.\n`;
    fs.writeFileSync(mine, edited);
    fs.rmSync(claude(dir, 'workflows', 'bug-fix.md'));

    const r = await csmJson(dir, 'init');
    expect(r.kept).toEqual(['.claude/agents/architect.md']);
    expect(r.created).toEqual(['.claude/workflows/bug-fix.md']);
    expect(readText(mine)).toBe(edited);

    const text = await csm(dir, 'init');
    expect(text.stdout).toMatch(/kept \(edited by you\): \.claude\/agents\/architect\.md/);
  });

  it("--settings merges the hooks into settings.json holding their hooks, idempotently; uninstall takes out exactly csm's", async () => {
    const dir = createTempRepo();
    writeFiles(dir, { '.claude/settings.json': `${JSON.stringify(THEIR_SETTINGS, null, 2)}\n` });

    const once = await csmJson(dir, 'init', '--settings');
    expect(once.settings.added).toBeGreaterThanOrEqual(4);
    const merged = JSON.parse(readText(claude(dir, 'settings.json')));
    expect(merged.permissions).toEqual(THEIR_SETTINGS.permissions);
    // theirs untouched, in place
    expect(merged.hooks.PostToolUse[0]).toEqual(THEIR_SETTINGS.hooks.PostToolUse[0]);
    expect(merged.hooks.Notification).toEqual(THEIR_SETTINGS.hooks.Notification);
    // ours there, for every event csm needs
    for (const ev of ['SessionStart', 'PostToolUse', 'Stop']) {
      expect(
        commandsOf({ hooks: { [ev]: merged.hooks[ev] } }).some((c) => c.includes('claude-session-manager/dist/hooks/')),
        ev,
      ).toBe(true);
    }
    const afterOnce = readText(claude(dir, 'settings.json'));

    const twice = await csmJson(dir, 'init', '--settings');
    expect(twice.settings.added).toBe(0);
    expect(readText(claude(dir, 'settings.json'))).toBe(afterOnce);
    // no duplicates per event
    for (const [ev, groups] of Object.entries(JSON.parse(afterOnce).hooks as Record<string, any[]>)) {
      const list = groups.flatMap((g) => g.hooks.map((h: any) => h.command));
      expect(new Set(list).size, ev).toBe(list.length);
    }

    // a file the user edited, then uninstall
    const patterns = claude(dir, 'memory', 'patterns.md');
    fs.appendFileSync(patterns, '\n- we prefer small pure functions\n');
    const edited = readText(patterns);
    const un = await csmJson(dir, 'uninstall');
    expect(un.removedHooks).toBe(once.settings.added);
    expect(un.kept).toEqual(['.claude/memory/patterns.md']);
    expect(JSON.parse(readText(claude(dir, 'settings.json')))).toEqual(THEIR_SETTINGS);
    expect(readText(patterns)).toBe(edited);
    expect(fs.existsSync(claude(dir, '.csm'))).toBe(false);
    expect(listFiles(dir)).toEqual(['.claude/memory/patterns.md', '.claude/settings.json', 'README.md']);
  });

  it('uninstall after init in a fresh repo leaves the repository as it was (no settings.json or directories left behind)', async () => {
    const dir = createTempRepo();
    const before = snapshot(dir);
    expect((await csm(dir, 'init', '--settings')).code).toBe(0);
    const un = await csm(dir, 'uninstall');
    expect(un.code, un.stderr).toBe(0);
    // csm created .claude/, .claude/sessions/ and .claude/settings.json: "removes exactly what csm added"
    expect(snapshot(dir)).toEqual(before);
  });
});

describe.concurrent('a session, start to complete', () => {
  it('start writes context, plan, tests and a valid tasks.json from the workflow, and makes the session active', async () => {
    const dir = createTempRepo({
      commits: [['add the parser', { 'src/parser.js': 'export const parse = (s) => s;\n' }]],
    });
    writeFiles(dir, { 'src/parser.js': 'export const parse = (s) => s.trim();\n', 'notes.txt': 'untracked\n' });
    const head = git(dir, 'rev-parse', 'HEAD').trim();

    const r = await csmJson(
      dir,
      'start',
      'Add OAuth login',
      '--objective',
      'Document the login flow',
      '--workflow',
      'feature-development',
    );
    expect(r.session).toBe('001');
    expect(r.objectives).toEqual(['Add OAuth login', 'Document the login flow']);
    expect(r.tasks.length).toBeGreaterThanOrEqual(3);
    expect(activePointer(dir)).toBe('001');

    const workflow = readText(claude(dir, 'workflows', 'feature-development.md'));
    const templateTitles = [...workflow.matchAll(/^- (.+?) — ([a-z-]+), (\d+) min$/gm)].map((m) => ({
      title: m[1],
      agent: m[2],
      est: Number(m[3]),
    }));
    expect(templateTitles.length).toBeGreaterThan(0);

    const tasks = await expectValidTasksFile(sessionPath(dir, '001', 'tasks.json'));
    expect(tasks.sessionId).toBe('001');
    expect(tasks.tasks.map((t: any) => ({ title: t.title, agent: t.agent, est: t.estimatedMinutes }))).toEqual(
      templateTitles,
    );
    expect(tasks.tasks.map((t: any) => t.id)).toEqual(templateTitles.map((_, i) => `task-${i + 1}`));
    expect(tasks.tasks.every((t: any) => t.status === 'pending' && t.actualMinutes === null)).toBe(true);
    expect(tasks.metrics).toMatchObject({
      totalTasks: templateTitles.length,
      completed: 0,
      failed: 0,
      blocked: 0,
      timeEstimated: templateTitles.reduce((n, t) => n + t.est, 0),
    });

    const context = readText(sessionPath(dir, '001', 'context.md'));
    expect(context).toMatch(/Branch\**: main/);
    expect(context).toContain(head.slice(0, 12));
    expect(context).toMatch(/Uncommitted Files\**: 2/);
    expect(context).toContain('src/parser.js');
    expect(context).toContain('notes.txt');
    expect(context).toMatch(/Recent Commits[\s\S]*add the parser[\s\S]*initial commit/);
    expect(context).toMatch(/first session/i);
    expect(context).toContain('Add OAuth login');

    const plan = readText(sessionPath(dir, '001', 'plan.md'));
    expect(plan).toContain('Add OAuth login');
    expect(plan).toContain('Document the login flow');
    expect(plan).toMatch(/Execution Order/);
    expect(plan).toMatch(/Risk/);
    expect(plan).toMatch(/Success Metrics/);
    for (const t of templateTitles) expect(plan).toContain(t.title);
    expect(readText(sessionPath(dir, '001', 'tests.md'))).toMatch(/Pre-Session Tests[\s\S]*Post-Session Tests/);

    const events = readLedger(dir);
    expect(events[0]).toMatchObject({
      type: 'session.started',
      objectives: ['Add OAuth login', 'Document the login flow'],
      workflow: 'feature-development',
      branch: 'main',
      baseCommit: head,
    });
    expect(events.filter((e) => e.type === 'task.added')).toHaveLength(templateTitles.length);

    // a second start is refused and says how to complete or switch
    const again = await csm(dir, 'start', 'Something else');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/session 001 is still active/);
    expect(again.stderr).toMatch(/csm complete/);
    expect(again.stderr).toMatch(/csm switch/);
    expect(fs.existsSync(sessionPath(dir, '002', 'events.jsonl'))).toBe(false);
    expect(activePointer(dir)).toBe('001');
  });

  it('works tasks through add / start / next / handoff / block / done / list, one in progress at a time, then completes', async () => {
    const dir = createTempRepo();
    expect((await csm(dir, 'start', 'Ship the parser', { env: { CSM_NOW: at('08:55') } })).code).toBe(0);
    const env = (hhmm: string) => ({ env: { CSM_NOW: at(hhmm) } });

    const a = await csmJson(
      dir,
      'task',
      'add',
      'Parse the header',
      '--agent',
      'backend-specialist',
      '--estimate',
      '30',
      '--file',
      'src/header.js',
      '--test',
      'rejects an empty header',
      '--criterion',
      'header parsed',
      env('09:00'),
    );
    expect(a).toMatchObject({
      id: 'task-1',
      title: 'Parse the header',
      agent: 'backend-specialist',
      status: 'pending',
      estimatedMinutes: 30,
      actualMinutes: null,
      files: ['src/header.js'],
      tests: ['rejects an empty header'],
      blockers: [],
      output: null,
    });
    const b = await csmJson(
      dir,
      'task',
      'add',
      'Write the parser tests',
      '--agent',
      'test-engineer',
      '--estimate',
      '20',
      '--depends-on',
      'task-1',
      env('09:00'),
    );
    expect(b).toMatchObject({ id: 'task-2', dependsOn: ['task-1'] });
    const c = await csmJson(
      dir,
      'task',
      'add',
      'Document the format',
      '--agent',
      'documentation-writer',
      '--estimate',
      '10',
      env('09:00'),
    );
    expect(c.id).toBe('task-3');
    const badAgent = await csm(dir, 'task', 'add', 'x', '--agent', 'nobody');
    expect(badAgent.code).toBe(1);
    expect(badAgent.stderr).toMatch(/no agent "nobody"[\s\S]*architect/);

    // next: the first ready task (task-1; task-2 waits for it) — shown, and started with --start
    const peek = await csmJson(dir, 'task', 'next', env('09:01'));
    expect(peek.task).toMatchObject({ id: 'task-1', status: 'pending' });
    const next = await csmJson(dir, 'task', 'next', '--start', env('09:01'));
    expect(next.task).toMatchObject({ id: 'task-1', status: 'in_progress' });

    // starting another pauses the first
    const start3 = await csmJson(dir, 'task', 'start', 'task-3', env('09:10'));
    expect(start3.task).toMatchObject({ id: 'task-3', status: 'in_progress' });
    expect(start3.notes.join('\n')).toMatch(/paused task-1/);
    let list = await csmJson(dir, 'task', 'list', env('09:10'));
    expect(list.filter((t: any) => t.status === 'in_progress').map((t: any) => t.id)).toEqual(['task-3']);
    expect(list.find((t: any) => t.id === 'task-1').status).toBe('pending');
    expect(readTasks(dir).tasks.filter((t: any) => t.status === 'in_progress')).toHaveLength(1);

    // an edit through the real hook lands on the task in progress
    writeFiles(dir, { 'docs/format.md': 'b\n' });
    const hook = await runHook('post-tool-use', editPayload(dir, 'docs/format.md'), env('09:12'));
    expect(hook.code, hook.stderr).toBe(0);
    expect(readTasks(dir).tasks.find((t: any) => t.id === 'task-3').files).toEqual(['docs/format.md']);

    const handoff = await csmJson(
      dir,
      'task',
      'handoff',
      'task-3',
      '--to',
      'code-reviewer',
      '--note',
      'check the examples',
      env('09:14'),
    );
    expect(handoff.task.agent).toBe('code-reviewer');
    expect(handoff.task.handoffs).toEqual([
      { from: 'documentation-writer', to: 'code-reviewer', note: 'check the examples', at: at('09:14') },
    ]);

    // done needs evidence: refused without it, accepted with --force (recorded) or --no-code
    const refused = await csm(dir, 'task', 'done', 'task-3');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot be marked done/);
    const forced = await csmJson(
      dir,
      'task',
      'done',
      'task-3',
      '--force',
      '--output',
      'format documented',
      env('09:15'),
    );
    expect(forced.task).toMatchObject({
      id: 'task-3',
      status: 'completed',
      output: 'format documented',
      forced: true,
      completedAt: at('09:15'),
    });
    expect(forced.notes.join('\n')).toMatch(/override recorded/);

    const blocked = await csmJson(dir, 'task', 'block', 'task-2', '--reason', 'waiting for the grammar', env('09:16'));
    expect(blocked.task).toMatchObject({ status: 'blocked', blockers: ['waiting for the grammar'] });

    await csmJson(dir, 'task', 'start', '1', env('09:20'));
    const done1 = await csmJson(dir, 'task', 'done', '#1', '--no-code', '--output', 'header parsed', env('09:25'));
    expect(done1.task).toMatchObject({ id: 'task-1', status: 'completed', forced: false });
    // task-1: 09:01–09:10 and 09:20–09:25 = 14 min (no idle gap)
    expect(done1.task.actualMinutes).toBe(14);

    const status = await csmJson(dir, 'status', env('09:26'));
    expect(status).toMatchObject({
      session: '001',
      status: 'active',
      objectives: ['Ship the parser'],
      progress: { completed: 2, total: 3, percent: 67 },
      activeTask: null,
      blockers: [{ task: 'task-2', reason: 'waiting for the grammar' }],
      time: { estimatedMinutes: 60, budgetMinutes: 240, overBudget: false },
    });
    expect(typeof status.phase).toBe('string');
    expect(status.tasks.map((t: any) => [t.id, t.status])).toEqual([
      ['task-1', 'completed'],
      ['task-2', 'blocked'],
      ['task-3', 'completed'],
    ]);
    expect(status.time.spentMinutes).toBeGreaterThan(0);
    const statusText = await csm(dir, 'status', env('09:26'));
    expect(statusText.stdout).toMatch(/Session 001/);
    expect(statusText.stdout).toMatch(/\[#+\.*\] 2\/3/);
    expect(statusText.stdout).toMatch(/task-2: waiting for the grammar/);

    list = await csmJson(dir, 'task', 'list');
    expect(list).toHaveLength(3);
    const tasksFile = await expectValidTasksFile(sessionPath(dir, '001', 'tasks.json'));
    expect(tasksFile.metrics).toMatchObject({ totalTasks: 3, completed: 2, blocked: 1, failed: 0, timeEstimated: 60 });

    // memory: dated, redacted
    const mem = await csmJson(
      dir,
      'memory',
      'add',
      'decisions',
      'Parse headers eagerly; staging uses API_KEY=abc123def',
      env('09:27'),
    );
    expect(mem).toMatchObject({ file: '.claude/memory/decisions.md', kind: 'decisions', session: '001' });
    expect(mem.text).not.toContain('abc123def');
    const decisions = readText(claude(dir, 'memory', 'decisions.md'));
    expect(decisions).not.toContain('abc123def');
    expect(decisions).toMatch(
      /## 2026-03-02 09:27 · session 001\n\nParse headers eagerly; staging uses API_KEY=\[REDACTED\]/,
    );
    expect(readLedger(dir).some((e) => e.type === 'memory.added' && !JSON.stringify(e).includes('abc123def'))).toBe(
      true,
    );
    const shown = await csmJson(dir, 'memory', 'show', 'decisions');
    expect(JSON.stringify(shown)).toContain('Parse headers eagerly');

    // complete
    const done = await csmJson(dir, 'complete', '--no-gates', env('09:30'));
    expect(done).toMatchObject({
      session: '001',
      alreadyCompleted: false,
      files: {
        completed: '.claude/sessions/session-001-completed.md',
        review: '.claude/sessions/session-001-review.md',
      },
    });
    expect(activePointer(dir)).toBeNull();
    const completed = readText(sessionPath(dir, '001', 'completed.md'));
    for (const s of ['task-1', 'Parse the header', 'task-2', 'task-3', 'docs/format.md', 'src/header.js'])
      expect(completed, s).toContain(s);
    expect(completed).toMatch(/\| task-1 +\| Parse the header +\| backend-specialist +\| completed +\| +30 \| +14 \|/);
    expect(completed).toMatch(/2 of 3 completed/);
    const review = readText(sessionPath(dir, '001', 'review.md'));
    expect(review).toContain('Session 001');
    expect(review.length).toBeGreaterThan(200);
    expect(readTasks(dir).status).toBe('completed');

    const none = await csmJson(dir, 'status');
    expect(none).toEqual({ active: null, sessions: ['001'], next: 'csm start "<objective>"' });
    const noneText = await csm(dir, 'task', 'list');
    expect(noneText.code).toBe(1);
    expect(noneText.stderr).toMatch(/no active session[\s\S]*csm start/);
  });

  it('the next session starts with the previous summary and the unfinished tasks carried over; switch moves the active pointer', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'First');
    await csmJson(dir, 'task', 'add', 'Finished thing', '--estimate', '5');
    await csmJson(
      dir,
      'task',
      'add',
      'Unfinished thing',
      '--agent',
      'test-engineer',
      '--estimate',
      '25',
      '--test',
      'edge case',
    );
    await csmJson(dir, 'task', 'add', 'Blocked thing', '--agent', 'architect');
    await csmJson(dir, 'task', 'start', 'task-1');
    await csmJson(dir, 'task', 'done', 'task-1', '--no-code', '--output', 'done and dusted');
    await csmJson(dir, 'task', 'block', 'task-3', '--reason', 'needs a decision');
    await csmJson(dir, 'complete', '--no-gates', '--force');

    const second = await csmJson(dir, 'start', 'Second');
    expect(second.session).toBe('002');
    expect(activePointer(dir)).toBe('002');
    const tasks = await expectValidTasksFile(sessionPath(dir, '002', 'tasks.json'));
    expect(tasks.tasks.map((t: any) => [t.id, t.title, t.agent, t.status, t.estimatedMinutes])).toEqual([
      ['task-1', 'Unfinished thing', 'test-engineer', 'pending', 25],
      ['task-2', 'Blocked thing', 'architect', 'pending', null],
    ]);
    expect(tasks.tasks[0].tests).toEqual(['edge case']);
    const context = readText(sessionPath(dir, '002', 'context.md'));
    expect(context).toMatch(/Previous Session Summary[\s\S]*Session: 001[\s\S]*First[\s\S]*task-1 Finished thing/);
    expect(context).toMatch(/needs a decision/);
    expect(context).toMatch(/Carried Over[\s\S]*Unfinished thing[\s\S]*Blocked thing/);

    // switch: refuses completed sessions, clears, resumes
    const toDone = await csm(dir, 'switch', '001');
    expect(toDone.code).toBe(1);
    expect(toDone.stderr).toMatch(/session 001 is completed/);
    expect(await csmJson(dir, 'switch', '--none')).toEqual({ active: null });
    expect(activePointer(dir)).toBeNull();
    const third = await csm(dir, 'switch', '3');
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/no session 3[\s\S]*001, 002/);
    expect(await csmJson(dir, 'switch', '2')).toEqual({ active: '002' });
    expect((await csmJson(dir, 'status')).session).toBe('002');
  });
});

describe.concurrent('actual minutes from the ledger, idle gaps excluded', () => {
  /** start 08:55; task-1 started 09:00; another task added 09:05 (activity); task-1 done 09:50. */
  async function timeline(dir: string) {
    const now = (hhmm: string) => ({ env: { CSM_NOW: at(hhmm) } });
    expect((await csm(dir, 'start', 'Timing', now('08:55'))).code).toBe(0);
    await csmJson(dir, 'task', 'add', 'Timed task', '--estimate', '30', now('09:00'));
    await csmJson(dir, 'task', 'start', 'task-1', now('09:00'));
    await csmJson(dir, 'task', 'add', 'Another', now('09:05'));
    return csmJson(dir, 'task', 'done', 'task-1', '--no-code', now('09:50'));
  }

  it('leaves out a gap over the default 15 minutes (task 5 min, session 10 min); idleMinutes 60 in .claude/csm.json counts it', async () => {
    const dir = createTempRepo();
    const done = await timeline(dir);
    expect(done.task.actualMinutes).toBe(5);
    const file = readTasks(dir);
    expect(file.tasks[0]).toMatchObject({ actualMinutes: 5, startedAt: at('09:00'), completedAt: at('09:50') });
    expect(file.metrics.timeSpent).toBe(10);
    expect((await csmJson(dir, 'status', { env: { CSM_NOW: at('09:50') } })).time.spentMinutes).toBe(10);
    // nothing happened for hours: still not counted
    expect((await csmJson(dir, 'status', { env: { CSM_NOW: at('13:00') } })).time.spentMinutes).toBe(10);

    // .claude/csm.json {"idleMinutes": 60}: the same ledger counts the 45-minute gap (task 50, session 55)
    const ledgerBefore = readText(sessionPath(dir, '001', 'events.jsonl'));
    writeFiles(dir, { '.claude/csm.json': '{ "idleMinutes": 60 }\n' });
    expect((await csmJson(dir, 'task', 'list'))[0].actualMinutes).toBe(50);
    expect((await csmJson(dir, 'status', { env: { CSM_NOW: at('09:50') } })).time.spentMinutes).toBe(55);
    expect(readText(sessionPath(dir, '001', 'events.jsonl'))).toBe(ledgerBefore);
    // and the next write projects tasks.json with it
    await csmJson(dir, 'task', 'add', 'Later', { env: { CSM_NOW: at('09:51') } });
    expect(readTasks(dir).tasks[0].actualMinutes).toBe(50);
    expect(readTasks(dir).metrics.timeSpent).toBe(56);
  });

  it('counts only the time a task was in progress (paused while another ran)', async () => {
    const dir = createTempRepo();
    const now = (hhmm: string) => ({ env: { CSM_NOW: at(hhmm) } });
    await csmJson(dir, 'start', 'Pausing', now('09:00'));
    await csmJson(dir, 'task', 'add', 'One', now('09:00'));
    await csmJson(dir, 'task', 'add', 'Two', now('09:00'));
    await csmJson(dir, 'task', 'start', 'task-1', now('09:00'));
    await csmJson(dir, 'task', 'start', 'task-2', now('09:10'));
    await csmJson(dir, 'task', 'start', 'task-1', now('09:20'));
    const one = await csmJson(dir, 'task', 'done', 'task-1', '--no-code', now('09:25'));
    expect(one.task.actualMinutes).toBe(15);
    const two = await csmJson(dir, 'task', 'done', 'task-2', '--no-code', now('09:30'));
    expect(two.task.actualMinutes).toBe(10);
    expect(readTasks(dir).metrics.timeSpent).toBe(30);
  });
});

describe.concurrent('the CLI surface', () => {
  const COMMANDS = [
    'init',
    'start',
    'plan',
    'task',
    'status',
    'gates',
    'report',
    'complete',
    'metrics',
    'memory',
    'switch',
    'statusline',
    'doctor',
    'demo',
    'uninstall',
  ];

  it("lists every command in --help, and every command's --help exits 0 with its usage", async () => {
    const dir = createTempRepo();
    const top = await csm(dir, '--help');
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout, c).toMatch(new RegExp(`^  ${c} `, 'm'));
    const helps = await Promise.all(COMMANDS.map((c) => csm(dir, c, '--help')));
    helps.forEach((h, i) => {
      expect(h.code, COMMANDS[i]).toBe(0);
      expect(h.stdout, COMMANDS[i]).toMatch(new RegExp(`^Usage: csm ${COMMANDS[i]}`));
      expect(h.stdout, COMMANDS[i]).toMatch(/--json/);
      expect(h.stderr).toBe('');
    });
    expect(snapshot(dir)['.claude/']).toBeUndefined(); // --help writes nothing
    expect((await csm(dir, '--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints valid JSON with --json from every command that prints state', async () => {
    // init, start, task add/start/next/done/block/handoff/list, status, memory add, switch and
    // complete are parsed with --json throughout this file (csmJson); these are the rest
    const dir = createTempRepo();
    expect(JSON.parse((await csm(dir, 'status', '--json')).stdout)).toEqual({
      active: null,
      sessions: [],
      next: 'csm start "<objective>"',
    });
    await csmJson(dir, 'start', 'JSON everywhere');
    const plan = JSON.stringify({
      tasks: [
        {
          title: 'Only task',
          agent: 'backend-specialist',
          estimateMinutes: 5,
          expectedLines: 10,
          criteria: ['works'],
          tests: [],
        },
      ],
    });
    const imported = await csmJson(dir, 'plan', '--from-json', '-', { input: plan });
    expect(imported.added).toEqual(['task-1']);
    const runs: string[][] = [
      ['plan'],
      ['plan', '--schema'],
      ['memory', 'show'],
      ['gates'],
      ['report'],
      ['metrics'],
      ['doctor'],
      ['task', 'nope'],
    ];
    const results = await Promise.all(runs.map((args) => csm(dir, ...args, '--json')));
    for (const [i, r] of results.entries()) {
      const args = (runs[i] as string[]).join(' ');
      expect(() => JSON.parse(r.stdout), `csm ${args} --json printed:\n${r.stdout}\n${r.stderr}`).not.toThrow();
      expect([0, 1, 2], `csm ${args} --json: ${r.stderr}`).toContain(r.code);
    }
    expect(JSON.parse((results[7] as { stdout: string }).stdout).error).toMatchObject({ code: 'USAGE' });
    await csmJson(dir, 'complete', '--no-gates', '--force');
    expect((await csmJson(dir, 'metrics')) !== null).toBe(true);
    await csmJson(dir, 'uninstall');
    const err = JSON.parse((await csm(dir, 'task', 'list', '--json')).stdout);
    expect(err.error).toMatchObject({ code: 'NOT_FOUND', message: 'no active session' });
  });

  it('statusline --json prints JSON', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Status line');
    const r = await csm(dir, 'statusline', '--json', {
      input: JSON.stringify({ session_id: 'x', cwd: dir, model: { display_name: 'Opus' } }),
    });
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout), r.stdout).not.toThrow();
  });

  it('demo --dir runs a whole session offline in the given directory, prints JSON with --json, and leaves no temp dir behind', async () => {
    const dir = createTempRepo();
    const target = path.join(dir, 'demo-run');
    const tmp = path.join(path.dirname(dir), 'tmp'); // the child's os.tmpdir()
    fs.mkdirSync(tmp);
    const r = await csm(dir, 'demo', '--dir', target, '--json', { env: { TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(target, '.claude', 'sessions', 'session-001-completed.md'))).toBe(true);
    expect(fs.existsSync(path.join(target, '.claude', 'sessions', 'session-001-review.md'))).toBe(true);
    // two separate defects, both reported
    expect(() => JSON.parse(r.stdout), `demo --json printed: ${r.stdout.slice(0, 200)}`).not.toThrow();
    expect(fs.readdirSync(tmp), 'temp dirs demo left in os.tmpdir()').toEqual([]);
  });

  it('the helpers refuse to run in the real checkout', async () => {
    expect(() => assertScratch(PROJECT_ROOT)).toThrow(/refusing/);
    expect(() => assertScratch(path.join(PROJECT_ROOT, 'test'))).toThrow(/refusing/);
    await expect(csm(PROJECT_ROOT, 'init')).rejects.toThrow(/refusing/);
  });

  it('exits 0 on success, 1 on a failure, 2 on a usage error', async () => {
    const dir = createTempRepo();
    expect((await csm(dir, 'task', 'list')).code).toBe(1); // no session
    expect((await csm(dir, 'start', 'x')).code).toBe(0);
    const cases: [string[], number][] = [
      [['status'], 0],
      [['start', 'y'], 1], // already active
      [['task', 'start', 'task-9'], 1], // no such task
      [[], 2],
      [['frobnicate'], 2],
      [['status', '--frobnicate'], 2],
    ];
    const results = await Promise.all(cases.map(([args]) => csm(dir, ...args)));
    for (const [i, r] of results.entries())
      expect(r.code, (cases[i] as [string[], number])[0].join(' ')).toBe((cases[i] as [string[], number])[1]);
  });

  it('never prints ANSI escapes when stdout is not a TTY or NO_COLOR is set', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Colours');
    await csmJson(dir, 'task', 'add', 'Colourful');
    await csmJson(dir, 'task', 'start', 'task-1');
    const cmds = [['status'], ['task', 'list'], ['task', 'start', 'task-1'], ['nope']];
    const runs = [
      ...cmds.map((args) => ({ env: { TERM: 'xterm-256color' } as Record<string, string>, args })),
      ...cmds.map((args) => ({ env: { NO_COLOR: '1' } as Record<string, string>, args })),
      { env: { FORCE_COLOR: '1', TERM: 'xterm-256color' }, args: ['status'] },
    ];
    const results = await Promise.all(runs.map(({ env, args }) => csm(dir, ...args, { env })));
    for (const [i, r] of results.entries()) {
      const { env, args } = runs[i] as (typeof runs)[number];
      expect(ANSI.test(r.stdout) || ANSI.test(r.stderr), `${args.join(' ')} ${JSON.stringify(env)}`).toBe(false);
    }
  });

  it('colours on a real TTY, and not on a TTY with NO_COLOR', async () => {
    let hasScript = true;
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
    } catch {
      hasScript = false;
    }
    if (!hasScript) return; // util-linux `script` gives a pseudo-terminal; without it the TTY half cannot be checked
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'TTY');
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
    delete env.NO_COLOR;
    const tty = (extra: string) =>
      execFileSync(
        'script',
        ['-qec', `${extra} ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} status`, '/dev/null'],
        { cwd: dir, encoding: 'utf8', env },
      );
    expect(tty('env -u NO_COLOR')).toMatch(ANSI);
    expect(tty('env NO_COLOR=1')).not.toMatch(ANSI);
  });
});
