import { describe, expect, it } from 'vitest';
import { againstBaseline, baselinesOf, type BaselineGate } from '../../../src/domain/gates/baseline.ts';

const base = (failures: string[] | null, failed: number | null = failures?.length ?? null): BaselineGate => ({ status: 'fail', failures, failed });

describe('a failing gate against its baseline', () => {
  it('counts every failure as new when the gate passed at the baseline or none was recorded', () => {
    expect(againstBaseline({ status: 'pass', failures: null, failed: null }, ['a'], 1)).toEqual({ preexisting: false, newIds: ['a'] });
    expect(againstBaseline(null, null, null)).toEqual({ preexisting: false, newIds: null });
  });
  it('names the failures that were not there before; the same ones are preexisting', () => {
    expect(againstBaseline(base(['a', 'b']), ['a', 'c'], 2)).toEqual({ preexisting: false, newIds: ['c'] });
    expect(againstBaseline(base(['a', 'b']), ['b', 'a'], 2)).toEqual({ preexisting: true, newIds: [] });
  });
  it('more failing than before is new even when the listed ids match (ids are capped)', () => {
    expect(againstBaseline(base(['a'], 4), ['a'], 18).preexisting).toBe(false);
    expect(againstBaseline(base(null, 4), null, 18).preexisting).toBe(false);
    expect(againstBaseline(base(null, 4), null, 4).preexisting).toBe(true);
  });
  it('a runner naming failures where the baseline output named none (a setup step failed) is new', () => {
    expect(againstBaseline(base(null, null), ['test/x.test.js > subtracts'], 1)).toEqual({ preexisting: false, newIds: ['test/x.test.js > subtracts'] });
    // still nothing named: the same failure as far as anything can tell
    expect(againstBaseline(base(null, null), null, null)).toEqual({ preexisting: true, newIds: null });
  });
  it('keeps from a run the status, the ids, the count and whether every step ran', () => {
    const r = { name: 'test', status: 'fail' as const, blocking: true, durationMs: 1, command: 'npm test', summary: '', fingerprint: null, cached: false };
    expect(baselinesOf([{ ...r, failures: [{ id: 'a', location: null }], totals: { failed: 3, total: 9, unit: 'tests' }, everyStep: true }, { ...r, name: 'lint', status: 'skipped' }])).toEqual({
      test: { status: 'fail', failures: ['a'], failed: 3, everyStep: true },
    });
  });
});
