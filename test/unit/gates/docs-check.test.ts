import { describe, expect, it } from 'vitest';
import { docsCheck, isDoc, isSource } from '../../../src/domain/gates/docs-check.ts';

describe('docsCheck', () => {
  it.each([
    [[], 'pass'],
    [['src/a.ts'], 'fail'],
    [['src/a.ts', 'README.md'], 'pass'],
    [['src/a.ts', 'docs/api.html'], 'pass'],
    [['lib/x.py', 'CHANGELOG'], 'pass'],
    [['lib/x.py', 'packages/a/CHANGELOG.md'], 'pass'],
    [['src/a.test.ts', 'test/b.ts'], 'pass'], // tests need no docs
    [['package.json', 'package-lock.json'], 'pass'], // not source
    [['cmd/main.go'], 'fail'],
    [['README.md'], 'pass'],
  ])('%j → %s', (paths, status) => {
    expect(docsCheck(paths).status).toBe(status);
  });

  it('names the files and what to do', () => {
    const out = docsCheck(['src/a.ts', 'src/b.ts']);
    expect(out.output).toContain('src/a.ts, src/b.ts');
    expect(out.output).toMatch(/CHANGELOG/);
  });

  it.each([
    ['docs/x.ts', true, false],
    ['notes.txt', true, false],
    ['src/x.tsx', false, true],
    ['x.json', false, false],
  ])('%s: doc %s, source %s', (p, doc, source) => {
    expect(isDoc(p)).toBe(doc);
    expect(isSource(p)).toBe(source);
  });
});
