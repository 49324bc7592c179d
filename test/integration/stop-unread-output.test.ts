/**
 * Stop on a project whose test runner csm has no parser for, with a test already failing before
 * the session (issue 25 §1). One old failure used to turn protection off ("nothing new"); now the
 * failing lines and the summary count are compared with the baseline's, and a new failing line or
 * a larger count blocks. The built CLI and hooks, real git repos, a home-made runner per format.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, runHook, writeFiles } from './support/temp-repo.ts';

const stop = async (dir: string): Promise<{ decision?: string; reason?: string; systemMessage?: string }> => {
  const payload = {
    session_id: 'unread-output',
    transcript_path: path.join(dir, '.t.jsonl'),
    cwd: dir,
    hook_event_name: 'Stop',
    stop_hook_active: false,
  };
  const r = await runHook('stop', payload);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
};

const MATH = [
  'exports.add = (a, b) => a + b;',
  'exports.sub = (a, b) => a - b;',
  'exports.mul = (a, b) => a * b;',
  'exports.neg = (a) => -a;',
  '',
].join('\n');

/** Checks: one broken before the session (`answer`), the rest passing on MATH. */
const CHECKS = `const m = require('./src/math.js');
const checks = [
  ['math › adds', () => m.add(2, 3), 5],
  ['math › subtracts', () => m.sub(5, 3), 2],
  ['math › multiplies', () => m.mul(4, 3), 12],
  ['math › multiplies by zero', () => m.mul(4, 0), 0],
  ['math › squares', () => m.mul(3, 3), 9],
  ['math › negates', () => m.neg(2), -2],
  ['math › knows the answer', () => 41, 42],
];
module.exports = checks.map(([name, run, want]) => {
  const started = Date.now();
  const got = run();
  return { name, got, want, ok: Object.is(got, want), ms: Date.now() - started + 3 };
});
`;

/** Output in a failure's usual words no parser knows (csm reads it line by line), and in words no failure list has. */
const RUNNERS: Record<string, string> = {
  'failure-words': `const results = require('./checks.js');
for (const r of results) console.log(r.ok ? \`  ok   \${r.name} (\${r.ms}ms)\` : \`  FAIL \${r.name}: expected \${r.want}, got \${r.got}\`);
const bad = results.filter((r) => !r.ok).length;
console.log(bad ? \`\\n\${bad} of \${results.length} checks did not hold\` : '\\nall held');
process.exit(bad ? 1 : 0);
`,
  'home-made': `const results = require('./checks.js');
for (const r of results) console.log(\`checking \${r.name} ... \${r.ok ? 'fine' : \`BROKEN, got \${r.got} wanted \${r.want}\`}\`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
`,
};

function project(format: string): string {
  return createTempRepo({
    files: {
      'package.json': `${JSON.stringify({ name: 'p', private: true, scripts: { test: 'node run-checks.js' } }, null, 2)}\n`,
      'src/math.js': MATH,
      'checks.js': CHECKS,
      'run-checks.js': RUNNERS[format] as string,
      '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
    },
  });
}

describe('Stop where no parser reads the runner, with a failure from before the session', () => {
  for (const format of Object.keys(RUNNERS)) {
    it(`${format}: an unrelated change passes, a regression that breaks more tests blocks, the revert releases`, async () => {
      const dir = project(format);
      const started = await csmJson<{ baseline: { name: string; status: string }[] }>(
        dir,
        'start',
        'Keep the math right',
      );
      expect(started.baseline).toEqual([expect.objectContaining({ name: 'test', status: 'fail' })]);

      writeFiles(dir, { 'src/math.js': `${MATH}exports.half = (a) => a / 2;\n` });
      const ok = await stop(dir);
      expect(ok.decision, ok.reason).toBeUndefined();
      expect(ok.systemMessage).toMatch(/test failing since before this session, nothing new — not blocking/);

      // one line breaks three more tests (the issue's case with a runner csm could not read: "nothing new — not blocking")
      writeFiles(dir, { 'src/math.js': MATH.replace('a * b', 'a * b + 1') });
      const blocked = await stop(dir);
      expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
      expect(blocked.reason).toMatch(/failing lines? (is|are) new this session/);
      expect(blocked.reason).toMatch(/multiplies/);

      writeFiles(dir, { 'src/math.js': MATH });
      const back = await stop(dir);
      expect(back.decision, back.reason).toBeUndefined();
    });
  }

  it('a regression that swaps one failing test for another (same count) blocks', async () => {
    const dir = project('failure-words');
    await csmJson(dir, 'start', 'Swap');
    // the old failure fixed, a new one made: the count stays 1
    writeFiles(dir, {
      'checks.js': CHECKS.replace('() => 41, 42]', '() => 42, 42]'),
      'src/math.js': MATH.replace('-a', 'a'),
    });
    const blocked = await stop(dir);
    expect(blocked.decision, JSON.stringify(blocked)).toBe('block');
    expect(blocked.reason).toMatch(/negates/);
  });
});
