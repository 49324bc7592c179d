/**
 * Issue 27 §4: a session's size counts from the snapshot taken at `csm start`, not from HEAD —
 * changes uncommitted before the session (a tracked file's edit, an untracked file, a console.log
 * left there) are not its work, in the counts, the reports or the console check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (n: number, word: string): string =>
  `${Array.from({ length: n }, (_, i) => `export const ${word}${i} = ${i};`).join('\n')}\n`;

describe('the session is measured from its start (issue 27 §4)', () => {
  it('150 lines uncommitted before csm start, 12 written in the session: the session counts 12', {
    timeout: 120_000,
  }, async () => {
    const dir = createTempRepo({
      files: { 'src/a.js': lines(5, 'a'), '.claude/csm.json': '{"docsCheck": {"enabled": false}}\n' },
    });
    // before the session: a tracked file grows by 140 lines, an untracked file of 10, a console.log left in
    writeFiles(dir, {
      'src/a.js': `${lines(5, 'a')}${lines(139, 'before')}console.log('debug');\n`,
      'notes.js': lines(10, 'n'),
    });
    await csmJson(dir, 'start', 'Small change', '--no-baseline');
    // the session: 12 lines in a new file
    writeFiles(dir, { 'src/b.js': lines(12, 'b') });
    const stop = await runHook('stop', {
      session_id: 's',
      cwd: dir,
      hook_event_name: 'Stop',
      stop_hook_active: false,
    });
    expect(stop.stdout, 'the console.log was there before the session').not.toMatch(/block/);
    const done = await csmJson<{ counts: { linesAdded: number; linesRemoved: number } }>(
      dir,
      'complete',
      '--no-gates',
      '--force',
    );
    expect(done.counts).toMatchObject({ linesAdded: 12, linesRemoved: 0 });
    const report = fs.readFileSync(path.join(dir, '.claude', 'sessions', 'session-001-completed.md'), 'utf8');
    expect(report).toMatch(/Files changed since the session started \([0-9a-f]{7} and the changes uncommitted then\)/);
    expect(report).toMatch(/src\/b\.js/);
    expect(report).not.toMatch(/notes\.js|src\/a\.js/);
  });

  it('a console.log the session adds to a file that was already uncommitted is still caught', {
    timeout: 120_000,
  }, async () => {
    const dir = createTempRepo({
      files: { 'src/a.js': lines(3, 'a'), '.claude/csm.json': '{"docsCheck": {"enabled": false}}\n' },
    });
    writeFiles(dir, { 'src/a.js': `${lines(3, 'a')}${lines(2, 'pre')}` });
    await csmJson(dir, 'start', 'Leave a log', '--no-baseline');
    writeFiles(dir, { 'src/a.js': `${lines(3, 'a')}${lines(2, 'pre')}console.log('left');\n` });
    const stop = await runHook('stop', {
      session_id: 's',
      cwd: dir,
      hook_event_name: 'Stop',
      stop_hook_active: false,
    });
    expect(JSON.parse(stop.stdout)).toMatchObject({
      decision: 'block',
      reason: expect.stringMatching(/console\.log\('left'\)/),
    });
  });
});
