import { describe, expect, it } from 'vitest';
import { activeMs, activeMsInIntervals, toMinutes } from '../../../src/domain/tasks/active-time.ts';

const M = 60_000;

describe('activeMs', () => {
  it.each([
    { name: 'no points', points: [], want: 0 },
    { name: 'one point', points: [0], want: 0 },
    { name: 'steady work', points: [0, 5 * M, 10 * M], want: 10 * M },
    { name: 'a gap over the threshold is left out', points: [0, 5 * M, 40 * M, 45 * M], want: 10 * M },
    { name: 'a gap exactly at the threshold counts', points: [0, 15 * M], want: 15 * M },
    { name: 'unsorted input', points: [10 * M, 0, 5 * M], want: 10 * M },
  ])('$name', ({ points, want }) => {
    expect(activeMs(points, 15 * M)).toBe(want);
  });

  it('counts activity inside intervals only', () => {
    const ms = activeMsInIntervals([{ start: 0, end: 20 * M }], [10 * M, 30 * M], 15 * M);
    expect(ms).toBe(20 * M);
  });

  it('rounds to one decimal of a minute', () => {
    expect(toMinutes(90_000)).toBe(1.5);
    expect(toMinutes(0)).toBe(0);
  });
});
