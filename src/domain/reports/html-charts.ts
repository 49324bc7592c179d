import type { SessionState } from '../tasks/session-state.ts';
import type { PerformanceRecord, ReportData } from './report-data.ts';

/** Inline SVG charts of the HTML report: no script, no external resource, text escaped. */

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const STATUS_COLOUR: Record<string, string> = { completed: '#2e7d32', in_progress: '#1565c0', blocked: '#c62828', failed: '#c62828', pending: '#9e9e9e', paused: '#f9a825' };
const colour = (status: string): string => STATUS_COLOUR[status] ?? '#616161';
const W = 900;
const LABEL = 190;

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** One row per task: its in-progress stretches on the session's time axis; idle gaps shaded across all rows. */
export function timelineSvg(s: SessionState, endMs: number, idleMs: number): string {
  const startMs = s.startedAt ? Date.parse(s.startedAt) : Math.min(endMs, ...s.activity);
  const span = Math.max(endMs - startMs, 60_000);
  const x = (t: number): number => LABEL + ((Math.min(Math.max(t, startMs), endMs) - startMs) / span) * (W - LABEL - 10);
  const rows = s.tasks.length;
  const h = 30 + rows * 22;
  const points = [...s.activity].sort((a, b) => a - b);
  const gaps: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as number;
    const b = points[i] as number;
    if (b - a > idleMs) gaps.push(`<rect class="idle" x="${x(a).toFixed(1)}" y="20" width="${(x(b) - x(a)).toFixed(1)}" height="${h - 20}" fill="#eeeeee"><title>idle ${Math.round((b - a) / 60_000)} min</title></rect>`);
  }
  const bars = s.tasks.map((t, i) => {
    const y = 26 + i * 22;
    const stretches = t.intervals.map((iv) => {
      const a = x(iv.start);
      const b = x(iv.end ?? endMs);
      return `<rect x="${a.toFixed(1)}" y="${y}" width="${Math.max(b - a, 2).toFixed(1)}" height="16" rx="3" fill="${colour(t.status)}"><title>${esc(t.id)} ${hhmm(iv.start)}–${hhmm(iv.end ?? endMs)}</title></rect>`;
    });
    return `<g data-task="${esc(t.id)}" data-status="${esc(t.status)}"><text x="4" y="${y + 12}" font-size="12">${esc(`${t.id} ${t.title}`.slice(0, 30))}</text>${stretches.join('')}</g>`;
  });
  const axis = `<text x="${LABEL}" y="12" font-size="11">${hhmm(startMs)}</text><text x="${W - 50}" y="12" font-size="11">${hhmm(endMs)}</text>`;
  return `<svg class="timeline" viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="task timeline">${axis}${gaps.join('')}${bars.join('')}</svg>`;
}

/** Estimate against actual minutes, two bars per task. */
export function estimateSvg(tasks: ReportData['tasks']): string {
  const max = Math.max(1, ...tasks.flatMap((t) => [t.estimatedMinutes ?? 0, t.actualMinutes ?? 0]));
  const w = (m: number | null): number => ((m ?? 0) / max) * (W - LABEL - 60);
  const rows = tasks.map((t, i) => {
    const y = 8 + i * 30;
    const over = t.estimatedMinutes !== null && t.actualMinutes !== null && t.actualMinutes > t.estimatedMinutes;
    return `<g data-estimate="${esc(t.id)}"><text x="4" y="${y + 14}" font-size="12">${esc(t.id)}</text><rect x="${LABEL}" y="${y}" width="${w(t.estimatedMinutes).toFixed(1)}" height="10" fill="#90caf9"><title>estimate ${t.estimatedMinutes ?? '?'} min</title></rect><rect x="${LABEL}" y="${y + 12}" width="${w(t.actualMinutes).toFixed(1)}" height="10" fill="${over ? '#ef6c00' : '#1565c0'}"><title>actual ${t.actualMinutes ?? '–'} min</title></rect><text x="${Math.min(LABEL + w(Math.max(t.estimatedMinutes ?? 0, t.actualMinutes ?? 0)) + 6, W - 90).toFixed(1)}" y="${y + 18}" font-size="11">${t.estimatedMinutes ?? '?'} / ${t.actualMinutes ?? '–'} min</text></g>`;
  });
  return `<svg class="estimates" viewBox="0 0 ${W} ${16 + tasks.length * 30}" width="100%" role="img" aria-label="estimate against actual">${rows.join('')}</svg>`;
}

/** Gate runs over time: one column per run, one row per gate; a hollow mark is a failure from before the session. */
export function gatesSvg(runs: ReportData['gateRuns']): string {
  const names = [...new Set(runs.flatMap((r) => r.results.map((x) => x.name)))];
  const step = Math.min(40, (W - LABEL - 20) / Math.max(runs.length, 1));
  const cells = runs.flatMap((r, j) =>
    r.results.map((res) => {
      const cx = LABEL + 10 + j * step;
      const cy = 14 + names.indexOf(res.name) * 22;
      const fill = res.status === 'pass' ? '#2e7d32' : res.status === 'fail' ? (res.blocking ? '#c62828' : '#ef6c00') : '#bdbdbd';
      const hollow = res.preexisting === true;
      return `<circle data-gate="${esc(res.name)}" data-status="${esc(res.status)}" cx="${cx.toFixed(1)}" cy="${cy}" r="7" fill="${hollow ? 'white' : fill}" stroke="${fill}" stroke-width="3"><title>${esc(`${res.name} ${res.status} at ${r.t} (${r.trigger})${hollow ? ', failing since before the session' : ''}`)}</title></circle>`;
    }),
  );
  const labels = names.map((n, i) => `<text x="4" y="${18 + i * 22}" font-size="12">${esc(n)}</text>`);
  return `<svg class="gates" viewBox="0 0 ${W} ${10 + names.length * 22}" width="100%" role="img" aria-label="gate runs">${labels.join('')}${cells.join('')}</svg>`;
}

/** The score of the last sessions, as a line with a point per session. */
export function trendSvg(records: readonly PerformanceRecord[]): string {
  if (records.length === 0) return '<p>No completed session in .claude/metrics-history.jsonl yet.</p>';
  const h = 140;
  const step = (W - 80) / Math.max(records.length - 1, 1);
  const pt = (r: PerformanceRecord, i: number): [number, number] => [40 + i * step, 10 + (1 - r.score / 100) * (h - 30)];
  const path = records.map((r, i) => pt(r, i).map((v) => v.toFixed(1)).join(',')).join(' ');
  const dots = records.map((r, i) => {
    const [x, y] = pt(r, i);
    return `<g data-trend="${esc(r.session)}"><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#1565c0"><title>${esc(`session ${r.session}: ${r.score}/100`)}</title></circle><text x="${(x - 10).toFixed(1)}" y="${h - 4}" font-size="11">${esc(r.session)}</text></g>`;
  });
  return `<svg class="trend" viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="score trend"><polyline points="${path}" fill="none" stroke="#90caf9" stroke-width="2"/>${dots.join('')}</svg>`;
}
