/**
 * Issue 27 §4: a finished session's reports are frozen. Viewing an old session's report again
 * (Markdown or HTML) reads the figures stored when it completed, and never rewrites its files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csm, csmJson, git, writeFiles } from './support/temp-repo.ts';

const lines = (n: number, word: string): string =>
  `${Array.from({ length: n }, (_, i) => `export const ${word}${i} = ${i};`).join('\n')}\n`;

describe("a finished session's reports (issue 27 §4)", () => {
  it('csm report and csm report --html of session 001 after more work: same files, same figures', {
    timeout: 120_000,
  }, async () => {
    const dir = createTempRepo({
      files: { 'README.md': 'x\n', '.claude/csm.json': '{"docsCheck": {"enabled": false}}\n' },
    });
    await csmJson(dir, 'start', 'First', '--no-baseline');
    writeFiles(dir, { 'src/a.js': lines(12, 'a') });
    const done = await csmJson<{ counts: { linesAdded: number } }>(dir, 'complete', '--no-gates', '--force');
    expect(done.counts.linesAdded).toBe(12);
    const file = (kind: string): string => path.join(dir, '.claude', 'sessions', `session-001-${kind}`);
    const before = {
      completed: fs.readFileSync(file('completed.md'), 'utf8'),
      review: fs.readFileSync(file('review.md'), 'utf8'),
    };
    const mtime = fs.statSync(file('completed.md')).mtimeMs;

    // later: the work is committed, a second session writes far more
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'first session');
    await csmJson(dir, 'start', 'Second', '--no-baseline');
    writeFiles(dir, { 'src/b.js': lines(200, 'b'), 'src/a.js': lines(3, 'a') });

    const again = await csmJson<{ data: { counts: { linesAdded: number } } }>(dir, 'report', '--session', '001');
    expect(again.data.counts.linesAdded).toBe(12);
    expect(fs.readFileSync(file('completed.md'), 'utf8')).toBe(before.completed);
    expect(fs.readFileSync(file('review.md'), 'utf8')).toBe(before.review);
    expect(fs.statSync(file('completed.md')).mtimeMs).toBe(mtime);
    const html = await csm(dir, 'report', '--html', '--session', '001');
    expect(html.code).toBe(0);
    const page = fs.readFileSync(path.join(dir, '.claude', '.csm', 'report-001.html'), 'utf8');
    expect(page).toContain('12 lines added, 0 removed');
    expect(fs.readFileSync(file('completed.md'), 'utf8')).toBe(before.completed);
    expect((await csm(dir, 'complete', '--session', '001', '--no-gates')).stdout).toMatch(
      /was already completed — its final reports are kept/,
    );
    expect(fs.readFileSync(file('completed.md'), 'utf8')).toBe(before.completed);
  });
});
