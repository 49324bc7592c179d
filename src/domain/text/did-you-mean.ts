/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const up = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known word a mistyped one most likely meant (`stauts` → `status`), or null when none is close. */
export function closest(word: string, known: readonly string[]): string | null {
  const w = word.toLowerCase().slice(0, 40);
  let best: { name: string; d: number } | null = null;
  for (const name of known) {
    const d = name.startsWith(w) && w.length >= 2 ? 0.5 : distance(w, name);
    if (d <= Math.max(1, Math.floor(name.length / 3)) && (best === null || d < best.d)) best = { name, d };
  }
  return best?.name ?? null;
}

/** ` (did you mean "status"?)`, or nothing. */
export const didYouMean = (word: string, known: readonly string[]): string => {
  const c = closest(word, known);
  return c === null ? '' : ` — did you mean "${c}"?`;
};
