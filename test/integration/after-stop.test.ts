/**
 * Advisory checks are off Stop's path but never silent (issue 25 §2): once Stop lets Claude go,
 * the same bundle runs them in the background on the tree Claude left, and a failure this
 * session caused reaches Claude as one line of the next prompt's update. Built bundles, a real
 * git repo, a lint script of the project's own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, runHook, writeFiles } from './support/temp-repo.ts';
import { afterStopRun } from './support/after-stop.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
/** A linter of the project's: every `var` in src/ is an error, as eslint's no-var would say. */
const LINT = lines(
  "import fs from 'node:fs';",
  'let bad = 0;',
  "for (const f of fs.readdirSync('src')) {",
  "  fs.readFileSync(`src/${f}`, 'utf8').split('\\n').forEach((l, i) => {",
  '    if (/\\bvar\\b/.test(l)) { console.log(`src/${f}:${i + 1}:1: error Unexpected var (no-var)`); bad++; }',
  '  });',
  '}',
  'process.exit(bad ? 1 : 0);',
);
const ADD = lines('export const add = (a, b) => a + b;');

describe('advisory checks after Stop', () => {
  it("run in the background once Stop lets Claude go; the next prompt's update names a new failure", {
    timeout: 300_000,
  }, async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'p', private: true, type: 'module', scripts: { test: 'node --test', lint: 'node lint.mjs' } })}\n`,
        'lint.mjs': LINT,
        'src/add.js': ADD,
        'test/add.test.js': lines(
          "import test from 'node:test';",
          "import assert from 'node:assert';",
          "import { add } from '../src/add.js';",
          "test('adds', () => assert.equal(add(1, 2), 3));",
        ),
        '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
      },
    });
    const started = await csmJson<{ baseline: { name: string; status: string }[] }>(dir, 'start', 'Tidy add');
    expect(started.baseline.map((b) => `${b.name}:${b.status}`).sort()).toEqual(['lint:pass', 'test:pass']);
    const claude = { session_id: 'claude-1', transcript_path: path.join(dir, '.t.jsonl'), cwd: dir };
    expect(
      (await runHook('session-start', { ...claude, hook_event_name: 'SessionStart', source: 'startup' })).code,
    ).toBe(0);

    // the tests still pass; the lint does not
    writeFiles(dir, { 'src/add.js': ADD.replace('export const add', 'var unused = 1;\nexport const add') });
    const stop = await runHook('stop', { ...claude, hook_event_name: 'Stop', stop_hook_active: false });
    expect(stop.code).toBe(0);
    expect(stop.stdout).not.toMatch(/"decision"/);
    const run = await afterStopRun(dir);
    expect(run.results.map((r) => `${r.name}:${r.status}`)).toEqual(['lint:fail']);

    const prompt = await runHook('user-prompt-submit', {
      ...claude,
      hook_event_name: 'UserPromptSubmit',
      prompt: 'next',
    });
    const told = JSON.parse(prompt.stdout).hookSpecificOutput.additionalContext as string;
    expect(told).toMatch(/advisory checks with new failures after the last edits \(not blocking\): lint/);
    // said once
    const again = await runHook('user-prompt-submit', {
      ...claude,
      hook_event_name: 'UserPromptSubmit',
      prompt: 'more',
    });
    expect(again.stdout.trim()).toBe('');
  });
});
