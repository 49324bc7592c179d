import { describe, expect, it } from 'vitest';
import { executionOrder } from '../../src/domain/plan/execution-order.ts';

const n = (id: string, ...dependsOn: string[]) => ({ id, dependsOn });

describe('executionOrder', () => {
  it('groups independent tasks into parallel levels, keeping plan order', () => {
    expect(executionOrder([n('a'), n('b', 'a'), n('c', 'a'), n('d', 'b', 'c')])).toEqual({
      ok: true,
      levels: [['a'], ['b', 'c'], ['d']],
    });
  });
  it('handles no dependencies', () => {
    expect(executionOrder([n('a'), n('b')])).toEqual({ ok: true, levels: [['a', 'b']] });
  });
  it('names a cycle', () => {
    const r = executionOrder([n('a', 'c'), n('b', 'a'), n('c', 'b'), n('d')]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.cycle[0]).toBe(r.cycle[r.cycle.length - 1]);
      expect(new Set(r.cycle)).toEqual(new Set(['a', 'b', 'c']));
    }
  });
  it('names a self-dependency', () => {
    expect(executionOrder([n('a', 'a')])).toEqual({ ok: false, cycle: ['a', 'a'] });
  });
});
