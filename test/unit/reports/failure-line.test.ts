import { describe, expect, it } from 'vitest';
import { failureLine } from '../../../src/domain/reports/failure-line.ts';

describe('the line a report shows for a failing gate', () => {
  it.each([
    [
      'the first failure it names, past csm notes on how the gate ran',
      'scope: the affected tests (mocha test/a.js)\nits tests ran to the end (--bail off)\n' +
        '2 failures are new this session (1 failed before it):\nmocha: 3 of 31 tests failed\n' +
        '✗ formats 1 MB (test/a.js:39:12)\n✗ second',
      '✗ formats 1 MB (test/a.js:39:12)',
    ],
    ['its first line when it names none', '\n  tsc: 2 errors\nsrc/a.ts(3,1): error TS2304', 'tsc: 2 errors'],
    ['nothing for an empty output', '  \n', ''],
  ])('%s', (_what, summary, line) => expect(failureLine(summary)).toBe(line));
  it('is redacted', () => expect(failureLine(`✗ token ghp_${'a'.repeat(36)} rejected`)).not.toContain('ghp_aaaa'));
});
