/**
 * Gates that read what another gate builds (issue 25 §1, "never wrong"; a real trial on an ava
 * project): the test script builds declarations that the typecheck reads. Run side by side, the
 * baseline's typecheck ran before the build wrote them and every later Stop after: a harmless edit
 * was blocked on "new" type errors. A gate that builds runs first, so every run sees the same tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, createTempRepo, csmJson, runHook, writeFiles } from './support/temp-repo.ts';

describe('a gate that builds runs before the gates that read its output', () => {
  it('a harmless edit is not blocked on errors in files the test script generates', { timeout: 300_000 }, async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'p', private: true, scripts: { test: 'npm run build && node --test test/', build: 'node build.js' }, devDependencies: { typescript: '*' } }, null, 2)}\n`,
        // a slow build that writes a declaration file with a type error in it
        'build.js':
          "setTimeout(() => { require('node:fs').mkdirSync('gen', { recursive: true }); require('node:fs').writeFileSync('gen/out.ts', 'export const n: number = \"not a number\";\\n'); }, 1500);\n",
        'tsconfig.json': `${JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src', 'gen'] })}\n`,
        'src/a.ts': 'export const a: number = 1;\n',
        'test/a.test.js': "require('node:test')('ok', () => {});\n",
        '.gitignore': 'gen/\nnode_modules\n',
        '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
      },
    });
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const started = await csmJson<{ baseline: { name: string; status: string }[] }>(dir, 'start', 'Order');
    expect(started.baseline.map((g) => `${g.name}:${g.status}`).sort()).toEqual(['test:pass', 'typecheck:fail']);

    writeFiles(dir, { 'src/a.ts': 'export const a: number = 1;\nexport const b: number = 2;\n' });
    const r = await runHook(
      'stop',
      {
        session_id: 'order',
        transcript_path: path.join(dir, '.t.jsonl'),
        cwd: dir,
        hook_event_name: 'Stop',
        stop_hook_active: false,
      },
      { timeoutMs: 240_000 },
    );
    const out = r.stdout.trim()
      ? (JSON.parse(r.stdout) as { decision?: string; reason?: string; systemMessage?: string })
      : {};
    expect(out.decision, out.reason).toBeUndefined();
    expect(out.systemMessage ?? '').toMatch(/typecheck failing since before this session, nothing new/);
  });
});
