import { describe, expect, it } from 'vitest';
import { activeMs, activeMsInIntervals, compactActivity, toMinutes } from '../../../src/domain/tasks/active-time.ts';

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

describe('compactActivity', () => {
  it('keeps the ends and drops points inside a busy stretch', () => {
    expect(compactActivity([0, 1 * M, 2 * M, 3 * M, 40 * M, 41 * M], 15 * M)).toEqual([0, 3 * M, 40 * M, 41 * M]);
    expect(compactActivity([], 15 * M)).toEqual([]);
    expect(compactActivity([5], 15 * M)).toEqual([5]);
  });

  it('a busy session of 10,000 events a second apart (2.8 h) keeps about one point per idle window', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => i * 1000);
    const compact = compactActivity(points, 15 * M);
    expect(compact.length).toBeLessThanOrEqual(13);
    expect([compact[0], compact.at(-1)]).toEqual([0, 9_999_000]);
    expect(activeMs(compact, 15 * M)).toBe(9_999_000);
  });

  it('is exact: 3,000 seeded cases of points, intervals and thresholds give the same active time', () => {
    let seed = 11;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    let shrunk = 0;
    let total = 0;
    for (let k = 0; k < 3000; k++) {
      const idle = (1 + rand(20)) * M;
      const points: number[] = [];
      let t = rand(10 * M);
      for (let i = rand(80); i > 0; i--) {
        t += rand(4) === 0 ? rand(60 * M) : rand(3 * M); // mostly busy, sometimes a long break
        points.push(rand(10) === 0 ? t - rand(5 * M) : t); // a few out of order
      }
      const intervals = Array.from({ length: rand(4) }, () => {
        const start = rand(Math.max(1, t + 30 * M));
        return { start, end: start + rand(120 * M) };
      });
      const compact = compactActivity(points, idle);
      shrunk += compact.length;
      total += points.length;
      expect(activeMs(compact, idle), `case ${k}`).toBe(activeMs(points, idle));
      const now = t + rand(30 * M); // a running session's active time runs to now
      expect(activeMs([...compact, now], idle), `case ${k}`).toBe(activeMs([...points, now], idle));
      expect(activeMsInIntervals(intervals, compact, idle), `case ${k}`).toBe(
        activeMsInIntervals(intervals, points, idle),
      );
    }
    expect(shrunk).toBeLessThan(total);
  });
});
