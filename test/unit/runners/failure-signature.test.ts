import { describe, expect, it } from 'vitest';
import { failureSignature, normalizeFailingLine } from '../../../src/domain/runners/failure-signature.ts';

describe('the signature of output no parser reads', () => {
  it('masks what changes from run to run of the same failure', () => {
    const a = normalizeFailingLine(
      '  ✘ [fail]: api › fetches (1.2s) at /tmp/ava-x1/test.js:12:7 pid 4411 0x7ffd 10:04:11',
    );
    const b = normalizeFailingLine(
      '  ✘ [fail]: api › fetches (870ms) at /tmp/ava-k9/test.js:14:3 pid 512 0x1a2b 23:59:01',
    );
    expect(a).toBe(b);
    expect(normalizeFailingLine('✘ [fail]: api › fetches')).not.toBe(normalizeFailingLine('✘ [fail]: api › posts'));
  });

  it('masks the Makefile line make names: a recipe line added above an old failure does not make it new (jsmn, issue 26 §3)', () => {
    const before = normalizeFailingLine('make: *** [Makefile:7: test_default] Error 1');
    expect(normalizeFailingLine('make: *** [Makefile:8: test_default] Error 1')).toBe(before);
    expect(normalizeFailingLine('make: *** [Makefile:8: test_strict] Error 1')).not.toBe(before);
  });

  it('keeps failing lines, not passing ones, and reads the summary counts of runners csm has no parser for', () => {
    const ava = ['  ✔ adds (2ms)', '  ✘ [fail]: subtracts Error', '  - 8', '  + 2', '', '  1 test failed'].join('\n');
    expect(failureSignature(ava)).toEqual({
      lines: ['+ 2', '- 8', '1 test failed', '✘ [fail]: subtracts Error'],
      failed: 1,
    });
    const unittest = [
      'FAIL: test_div (tests.test_calc.CalcTest.test_div)',
      'AssertionError: 2 != 3',
      'Ran 12 tests in 0.003s',
      '',
      'FAILED (failures=2, errors=1)',
    ].join('\n');
    expect(failureSignature(unittest).failed).toBe(3);
    expect(failureSignature('ok 1 - a\nnot ok 2 - b\n# pass 1\n# fail 1\n').failed).toBe(1);
    expect(failureSignature('  3 passing\n  2 failing\n').failed).toBe(2);
  });

  it('keeps every line of an output with no failure words, so a new one is seen', () => {
    const out = 'checking adds ... fine\nchecking answer ... BROKEN, got 41 wanted 42\n';
    expect(failureSignature(out)).toEqual({
      lines: ['checking adds ... fine', 'checking answer ... BROKEN, got 41 wanted 42'],
      failed: null,
    });
  });
});
