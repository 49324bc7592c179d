import { esc, W } from './html-charts.ts';
import type { LocalClock } from './html-time.ts';
import type { PerformanceRecord } from './report-data.ts';

const H = 200;
const LEFT = 48;
const TOP = 26;
const BOTTOM = H - 40;
const y = (score: number): number => TOP + (1 - score / 100) * (BOTTOM - TOP);

/** The score axis: 0 to 100 with a grid line every 25. */
function scoreAxis(): string {
  const ticks = [0, 25, 50, 75, 100].map((v) => {
    const at = y(v).toFixed(1);
    return (
      `<line x1="${LEFT}" y1="${at}" x2="${W - 20}" y2="${at}" stroke="#eeeeee"/>` +
      `<text x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#616161">${v}</text>`
    );
  });
  const title = `<text x="4" y="${TOP - 4}" font-size="11" fill="#616161">score</text>`;
  return `${title}${ticks.join('')}<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${BOTTOM}" stroke="#9e9e9e"/>`;
}

/** The score of the last sessions: a point per session with its value, the session and its date below. */
export function trendSvg(records: readonly PerformanceRecord[], clock: LocalClock): string {
  if (records.length === 0) return '<p>No completed session in .claude/metrics-history.jsonl yet.</p>';
  const step = (W - LEFT - 60) / Math.max(records.length - 1, 1);
  const x = (i: number): number => LEFT + 24 + i * step;
  const line = records.map((r, i) => `${x(i).toFixed(1)},${y(r.score).toFixed(1)}`).join(' ');
  const points = records.map((r, i) => {
    const cx = x(i).toFixed(1);
    const when =
      r.completedAt && Number.isFinite(Date.parse(r.completedAt)) ? clock.date(Date.parse(r.completedAt)) : '';
    const tip = `session ${r.session}: ${r.score}/100${when ? `, completed ${when}` : ''}`;
    return (
      `<g data-trend="${esc(r.session)}"><title>${esc(tip)}</title>` +
      `<circle cx="${cx}" cy="${y(r.score).toFixed(1)}" r="4" fill="#1565c0"/>` +
      `<text x="${cx}" y="${(y(r.score) - 8).toFixed(1)}" font-size="11" text-anchor="middle">${r.score}</text>` +
      `<text x="${cx}" y="${BOTTOM + 16}" font-size="11" text-anchor="middle">${esc(r.session)}</text>` +
      `<text x="${cx}" y="${BOTTOM + 30}" font-size="10" text-anchor="middle" fill="#757575">${esc(when)}</text></g>`
    );
  });
  return (
    `<svg class="trend" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="score trend">${scoreAxis()}` +
    `<polyline points="${line}" fill="none" stroke="#90caf9" stroke-width="2"/>${points.join('')}</svg>` +
    '<p class="muted">Score out of 100 per completed session (the review\'s formula), oldest on the left.</p>'
  );
}
