import { describe, expect, it } from 'vitest';
import { againstBaseline, baselinesOf, type BaselineGate } from '../../../src/domain/gates/baseline.ts';

const base = (
  failures: string[] | null,
  failed: number | null = failures?.length ?? null,
  lines?: string[],
): BaselineGate => ({
  status: 'fail',
  failures,
  failed,
  ...(lines ? { lines } : {}),
});
const now = (ids: string[] | null, failed: number | null, lines?: string[]) => ({ ids, failed, lines: lines ?? null });

describe('a failing gate against its baseline', () => {
  it('counts every failure as new when the gate passed at the baseline or none was recorded', () => {
    expect(againstBaseline({ status: 'pass', failures: null, failed: null }, now(['a'], 1))).toEqual({
      preexisting: false,
      newIds: ['a'],
    });
    expect(againstBaseline(null, now(null, null))).toEqual({ preexisting: false, newIds: null });
  });
  it('names the failures that were not there before; the same ones are preexisting', () => {
    expect(againstBaseline(base(['a', 'b']), now(['a', 'c'], 2))).toEqual({ preexisting: false, newIds: ['c'] });
    expect(againstBaseline(base(['a', 'b']), now(['b', 'a'], 2))).toEqual({ preexisting: true, newIds: [] });
  });
  it('more failing than before is new even when the listed ids match (ids are capped)', () => {
    expect(againstBaseline(base(['a'], 4), now(['a'], 18)).preexisting).toBe(false);
    expect(againstBaseline(base(null, 4), now(null, 18)).preexisting).toBe(false);
    expect(againstBaseline(base(null, 4), now(null, 4)).preexisting).toBe(true);
  });
  it('a runner naming failures where the baseline output named none (a setup step failed) is new', () => {
    expect(againstBaseline(base(null, null), now(['test/x.test.js > subtracts'], 1))).toEqual({
      preexisting: false,
      newIds: ['test/x.test.js > subtracts'],
    });
  });
  it('output no parser reads: a failing line the baseline lacked, or a count that grew, is new', () => {
    const old = ['✘ [fail]: math › adds', 'Difference (- actual, + expected):'];
    // the ava case of the issue: one test failing before, five more after a one-line change
    const more = [...old, '✘ [fail]: math › subtracts', '✘ [fail]: math › multiplies'];
    expect(againstBaseline(base(null, 1, old), now(null, 3, more))).toEqual({
      preexisting: false,
      newIds: null,
      newLines: more.slice(2),
    });
    expect(againstBaseline(base(null, 1, old), now(null, 1, [...old].reverse()))).toEqual({
      preexisting: true,
      newIds: null,
      newLines: [],
    });
    // the same lines but a summary that counts more failures
    expect(againstBaseline(base(null, 1, old), now(null, 2, old)).preexisting).toBe(false);
    // fewer lines (a failure fixed), nothing new
    expect(againstBaseline(base(null, 2, old), now(null, 1, old.slice(0, 1))).preexisting).toBe(true);
  });
  it('a chain step failing in a place that passed is new; a step added since (a pre script) moves places, then failures compare (issue 26 §3)', () => {
    const base: BaselineGate = { status: 'fail', failures: ['old'], failed: 1, failedSteps: [0], stepCount: 2 };
    expect(againstBaseline(base, { ids: ['old'], failed: 1, steps: [0, 1], stepCount: 2 })).toMatchObject({
      preexisting: false,
      newSteps: [1],
    });
    expect(againstBaseline(base, { ids: ['old'], failed: 1, steps: [1], stepCount: 3 })).toMatchObject({
      preexisting: true,
    });
    expect(againstBaseline(base, { ids: ['old', 'new'], failed: 2, steps: [1], stepCount: 3 })).toMatchObject({
      preexisting: false,
      newIds: ['new'],
    });
  });

  it('when nothing tells old failures from new ones, it is undecided — never "nothing new"', () => {
    expect(againstBaseline(base(null, null), now(null, null))).toEqual({
      preexisting: false,
      newIds: null,
      undecided: true,
    });
    expect(againstBaseline(base(null, null), now(null, null, ['boom']))).toEqual({
      preexisting: false,
      newIds: null,
      undecided: true,
    });
    expect(againstBaseline(base(['a'], 1), now(null, null))).toEqual({
      preexisting: false,
      newIds: null,
      undecided: true,
    });
  });
  it('keeps from a run the status, the ids, the count, the failing lines and whether every step ran', () => {
    const r = {
      name: 'test',
      status: 'fail' as const,
      blocking: true,
      durationMs: 1,
      command: 'npm test',
      summary: '',
      fingerprint: null,
      cached: false,
    };
    expect(
      baselinesOf([
        {
          ...r,
          failures: [{ id: 'a', location: null }],
          totals: { failed: 3, total: 9, unit: 'tests' },
          everyStep: true,
        },
        { ...r, name: 'lint', status: 'skipped' },
        { ...r, name: 'ava', signature: { lines: ['✘ x'], failed: 1 } },
      ]),
    ).toEqual({
      test: { status: 'fail', failures: ['a'], failed: 3, everyStep: true },
      ava: { status: 'fail', failures: null, failed: 1, lines: ['✘ x'] },
    });
  });
});
