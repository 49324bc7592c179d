import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/contracts/config.ts';
import type { GateResult, NewEvent, TaskSpec } from '../../src/contracts/events.ts';
import { changedFiles } from '../../src/adapters/git/changed-files.ts';
import { numstatSince } from '../../src/adapters/git/git.ts';
import { readLedger } from '../../src/adapters/store/ledger.ts';
import { storePaths } from '../../src/adapters/store/paths.ts';
import { SessionStore } from '../../src/usecases/session/session-store.ts';
import { completeSession } from '../../src/usecases/session/complete-session.ts';
import { refreshInterimReports, writeReports } from '../../src/usecases/reports/write-reports.ts';
import { main } from '../../src/cli/main.ts';
import { sparkline } from '../../src/domain/reports/metrics-trend.ts';
import { reportBody } from '../../src/domain/reports/report-render.ts';
import { renderCompleted } from '../../src/domain/reports/report-render.ts';
import { renderReview } from '../../src/domain/reports/review-render.ts';
import { buildReportData } from '../../src/domain/reports/session-report.ts';
import { foldEvents } from '../../src/domain/tasks/fold-events.ts';

// ---- temp repos: always under os.tmpdir(), always removed ----
const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  delete process.env.CSM_NOW;
  vi.restoreAllMocks();
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'csm-reports-')));
  if (!dir.startsWith(fs.realpathSync(os.tmpdir())) || dir === process.cwd()) throw new Error(`refusing to use ${dir}`);
  made.push(dir);
  return dir;
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
const git = (root: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: root, env: GIT_ENV, encoding: 'utf8' });
const write = (root: string, files: Record<string, string>): void => {
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
};

const T0 = Date.parse('2026-11-25T09:00:00.000Z');
const spec = (n: number, over: Partial<TaskSpec>): TaskSpec => ({
  id: `task-${n}`,
  title: `Task ${n}`,
  agent: 'backend-specialist',
  estimatedMinutes: 10,
  files: [],
  tests: [],
  criteria: [],
  dependsOn: [],
  expectedLines: null,
  ...over,
});
const gate = (
  status: 'pass' | 'fail',
  summary = status === 'pass' ? 'passed in 0.2 s' : 'FAIL test/sum.test.js\nAssertionError: expected -1 to be 3',
): GateResult => ({
  name: 'test',
  status,
  blocking: true,
  durationMs: 200,
  command: 'npm run test',
  summary,
  fingerprint: null,
  cached: false,
});
const edited = (p: string, task: string | null, added: number, removed: number): NewEvent => ({
  type: 'file.edited',
  path: p,
  tool: 'Edit',
  added,
  removed,
  task,
  claudeSession: 'c1',
  agentId: null,
  agentType: null,
});

/** A repo with one commit and session 001 based on it; a clock the test moves by minutes. */
async function session(pkgTest = 'node test/sum.test.js') {
  const root = tempDir();
  git(root, 'init', '-q', '-b', 'main');
  write(root, {
    '.gitignore': '.claude/.csm/\n',
    'package.json': JSON.stringify({ name: 't', version: '1.0.0', scripts: { test: pkgTest } }),
    'src/sum.js': 'module.exports = (a, b) => a - b;\n',
    'README.md': '# t\n',
  });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'init');
  const base = git(root, 'rev-parse', 'HEAD').trim();
  let clock = T0;
  const store = new SessionStore(storePaths(root), { now: () => new Date(clock), idleMinutes: 15 });
  const config = structuredClone(DEFAULT_CONFIG);
  const at = (min: number): void => {
    clock = T0 + min * 60_000;
  };
  const append = async (min: number, ...events: NewEvent[]): Promise<void> => {
    at(min);
    await store.append('001', events);
  };
  await store.create('001', [
    {
      type: 'session.started',
      session: '001',
      objectives: ['Fix sum', 'Document it'],
      workflow: null,
      branch: 'main',
      baseCommit: base,
    },
    { type: 'task.added', task: spec(1, { title: 'Fix sum', estimatedMinutes: 20, tests: ['sum(1, 2) is 3'] }) },
    {
      type: 'task.added',
      task: spec(2, {
        title: 'Document sum',
        estimatedMinutes: 10,
        dependsOn: ['task-1'],
        agent: 'documentation-writer',
      }),
    },
    { type: 'task.added', task: spec(3, { title: 'Publish', estimatedMinutes: 15 }) },
  ]);
  await store.setActive('001');
  return { root, base, store, config, at, append, now: () => new Date(clock) };
}

/** The session of the brief: a fixed test, a doc change, a forced completion, committed and uncommitted work. */
async function drive() {
  const s = await session();
  const { root, append } = s;
  await append(1, { type: 'gate.run', trigger: 'start', results: [gate('pass')] });
  await append(2, { type: 'task.started', id: 'task-1' });
  write(root, {
    'test/sum.test.js':
      "const sum = require('../src/sum.js');\nconst assert = require('node:assert');\nassert.strictEqual(sum(1, 2), 3);\nconsole.error('ok');\n",
  });
  await append(3, edited('test/sum.test.js', 'task-1', 4, 0));
  await append(5, { type: 'gate.run', trigger: 'stop', results: [gate('fail')] });
  write(root, { 'src/sum.js': 'module.exports = (a, b) => a + b;\n' });
  await append(8, edited('src/sum.js', 'task-1', 1, 1));
  await append(
    10,
    { type: 'gate.run', trigger: 'stop', results: [gate('pass')] },
    {
      type: 'evidence.command',
      command: 'npm test',
      kind: 'test',
      outcome: 'pass',
      task: 'task-1',
      claudeSession: 'c1',
    },
  );
  await append(11, {
    type: 'task.completed',
    id: 'task-1',
    output: 'Decision: sum stays CommonJS',
    forced: false,
    noCode: false,
    missing: [],
  });
  git(root, 'add', 'test');
  git(root, 'commit', '-q', '-m', 'test');
  await append(13, { type: 'task.started', id: 'task-2' });
  fs.appendFileSync(path.join(root, 'README.md'), '\nsum(a, b) adds.\n');
  await append(15, edited('README.md', 'task-2', 2, 0));
  await append(16, {
    type: 'task.completed',
    id: 'task-2',
    output: null,
    forced: true,
    noCode: false,
    missing: ['no passing gate run after the last edit of task-2'],
  });
  write(root, { 'data/values.csv': 'a\nb\nc\n' }); // a change made outside Claude: no edit event
  return s;
}

/** What git itself says changed since `base` (tracked diff + untracked files), .claude/ left out. */
function gitTotals(root: string, base: string): { files: number; added: number; removed: number } {
  const rows = git(root, 'diff', '--numstat', base, '--', '.', ':(exclude).claude')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const untracked = git(root, 'ls-files', '--others', '--exclude-standard')
    .split('\n')
    .filter((p) => p && !p.startsWith('.claude/'));
  const lines = (p: string): number => fs.readFileSync(path.join(root, p), 'utf8').split('\n').length - 1;
  return {
    files: rows.length + untracked.length,
    added: rows.reduce((n, r) => n + Number(r[0]), 0) + untracked.reduce((n, p) => n + lines(p), 0),
    removed: rows.reduce((n, r) => n + Number(r[1]), 0),
  };
}

const read = (f: string): string => fs.readFileSync(f, 'utf8');

describe('writeReports on a real repository', () => {
  it('writes both reports with the numbers of the ledger and git', async () => {
    const { root, base, store, config, at, now } = await drive();
    at(18);
    const w = await writeReports(store, config, '001', { now: now() });
    const d = w.data;
    expect(d.counts).toEqual({
      tasksPlanned: 3,
      tasksCompleted: 2,
      testsWritten: 1,
      testsPassed: 1,
      bugsFixed: 0,
      bugsIntroduced: 0,
      regressionsCaught: 1,
      linesAdded: 10,
      linesRemoved: 1,
      timeSpent: 16,
      timeEstimated: 45,
    });
    expect(d.files.map((f) => [f.path, f.added, f.removed, f.kind])).toEqual([
      ['data/values.csv', 3, 0, 'other'],
      ['README.md', 2, 0, 'doc'],
      ['src/sum.js', 1, 1, 'source'],
      ['test/sum.test.js', 4, 0, 'test'],
    ]);
    const m = d.metrics;
    expect([m.completionRate.num, m.completionRate.den, m.qualityScore.num, m.qualityScore.den]).toEqual([2, 3, 3, 4]);
    expect([m.timeEfficiency.num, m.timeEfficiency.den, m.docCoverage.num, m.docCoverage.den]).toEqual([12, 30, 1, 1]);
    // the test gate broke and was fixed within the session: caught, not a bug
    expect(d.score.value).toBe(82); // round(100 × (35×2/3 + 25×3/4 + 15×1 + 15×1 + 10×1) ÷ 100) = round(82.08)

    const completed = read(w.files.completed);
    const review = read(w.files.review);
    expect(completed.split('\n')[2]).toBe('> in progress as of 2026-11-25 09:18 UTC; final on `csm complete`');
    const t = gitTotals(root, base);
    // tables are aligned as the formatters align them: compared with single spaces
    const squash = (s: string): string => s.replace(/ {2,}/g, ' ');
    expect(squash(completed)).toContain(`| **total (${t.files} files)** | **${t.added}** | **${t.removed}** | |`);
    expect(squash(completed)).toContain(
      '| task-2 | Document sum | documentation-writer | completed (forced) | 10 | 3 | README.md |',
    );
    expect(review).toContain('## 🏁 Score: 82 / 100');
    expect(review).toContain(
      '- task-2 Document sum — completed 2026-11-25 09:16 UTC without: no passing gate run after the last edit of task-2',
    );
  });

  it('every number in the reports is reproducible from the ledger and git', async () => {
    const { root, base, store, config, at, now } = await drive();
    at(18);
    const w = await writeReports(store, config, '001', { now: now() });
    // Rebuild from the two sources only: the ledger file and git.
    const { events } = readLedger(storePaths(store.root).sessionFile('001', 'events.jsonl'));
    const state = foldEvents('001', events);
    const data = buildReportData({
      state,
      numstat: await numstatSince(root, state.baseCommit),
      idleMs: 15 * 60_000,
      config,
      ledger: events,
    });
    const completed = read(w.files.completed);
    const review = read(w.files.review);
    const heading = (completed.split('\n')[2] ?? '').slice(2);
    expect(renderCompleted(data, heading)).toBe(completed);
    expect(renderReview(data, heading)).toBe(review);
    // and git agrees with the adapter's numstat
    const t = gitTotals(root, base);
    expect([data.files.length, data.counts.linesAdded, data.counts.linesRemoved]).toEqual([
      t.files,
      t.added,
      t.removed,
    ]);
  });
});

describe('refreshInterimReports (Stop)', () => {
  it('writes only when the ledger, HEAD or the working tree changed, and never touches gate inputs', async () => {
    const { root, store, config, append, now } = await drive();
    const before = await changedFiles(root);
    const first = await refreshInterimReports(store, config, '001', now);
    expect(first).toMatchObject({ status: 'written', changed: ['no previous write'], readyToComplete: false });
    expect(await changedFiles(root)).toEqual(before); // reports live in .claude/: no fingerprint input moved
    expect(await refreshInterimReports(store, config, '001', now)).toEqual({
      status: 'unchanged',
      readyToComplete: false,
    });

    fs.appendFileSync(path.join(root, 'src/sum.js'), '// more\n');
    expect(await refreshInterimReports(store, config, '001', now)).toMatchObject({
      status: 'written',
      changed: ['diff'],
    });
    await append(20, { type: 'task.started', id: 'task-3' });
    expect(await refreshInterimReports(store, config, '001', now)).toMatchObject({
      status: 'written',
      changed: expect.arrayContaining(['ledger']),
    });
    git(root, 'add', 'src');
    git(root, 'commit', '-q', '-m', 'wip');
    expect(await refreshInterimReports(store, config, '001', now)).toMatchObject({
      status: 'written',
      changed: expect.arrayContaining(['head']),
    });
    expect(await refreshInterimReports(store, config, '001', now)).toMatchObject({ status: 'unchanged' });

    fs.rmSync(storePaths(store.root).sessionFile('001', 'review.md'));
    expect(await refreshInterimReports(store, config, '001', now)).toMatchObject({
      status: 'written',
      changed: ['no previous write'],
    });
  });

  it('returns an error instead of throwing when a report cannot be written', async () => {
    const { store, config, now } = await drive();
    fs.mkdirSync(path.join(storePaths(store.root).sessionFile('001', 'completed.md'), 'blocker'), { recursive: true });
    const r = await refreshInterimReports(store, config, '001', now);
    expect(r.status).toBe('error');
    expect(fs.readdirSync(storePaths(store.root).sessions).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('completeSession', () => {
  it('final reports equal the last interim ones but for the heading; memory, history, plan docs, pointer', async () => {
    const { store, config, at, now } = await drive();
    at(18);
    await refreshInterimReports(store, config, '001', now);
    const interim = [
      read(storePaths(store.root).sessionFile('001', 'completed.md')),
      read(storePaths(store.root).sessionFile('001', 'review.md')),
    ];
    at(25);
    const r = await completeSession(store, config, '001', { runGates: false, auto: false, force: true, now: now() });
    const final = [read(r.files.completed), read(r.files.review)];
    expect(final[0]?.split('\n')[2]).toBe('> completed 2026-11-25 09:25 UTC');
    expect(final[0]).not.toBe(interim[0]);
    expect(final.map(reportBody)).toEqual(interim.map(reportBody));

    expect(r.warnings).toEqual([]);
    expect(r.memory).toEqual({ errors: 1, decisions: 1 });
    const errors = read(path.join(storePaths(store.root).memory, 'errors.md'));
    expect(errors).toContain('test gate failed: FAIL test/sum.test.js');
    expect(errors).toContain('- Fix: passed at 2026-11-25 09:10 UTC after edits to src/sum.js (task-1 Fix sum)');
    expect(read(path.join(storePaths(store.root).memory, 'decisions.md'))).toContain(
      'sum stays CommonJS\n\n- From task-1 Fix sum',
    );

    const history = read(storePaths(store.root).metricsHistory).trim().split('\n');
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0] ?? '')).toEqual({
      session: '001',
      completedAt: '2026-11-25T09:25:00.000Z',
      metrics: {
        tasksPlanned: 3,
        tasksCompleted: 2,
        testsWritten: 1,
        testsPassed: 1,
        bugsFixed: 0,
        bugsIntroduced: 0,
        linesAdded: 10,
        linesRemoved: 1,
        timeSpent: 16,
        timeEstimated: 45,
      },
      score: 82,
    });
    expect(read(storePaths(store.root).sessionFile('001', 'tests.md'))).toMatch(
      /- \[x\] All new tests pass — test passed/,
    );
    expect(store.activeSessionId()).toBeNull();
    expect(JSON.parse(read(storePaths(store.root).sessionFile('001', 'tasks.json'))).status).toBe('completed');

    // again: reports rewritten, nothing added twice
    const again = await completeSession(store, config, '001', { runGates: false, auto: false, now: now() });
    expect(again).toMatchObject({ alreadyCompleted: true, record: null, memory: { errors: 0, decisions: 0 } });
    expect(read(storePaths(store.root).metricsHistory).trim().split('\n')).toHaveLength(1);
    expect(await refreshInterimReports(store, config, '001', now)).toMatchObject({ status: 'skipped' });
    expect(read(r.files.completed)).toBe(final[0]);
  });

  it('runs the gates with trigger complete and reports them', async () => {
    const { store, config, at, now } = await session('node -e "process.exit(0)"');
    at(5);
    const r = await completeSession(store, config, '001', { runGates: true, auto: true, now });
    expect(r.gates?.find((g) => g.name === 'test')?.status).toBe('pass');
    const { events } = readLedger(storePaths(store.root).sessionFile('001', 'events.jsonl'));
    expect(events.map((e) => e.type).slice(-2)).toEqual(['gate.run', 'session.completed']);
    expect(read(r.files.completed)).toMatch(/\| 2026-11-25 09:05 UTC \| complete +\| .*test ✓/);
  });
});

describe('CLI: report, complete, metrics', () => {
  async function cli(root: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    const code = await main([...argv, '--cwd', root]);
    vi.restoreAllMocks();
    return { code, out, err };
  }

  it('report --print, complete --json --no-gates, metrics with a corrupt line', async () => {
    const { root, store } = await drive();
    process.env.CSM_NOW = '2026-11-25T09:30:00.000Z';
    const rep = await cli(root, 'report', '--print');
    expect(rep.code).toBe(0);
    expect(rep.out).toContain('> in progress as of 2026-11-25 09:30 UTC');
    expect(rep.out).toContain('# Session 001 Review');

    const done = await cli(root, 'complete', '--no-gates', '--force', '--json');
    expect(done.code).toBe(0);
    const json = JSON.parse(done.out) as { score: number; gates: unknown; files: { completed: string } };
    expect(json.gates).toBeNull();
    expect(json.files.completed).toBe('.claude/sessions/session-001-completed.md');

    fs.appendFileSync(storePaths(store.root).metricsHistory, '{"session": "002", oops\n');
    const m = await cli(root, 'metrics');
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^001\s+2026-11-25\s+2\/3/m);
    expect(m.out).toContain(`score  ${sparkline([json.score], { min: 0, max: 100 })}  (0–100; average ${json.score})`);
    expect(m.err).toContain('.claude/metrics-history.jsonl line 2 is not valid JSON (skipped)');
    const mj = JSON.parse((await cli(root, 'metrics', '--json', '--last', '1')).out) as {
      records: { score: number }[];
      problems: unknown[];
    };
    expect(mj.records.map((x) => x.score)).toEqual([json.score]);
    expect(mj.problems).toHaveLength(1);
  });
});
