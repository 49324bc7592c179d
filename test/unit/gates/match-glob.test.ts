import { describe, expect, it } from 'vitest';
import { matchCovers, matchGlob } from '../../../src/domain/gates/match-glob.ts';

describe('matchGlob', () => {
  it.each([
    ['**', 'a/b/c.ts', true],
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'lib/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.ts', true],
    ['src/**/*.ts', 'src/a.js', false],
    ['*.md', 'README.md', true],
    ['*.md', 'docs/deep/guide.md', true], // no slash: any depth
    ['/*.md', 'docs/guide.md', false], // leading slash anchors
    ['/*.md', 'README.md', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['?.ts', 'a.ts', true],
    ['?.ts', 'ab.ts', false],
    ['**/*.{ts,tsx}', 'x/y.tsx', true],
    ['**/*.{ts,tsx}', 'x/y.js', false],
    ['{src,lib}/**', 'lib/a.c', true],
    ['docs/', 'docs/a.md', true],
    ['a+b(1).ts', 'a+b(1).ts', true],
    ['./src/**', 'src/a.ts', true],
    ['**/test/**', 'test/a.ts', true],
    ['**/test/**', 'pkg/test/a.ts', true],
  ])('%s ~ %s → %s', (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });
});

describe('matchCovers', () => {
  it.each([
    [['**'], 'a.ts', true],
    [['src/**'], 'a.ts', false],
    [['**', '!**/*.md'], 'a/README.md', false],
    [['**', '!**/*.md'], 'a/b.ts', true],
    [['!docs/**'], 'src/a.ts', true], // only exclusions: start from everything
    [['!docs/**'], 'docs/a.md', false],
    [['**', '!docs/**', 'docs/api/**'], 'docs/api/x.md', true], // last match wins
    [[], 'a.ts', false],
  ])('%j ~ %s → %s', (covers, path, expected) => {
    expect(matchCovers(covers, path)).toBe(expected);
  });
});
