/**
 * Active time: the sum of gaps between consecutive activity points, leaving out any gap
 * longer than the idle threshold (someone walked away). Times are epoch milliseconds.
 */
export function activeMs(points: readonly number[], idleMs: number): number {
  const sorted = inOrder(points) ? points : points.filter((p) => Number.isFinite(p)).sort((a, b) => a - b);
  let total = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number);
    if (gap <= idleMs) total += gap;
  }
  return total;
}

/**
 * The activity points that active time can still need, for a cache of a folded ledger. A point
 * whose two neighbours are at most `idleMs` apart adds nothing to `activeMs` or to
 * `activeMsInIntervals` for any interval: the gaps on its two sides are either both counted or
 * fall inside one that is (wherever an interval starts or ends). Dropping such points one at a
 * time keeps every answer exact, and a busy session shrinks to about two points per idle window.
 */
export function compactActivity(points: readonly number[], idleMs: number): number[] {
  const sorted = inOrder(points) ? points : points.filter((p) => Number.isFinite(p)).sort((a, b) => a - b);
  const out: number[] = [];
  for (const p of sorted) {
    while (out.length >= 2 && p - (out[out.length - 2] as number) <= idleMs) out.pop();
    out.push(p);
  }
  return out;
}

/** Ledger times are almost always in order already: check in one pass before sorting. */
function inOrder(points: readonly number[]): boolean {
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as number;
    if (!Number.isFinite(p) || (i > 0 && p < (points[i - 1] as number))) return false;
  }
  return true;
}

/** Minutes with one decimal, as tasks.json stores them. */
export const toMinutes = (ms: number): number => Math.round(ms / 6000) / 10;

export interface Interval {
  start: number;
  end: number;
}

/** Active time inside intervals, with the activity points that fall in each. */
export function activeMsInIntervals(
  intervals: readonly Interval[],
  activity: readonly number[],
  idleMs: number,
): number {
  let total = 0;
  for (const iv of intervals) {
    const pts = [iv.start];
    for (const a of activity) if (a > iv.start && a < iv.end) pts.push(a);
    pts.push(iv.end);
    total += activeMs(pts, idleMs);
  }
  return total;
}
