import { describe, expect, it } from 'vitest';
import { clipLines, excerpt, stripAnsi } from '../../../src/domain/gates/output-excerpt.ts';

describe('excerpt', () => {
  it('keeps vitest failure lines and drops the noise', () => {
    const out = [
      '> x@1.0.0 test',
      '> vitest run',
      '',
      ' RUN  v4.1.0 /tmp/x',
      '',
      ' ❯ test/sum.test.ts (1 test | 1 failed) 4ms',
      '   × adds 3ms',
      ' FAIL  test/sum.test.ts > adds',
      'AssertionError: expected 3 to be 4 // Object.is equality',
      ' ❯ test/sum.test.ts:4:17',
      '      2| import { sum } from "../sum.js";',
      ' Test Files  1 failed (1)',
      '      Tests  1 failed (1)',
    ].join('\n');
    const text = excerpt(out);
    expect(text).not.toContain('> vitest run');
    expect(text).toContain('AssertionError: expected 3 to be 4');
    expect(text).toContain('test/sum.test.ts:4:17');
    expect(text).toContain('FAIL  test/sum.test.ts > adds');
  });

  it('keeps tsc errors with their location', () => {
    const text = excerpt(
      "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n\nFound 1 error.",
    );
    expect(text.split('\n')[0]).toBe("src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.");
  });

  it('falls back to the last lines when nothing stands out', () => {
    const out = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const text = excerpt(out).split('\n');
    expect(text).toHaveLength(20);
    expect(text.at(-1)).toBe('line 49');
  });

  it('caps lines and characters', () => {
    const out = Array.from({ length: 100 }, (_, i) => `error ${i} ${'x'.repeat(300)}`).join('\n');
    const text = excerpt(out, { maxLines: 20, maxChars: 1500 });
    expect(text.length).toBeLessThanOrEqual(1500);
    expect(text.split('\n').length).toBeLessThanOrEqual(20);
  });

  it('strips colours', () => {
    expect(stripAnsi('\u001b[31mFAIL\u001b[39m')).toBe('FAIL');
    expect(excerpt('\u001b[31merror\u001b[0m: boom')).toBe('error: boom');
  });

  it('clipLines keeps whole lines', () => {
    expect(clipLines('aaaa\nbbbb\ncccc', { maxLines: 5, maxChars: 10 })).toBe('aaaa\nbbbb');
  });
});
