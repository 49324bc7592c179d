/**
 * Stop on a project whose checks already fail before the session (issue 14): the built CLI and
 * hooks in real git repos running real node:test suites. What blocks is what the session broke;
 * what failed before is reported as such; a revert releases and leaves no stale failure behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterStopRun } from './support/after-stop.ts';
import { createTempRepo, csm, csmJson, readLedger, runHook, writeFiles } from './support/temp-repo.ts';

const SESSION = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const stopPayload = (dir: string): Record<string, unknown> => ({
  session_id: SESSION,
  transcript_path: path.join(dir, '.t.jsonl'),
  cwd: dir,
  hook_event_name: 'Stop',
  stop_hook_active: false,
  background_tasks: [],
  session_crons: [],
});
const stop = async (dir: string): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const r = await runHook('stop', stopPayload(dir));
  expect(r.code).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

const MATH = 'exports.add = (a, b) => a + b;\nexports.sub = (a, b) => a - b;\n';
const TESTS = [
  "const { test } = require('node:test');",
  "const assert = require('node:assert/strict');",
  "const { add, sub } = require('../src/math.js');",
  "test('adds', () => assert.equal(add(2, 3), 5));",
  "test('subtracts', () => assert.equal(sub(5, 3), 2));",
  // broken before the session: the project's own failure, not Claude's
  "test('knows the answer', () => assert.equal(40 + 1, 42));",
  '',
].join('\n');

function project(): string {
  return createTempRepo({
    files: {
      'package.json': `${JSON.stringify({ name: 'p', private: true, scripts: { test: 'node --test --test-reporter=spec test/' } }, null, 2)}\n`,
      'src/math.js': MATH,
      'test/math.test.js': TESTS,
      '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
    },
  });
}

describe('Stop against the baseline csm start records', () => {
  it('reports a failure that was there before and does not block; blocks on a new one, naming only it; a revert releases and clears it', async () => {
    const dir = project();
    const started = await csmJson<{ baseline: { name: string; status: string; totals?: { failed: number } }[] }>(
      dir,
      'start',
      'Add multiply',
    );
    expect(started.baseline).toEqual([
      expect.objectContaining({ name: 'test', status: 'fail', totals: expect.objectContaining({ failed: 1 }) }),
    ]);
    const text = await csm(dir, 'status');
    expect(text.stdout).toMatch(/failing since before this session: test/);

    // an unrelated, correct change: the old failure is reported, not blocking
    writeFiles(dir, { 'src/math.js': `${MATH}exports.mul = (a, b) => a * b;\n` });
    const ok = await stop(dir);
    expect(ok.decision).toBeUndefined();
    expect(ok.systemMessage).toMatch(/test failing since before this session, nothing new — not blocking/);

    // a regression: only the new failure is the reason
    writeFiles(dir, { 'src/math.js': MATH.replace('a - b', 'a + b') });
    const blocked = await stop(dir);
    expect(blocked.decision).toBe('block');
    expect(blocked.reason).toMatch(/1 failure is new this session \(1 failed before it\)/);
    expect(blocked.reason).toMatch(/✗ subtracts \(test\/math\.test\.js:5:1\)/);
    expect(blocked.reason).toMatch(/expected: 2/);
    expect(blocked.reason).not.toMatch(/knows the answer/);
    expect(blocked.reason).not.toMatch(/✔|ℹ pass/);
    expect(blocked.reason?.length).toBeLessThan(4000);

    // the revert: tree as the session found it — released, counter reset, no stale failure
    writeFiles(dir, { 'src/math.js': MATH });
    const back = await stop(dir);
    expect(back.decision).toBeUndefined();
    const status = await csmJson<{ gates: { failing: string[]; preexisting: string[] } }>(dir, 'status');
    expect(status.gates.failing).toEqual([]);
    expect(status.gates.preexisting).toEqual(['test']);
    const counter = JSON.parse(fs.readFileSync(path.join(dir, '.claude/.csm/claude', `${SESSION}.json`), 'utf8')) as {
      consecutiveBlocks: number;
    };
    expect(counter.consecutiveBlocks).toBe(0);
    const runs = readLedger(dir)
      .filter((e) => e.type === 'gate.run')
      .map((e) => e.trigger);
    expect(runs[0]).toBe('baseline');
  });

  it('blocks on a failure that was there before too with stop.blockOnPreexisting', async () => {
    const dir = project();
    writeFiles(dir, {
      '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false }, stop: { blockOnPreexisting: true } })}\n`,
    });
    await csmJson(dir, 'start', 'Strict');
    writeFiles(dir, { 'src/math.js': `${MATH}exports.mul = (a, b) => a * b;\n` });
    const r = await stop(dir);
    expect(r.decision).toBe('block');
    expect(r.reason).toMatch(/failing since before this session/);
  });

  it('without a baseline (csm start --no-baseline), a failing gate blocks as before', async () => {
    const dir = project();
    await csmJson(dir, 'start', 'No baseline', '--no-baseline');
    writeFiles(dir, { 'src/math.js': `${MATH}exports.mul = (a, b) => a * b;\n` });
    const r = await stop(dir);
    expect(r.decision).toBe('block');
    expect(r.reason).toMatch(/knows the answer/);
  });
});

describe('an advisory gate (a lint: it cannot block)', () => {
  it('is not run on Stop, where the user waits; after a Stop that lets Claude go, in the background; the baseline, task-done and complete run it', async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'p', private: true, scripts: { test: 'node --test test/', lint: 'node lint.js' } }, null, 2)}\n`,
        // a slow lint that fails here whatever the session does, and counts its runs
        'lint.js':
          "require('node:fs').appendFileSync('lint-runs.txt', 'x');\nconsole.error('lint: 3 problems');\nprocess.exit(1);\n",
        'src/math.js': MATH,
        'test/math.test.js': TESTS.replace(/.*knows the answer.*\n/, ''),
        '.gitignore': 'lint-runs.txt\n',
        '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
      },
    });
    const started = await csmJson<{ baseline: { name: string; status: string }[] }>(dir, 'start', 'Advisory');
    expect(started.baseline.find((g) => g.name === 'lint')?.status).toBe('fail');
    const runs = (): number => fs.readFileSync(path.join(dir, 'lint-runs.txt'), 'utf8').length;
    expect(runs()).toBe(1);
    writeFiles(dir, { 'src/math.js': `${MATH}exports.mul = (a, b) => a * b;\n` });
    const r = await stop(dir);
    expect(r.decision, r.reason).toBeUndefined();
    expect(r.systemMessage ?? '').not.toMatch(/lint/);
    // once Stop let Claude go: in the background, failing as before the session (nothing new)
    const later = await afterStopRun(dir);
    expect(later.results).toEqual([expect.objectContaining({ name: 'lint', status: 'fail', preexisting: true })]);
    expect(runs()).toBe(2);
    // a regression in the tests still blocks; a Stop that blocks starts nothing after it
    writeFiles(dir, { 'src/math.js': MATH.replace('a - b', 'a + b') });
    expect((await stop(dir)).decision).toBe('block');
    expect(runs()).toBe(2);
    writeFiles(dir, { 'src/math.js': MATH });
    const all = await csmJson<{ results: { name: string; status: string }[] }>(dir, 'gates');
    expect(all.results.find((g) => g.name === 'lint')?.status).toBe('fail');
    expect(runs()).toBe(3);
  });
});

describe("the project's checks, each once", () => {
  it('runs a lint that `test` already runs once, inside test, and not as a gate of its own', async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'p', private: true, scripts: { test: 'npm run lint && node --test test/', lint: 'node lint.js' } }, null, 2)}\n`,
        'lint.js': "require('node:fs').appendFileSync('lint-runs.txt', 'x');\n",
        'test/a.test.js': "require('node:test')('ok', () => {});\n",
        '.gitignore': 'lint-runs.txt\n',
      },
    });
    const r = await csmJson<{ baseline: { name: string }[] }>(dir, 'start', 'Once');
    expect(r.baseline.map((g) => g.name)).toEqual(['test', 'no-console']);
    expect(fs.readFileSync(path.join(dir, 'lint-runs.txt'), 'utf8')).toBe('x');
  });
});
