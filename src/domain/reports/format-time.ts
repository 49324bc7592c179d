/** An ISO time as `2026-05-01 10:20 UTC` (minutes), or — when there is none. */
export const fmtTime = (iso: string | null): string =>
  iso && Number.isFinite(Date.parse(iso)) ? `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
