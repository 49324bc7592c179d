import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema, type CsmConfig } from '../../src/contracts/config-schema.ts';
import type { GateResult } from '../../src/contracts/events.ts';
import { readProjectFacts } from '../../src/adapters/gates/project-facts.ts';
import { changedFiles } from '../../src/adapters/git/changed-files.ts';
import { runCommand, runParallel } from '../../src/adapters/process/run-command.ts';
import { readLedger } from '../../src/adapters/store/ledger.ts';
import { storePaths } from '../../src/adapters/store/paths.ts';
import { SessionStore } from '../../src/usecases/session/session-store.ts';
import { runGates, type GateTrigger } from '../../src/usecases/gates/run-gates.ts';
import { afterGates } from '../../src/domain/gates/stop-policy.ts';

// ---- temp repos: always under os.tmpdir(), always removed ----
const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'csm-gates-')));
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

function write(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
}

/** A git repo with `files` committed and an active csm session based on that commit. */
async function repo(files: Record<string, string>, config: Record<string, unknown> = {}) {
  const root = tempDir();
  git(root, 'init', '-q', '-b', 'main');
  write(root, { '.gitignore': '.claude/.csm/\n', ...files });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'init');
  const base = git(root, 'rev-parse', 'HEAD').trim();
  const store = new SessionStore(storePaths(root), { now: () => new Date(), idleMinutes: 15 });
  await store.create('001', [
    { type: 'session.started', session: '001', objectives: ['o'], workflow: null, branch: 'main', baseCommit: base },
  ]);
  const cfg: CsmConfig = configSchema().parse({ docsCheck: { enabled: false }, ...config });
  const run = async (trigger: GateTrigger = 'stop', extra: { only?: string[]; force?: boolean } = {}) => {
    const state = store.load('001').state;
    return runGates({ root, store, sessionId: '001', state, config: cfg, trigger, now: () => new Date(), ...extra });
  };
  return { root, store, run };
}

/** Alive and not a zombie (in a container, PID 1 may never reap the killed child). */
function isRunning(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return !fs.existsSync('/proc/self');
    } catch {
      return false;
    }
  }
}

const byName = (results: GateResult[], name: string): GateResult => {
  const r = results.find((x) => x.name === name);
  if (!r) throw new Error(`no result for ${name}: ${results.map((x) => x.name).join(', ')}`);
  return r;
};

const FAILING_TEST = `process.stdout.write('RUN sum.test.js\\n');
console.error(' FAIL  sum.test.js > adds');
console.error('AssertionError: expected 3 to be 4');
console.error(' ❯ sum.test.js:4:17');
process.exit(1);
`;
const pkg = (scripts: Record<string, string>): string => JSON.stringify({ name: 'x', private: true, scripts });

describe('runGates', () => {
  it('fails a failing test script with its failing lines, records it, and Stop blocks', async () => {
    const { root, run } = await repo({ 'package.json': pkg({ test: 'node check.js' }), 'check.js': FAILING_TEST });
    const { results, ranAny } = await run();
    const test = byName(results, 'test');
    expect(ranAny).toBe(true);
    expect(test).toMatchObject({ status: 'fail', blocking: true, command: 'npm run test', cached: false });
    expect(test.summary).toContain('AssertionError: expected 3 to be 4');
    expect(test.summary).toContain('sum.test.js:4:17');
    const d = afterGates(results, { consecutiveBlocks: 0, blockCap: 3 });
    expect(d.action).toBe('block');
    if (d.action === 'block') expect(d.reason).toContain('re-run: npm run test');
    const events = readLedger(storePaths(root).sessionFile('001', 'events.jsonl')).events;
    const gateRun = events.find((e) => e.type === 'gate.run');
    expect(gateRun).toMatchObject({ type: 'gate.run', trigger: 'stop' });
  });

  it('passes, then reports a cached pass with nothing changed, and re-runs after a change', async () => {
    const { root, run } = await repo({ 'package.json': pkg({ test: 'node ok.js' }), 'ok.js': 'console.info("ok")\n' });
    const first = byName((await run()).results, 'test');
    expect(first).toMatchObject({ status: 'pass', cached: false });

    const second = await run();
    expect(byName(second.results, 'test')).toMatchObject({ status: 'pass', cached: true, durationMs: 0 });
    expect(second.ranAny).toBe(false);

    write(root, { 'README.md': '# docs only\n' }); // not covered by the test gate
    expect(byName((await run()).results, 'test').cached).toBe(true);

    write(root, { 'ok.js': 'console.info("changed")\n' });
    const third = byName((await run()).results, 'test');
    expect(third).toMatchObject({ status: 'pass', cached: false });
    expect(byName((await run('stop', { force: true })).results, 'test').cached).toBe(false);
  });

  it('re-runs a failed gate on demand, but on Stop reports an unchanged failure without re-running or blocking', async () => {
    const { run } = await repo({ 'package.json': pkg({ test: 'node check.js' }), 'check.js': FAILING_TEST });
    await run();
    expect(byName((await run('manual')).results, 'test')).toMatchObject({
      status: 'fail',
      cached: false,
      blocking: true,
    });
    const again = byName((await run('stop')).results, 'test');
    expect(again).toMatchObject({ status: 'fail', cached: true, blocking: false });
    expect(again.summary).toMatch(/still failing, unchanged since/);
    expect(byName((await run('stop', { force: true })).results, 'test')).toMatchObject({
      status: 'fail',
      cached: false,
    });
  });

  it('ignores a corrupt cache file', async () => {
    const { root, run } = await repo({ 'package.json': pkg({ test: 'node -e 0' }) });
    await run();
    fs.writeFileSync(path.join(storePaths(root).local, 'gate-cache.json'), '{not json');
    expect(byName((await run()).results, 'test')).toMatchObject({ status: 'pass', cached: false });
    expect(byName((await run()).results, 'test').cached).toBe(true);
  });

  it('reports a missing tool as an error that never blocks', async () => {
    const { run } = await repo({}, { gates: [{ name: 'tool', command: 'csm-no-such-tool-xyz --check' }] });
    const { results } = await run();
    const tool = byName(results, 'tool');
    expect(tool).toMatchObject({ status: 'error', blocking: false });
    expect(tool.summary).toMatch(/^command not found/);
    expect(afterGates(results, { consecutiveBlocks: 0, blockCap: 3 })).toMatchObject({ action: 'allow' });
  });

  it('reports a missing tool behind an npm script as an error', async () => {
    const { run } = await repo({ 'package.json': pkg({ test: 'csm-no-such-runner-xyz run' }) });
    expect(byName((await run()).results, 'test')).toMatchObject({ status: 'error', blocking: false });
  });

  it('reports a crash by signal as an error', async () => {
    const { run } = await repo({}, { gates: [{ name: 'crash', command: 'kill -9 $$' }] });
    const crash = byName((await run()).results, 'crash');
    expect(crash.status).toBe('error');
    expect(crash.summary).toMatch(/crashed/);
  });

  it('times a gate out, as an error, and kills its process group', async () => {
    const { root, run } = await repo(
      {},
      { gates: [{ name: 'slow', command: 'sleep 30 & echo $! > bg.pid; wait', timeout: 1 }] },
    );
    const slow = byName((await run()).results, 'slow');
    expect(slow).toMatchObject({ status: 'error', blocking: false });
    expect(slow.summary).toMatch(/timed out/);
    const pid = Number(fs.readFileSync(path.join(root, 'bg.pid'), 'utf8'));
    expect(isRunning(pid)).toBe(false);
  });

  it('runs gates in parallel: three gates that each wait for the other two to start all pass', async () => {
    // A rendezvous instead of a stopwatch: run one after another, the first gate would wait for
    // the others until its time limit and fail; together, all three see each other and pass.
    const names = ['a', 'b', 'c'];
    const waitFor = (name: string): string =>
      `touch ${name}.started; n=0; while [ "$(ls *.started | wc -l)" -lt 3 ]; do n=$((n+1)); sleep 0.05; done; echo "waited $n"`;
    const gates = names.map((name) => ({ name, command: waitFor(name), timeout: 120 }));
    const { run } = await repo({}, { gates, consoleCheck: { enabled: false } });
    const { results } = await run();
    expect(results.map((r) => `${r.name}:${r.status}`)).toEqual(['a:pass', 'b:pass', 'c:pass']);
  });

  it('finds debug leftovers in the lines added this session', async () => {
    const { root, run } = await repo({ 'src/a.ts': 'export const a = 1;\nconsole.log("old");\n' });
    expect(byName((await run()).results, 'no-console').status).toBe('pass');
    write(root, {
      'src/a.ts': 'export const a = 1;\nconsole.log("old");\nconsole.log("new");\n',
      'src/b.ts': 'debugger;\n',
      'test/c.test.ts': 'console.log(1)\n',
    });
    const r = byName((await run()).results, 'no-console');
    expect(r).toMatchObject({ status: 'fail', blocking: true, command: null });
    expect(r.summary).toContain('src/a.ts:3: console.log("new");');
    expect(r.summary).not.toContain('src/a.ts:2');
    expect(r.summary).not.toContain('c.test.ts');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'wip'); // committed this session: still found (diff from the base commit)
    expect(byName((await run()).results, 'no-console').status).toBe('fail');
  });

  it('flags source changed without docs (advisory) on task-done', async () => {
    const { root, run } = await repo({ 'src/a.ts': 'export const a = 1;\n' }, { docsCheck: { enabled: true } });
    expect((await run('stop')).results.some((r) => r.name === 'docs')).toBe(false);
    write(root, { 'src/a.ts': 'export const a = 2;\n' });
    expect(byName((await run('task-done')).results, 'docs')).toMatchObject({ status: 'fail', blocking: false });
    write(root, { 'CHANGELOG.md': '- a is 2\n' });
    expect(byName((await run('task-done')).results, 'docs').status).toBe('pass');
  });

  it('runs only the named gates and reports unknown names', async () => {
    const { run } = await repo({ 'package.json': pkg({ test: 'node -e 0', lint: 'node -e "0"' }) });
    const { results } = await run('manual', { only: ['lint', 'nope'] });
    expect(results.map((r) => `${r.name}:${r.status}`)).toEqual(['lint:pass', 'nope:skipped']);
    expect(byName(results, 'nope').summary).toContain('known: lint, test, no-console');
  });
});

describe('runCommand', () => {
  it('keeps the head and the tail of a long output', async () => {
    const root = tempDir();
    const r = await runCommand(`node -e "for (let i = 0; i < 20000; i++) console.log('line ' + i)"`, {
      cwd: root,
      timeoutMs: 60_000,
      maxOutputBytes: 4096,
    });
    expect(r.exitCode).toBe(0);
    expect(r.output.startsWith('line 0\n')).toBe(true);
    expect(r.output.trimEnd().endsWith('line 19999')).toBe(true);
    expect(r.output).toMatch(/… \d+ bytes of output omitted …/);
    expect(r.output.length).toBeLessThan(4300);
  });

  it('reports exit code, not-found and the combined output', async () => {
    const root = tempDir();
    expect(await runCommand('echo out; echo err >&2; exit 3', { cwd: root, timeoutMs: 60_000 })).toMatchObject({
      exitCode: 3,
      notFound: false,
      timedOut: false,
      output: 'out\nerr\n',
    });
    expect(await runCommand('csm-no-such-tool-xyz', { cwd: root, timeoutMs: 60_000 })).toMatchObject({
      exitCode: 127,
      notFound: true,
    });
  });

  it('returns when the command exits even if a background child holds the pipes', async () => {
    const root = tempDir();
    // The background child marks its own end: had runCommand waited for the pipes to close, the
    // mark would be there by the time it returned.
    const r = await runCommand('(sleep 20; touch child-ended) & echo started', { cwd: root, timeoutMs: 120_000 });
    expect(r).toMatchObject({ exitCode: 0, timedOut: false });
    expect(r.output).toContain('started');
    expect(fs.existsSync(path.join(root, 'child-ended')), 'returned before the background child ended').toBe(false);
  });

  it('runParallel keeps order and respects the concurrency', async () => {
    let active = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 20 - i));
      active--;
      return i;
    };
    expect(await runParallel([0, 1, 2, 3, 4].map(task), 2)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(await runParallel([], 3)).toEqual([]);
  });
});

describe('changedFiles', () => {
  it('lists modified, untracked, renamed and deleted files, without .claude/', async () => {
    const { root } = await repo({ 'a.ts': 'a\n', 'b.ts': 'b\n', 'c.ts': 'c\n' });
    write(root, { 'a.ts': 'a2\n', 'new/n.ts': 'n\n' });
    git(root, 'mv', 'b.ts', 'b2.ts');
    fs.rmSync(path.join(root, 'c.ts'));
    const ch = await changedFiles(root);
    expect(ch.isRepo).toBe(true);
    expect(ch.head).toMatch(/^[0-9a-f]{40}$/);
    expect(ch.entries.map((e) => e.path)).toEqual(['a.ts', 'b2.ts', 'c.ts', 'new/n.ts']);
    expect(ch.entries.find((e) => e.path === 'c.ts')?.size).toBe(-1);
    expect(ch.entries.find((e) => e.path === 'a.ts')?.size).toBe(3);
  });

  it('walks the tree outside git, skipping node_modules', async () => {
    const root = tempDir();
    write(root, { 'a.ts': 'a', 'node_modules/x/i.js': 'x', 'src/b.ts': 'b', '.claude/x.md': 'c' });
    const ch = await changedFiles(root);
    expect(ch).toMatchObject({ isRepo: false, head: null });
    expect(ch.entries.map((e) => e.path)).toEqual(['a.ts', 'src/b.ts']);
  });

  it('has no head in a repo without commits', async () => {
    const root = tempDir();
    git(root, 'init', '-q');
    write(root, { 'a.ts': 'a' });
    expect(await changedFiles(root)).toMatchObject({ isRepo: true, head: null, entries: [{ path: 'a.ts' }] });
  });
});

describe('readProjectFacts', () => {
  it('reads package.json, the lockfile, tsconfig, Makefile, cargo, go and pytest', () => {
    const root = tempDir();
    write(root, {
      'package.json': JSON.stringify({ scripts: { test: 'vitest', n: 3 }, devDependencies: { typescript: '^5' } }),
      'pnpm-lock.yaml': '',
      'tsconfig.json': '{}',
      Makefile: 'CC := gcc\n.PHONY: test\ntest: build\n\tgo test ./...\nbuild lint:\n\techo\n%.o: %.c\n',
      'Cargo.toml': '',
      'go.mod': 'module x\n',
      'pyproject.toml': '[tool.pytest.ini_options]\n',
    });
    expect(readProjectFacts(root)).toEqual({
      node: {
        scripts: { test: 'vitest' },
        packageManager: 'pnpm',
        hasTypescript: true,
        testFiles: { mocha: 'none', ava: null },
      },
      hasTsconfig: true,
      makeTargets: ['test', 'build', 'lint'],
      hasCargo: true,
      hasGoMod: true,
      hasPytest: true,
      unittest: null,
      venvPytest: null,
      windows: false,
      rustfmtConfig: false,
      clippyConfig: false,
      ruff: null,
      mypy: null,
    });
  });

  it('treats a broken package.json as no Node project and finds tests/test_*.py', () => {
    const root = tempDir();
    write(root, { 'package.json': '{oops', 'tests/test_app.py': '', '.venv/bin/pytest': '', 'package-lock.json': '' });
    expect(readProjectFacts(root)).toMatchObject({ node: null, hasPytest: true, venvPytest: '.venv/bin/pytest' });
  });

  it('tells unittest tests from pytest ones: unittest only when every test file is a TestCase and nothing uses pytest', () => {
    const unit = 'import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass\n';
    const bare = 'def test_a():\n    assert 1\n';
    const a = tempDir();
    write(a, {
      'tests/__init__.py': '',
      'tests/test_a.py': unit,
      'tests/test_b.py': unit.replace('import unittest', 'import os\nimport unittest'),
    });
    expect(readProjectFacts(a)).toMatchObject({ hasPytest: false, unittest: 'python3 -m unittest' });
    const b = tempDir();
    write(b, { 'test/test_a.py': unit });
    expect(readProjectFacts(b)).toMatchObject({ hasPytest: false, unittest: 'python3 -m unittest discover -s test' });
    // one bare test function (only pytest collects it), an import of pytest, or pytest configured: pytest
    const variants: Record<string, string>[] = [
      { 'tests/test_b.py': bare },
      { 'tests/test_b.py': `import pytest\n${unit}` },
      { 'pytest.ini': '[pytest]\n' },
    ];
    for (const files of variants) {
      const c = tempDir();
      write(c, { 'tests/test_a.py': unit, ...files });
      expect(readProjectFacts(c), JSON.stringify(files)).toMatchObject({ hasPytest: true, unittest: null });
    }
  });

  it('prefers the packageManager field', () => {
    const root = tempDir();
    write(root, { 'package.json': JSON.stringify({ packageManager: 'yarn@4.1.0' }), 'package-lock.json': '' });
    expect(readProjectFacts(root).node?.packageManager).toBe('yarn');
  });
});
