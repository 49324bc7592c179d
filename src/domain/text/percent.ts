/** A ratio (0–1) as a whole percentage for people: `0.875` → `88%`; `n/a` when there is none. */
export const percent = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v * 100)}%`);
