/**
 * csm never breaks the host's own checks (issue 14): a project that runs `prettier --check .`,
 * `oxfmt --check`, `biome check .`, eslint with its Markdown and JSON plugins and `remark . --frail
 * --output` (remark-lint, a style guide's rules) goes through a
 * whole csm session — init, start, a plan, edits, Stop, task done, memory, complete — with user
 * text that formatters like to rewrite, and every one of its checks still passes on csm's files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  PROJECT_ROOT,
  createTempRepo,
  csm,
  csmJson,
  editPayload,
  git,
  runHook,
  writeFiles,
} from './support/temp-repo.ts';

const bin = (name: string): string => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
const ESLINT_CONFIG = `import json from '@eslint/json';
import markdown from '@eslint/markdown';
import { defineConfig } from 'eslint/config';
export default defineConfig([
  { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/gfm', extends: ['markdown/recommended'] },
  { files: ['**/*.json'], ignores: ['package-lock.json'], plugins: { json }, language: 'json/json', extends: ['json/recommended'] },
]);
`;

/** Each tool as a project's CI runs it on every file; remark-lint's --frail fails on a warning. */
const CHECKS = [
  ['prettier', ['--check', '.']],
  ['oxfmt', ['--check']],
  ['biome', ['check', '.']],
  ['eslint', ['.']],
  ['remark', ['.', '--frail', '--quiet']],
] as const;

function check(dir: string, tool: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(bin(tool), args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("the project's own format and lint checks stay green with csm's files", () => {
  it('prettier, oxfmt, biome, eslint (markdown, json) and remark-lint pass after a whole session', async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'host', private: true, type: 'module', scripts: { test: 'node --test test/' }, remarkConfig: { plugins: ['remark-preset-lint-markdown-style-guide'] } }, null, 2)}\n`,
        'biome.json': '{\n  "formatter": { "indentStyle": "space" }\n}\n',
        'eslint.config.js': ESLINT_CONFIG,
        'src/a.js': 'export const a = 1;\n',
        'test/a.test.js': "import { test } from 'node:test';\ntest('a', () => {});\n",
        'README.md': '# host\n\nA project with strict checks.\n',
        '.gitignore': 'node_modules\n',
      },
    });
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    // the project as its own tools leave it
    check(dir, 'biome', ['check', '--write', '.']);
    check(dir, 'prettier', ['--write', '.']);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'format');
    const before = CHECKS.map(([t, args]) => [t, check(dir, t, [...args])]);
    expect(
      before.filter(([, r]) => (r as { code: number }).code !== 0),
      'the project is green before csm',
    ).toEqual([]);

    await csmJson(dir, 'init');
    await csmJson(
      dir,
      'start',
      'Add *OAuth*  login for __admins__ — 漢字 | pipes',
      '--objective',
      'Keep snake_case_names and 2*3*4 as they are',
    );
    const plan = {
      tasks: [
        {
          ref: 'a',
          title: 'Parse the *callback* in src/a.js',
          agent: 'backend-specialist',
          estimateMinutes: 10,
          expectedLines: 20,
          criteria: ['state   is checked', 'emoji 🎉 ok'],
          tests: ['rejects a `bad` state'],
          files: ['src/a.js'],
          dependsOn: [],
        },
        {
          ref: 'b',
          title: 'Document it in README_FILE',
          agent: 'documentation-writer',
          estimateMinutes: 5,
          expectedLines: 5,
          criteria: ['the README says how'],
          tests: [],
          files: ['README.md'],
          dependsOn: ['a'],
        },
      ],
      risks: [{ risk: 'Clock *skew*', mitigation: 'Allow | 30 s' }],
    };
    await csmJson(dir, 'plan', '--from-json', '-', { input: JSON.stringify(plan) });
    await csmJson(dir, 'task', 'next', '--start');
    writeFiles(dir, { 'src/a.js': 'export const a = 2;\n' });
    expect((await runHook('post-tool-use', editPayload(dir, 'src/a.js'))).code).toBe(0);
    const stop = {
      session_id: 's1',
      transcript_path: path.join(dir, '.t'),
      cwd: dir,
      hook_event_name: 'Stop',
      stop_hook_active: false,
      background_tasks: [],
      session_crons: [],
    };
    expect((await runHook('stop', stop)).code).toBe(0);
    await csmJson(dir, 'task', 'done', 'task-1', '--output', 'Decision: keep *state* in a signed cookie');
    await csmJson(dir, 'task', 'next', '--start');
    writeFiles(dir, { 'README.md': '# host\n\nA project with strict checks.\n\nNow with OAuth.\n' });
    expect((await runHook('post-tool-use', editPayload(dir, 'README.md'))).code).toBe(0);
    await csmJson(dir, 'task', 'done', 'task-2', '--no-code', '--force');
    await csmJson(dir, 'memory', 'add', 'patterns', 'Use `zod/mini` in hooks;  never *full* zod');
    const done = await csm(dir, 'complete', '--json');
    expect(done.code, done.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, '.claude', 'biome.json'))).toBe(true);

    expect(fs.existsSync(path.join(dir, '.claude', '.remarkignore'))).toBe(true);
    for (const [tool, args] of CHECKS) {
      const r = check(dir, tool, [...args]);
      expect(r.code, `${tool} ${args.join(' ')}:\n${r.out}`).toBe(0);
    }
    // remark --output rewrites what it lints: csm's files (an agent's frontmatter above all) stay as csm wrote them
    git(dir, 'add', '-A');
    expect(check(dir, 'remark', ['.', '--frail', '--quiet', '--output']).code).toBe(0);
    expect(git(dir, 'diff', '--name-only', '--', '.claude')).toBe('');
  }, 120_000);
});
