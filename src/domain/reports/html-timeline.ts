import type { SessionState } from '../tasks/session-state.ts';
import { esc, labelSvg, legend, W } from './html-charts.ts';
import { axisSvg, type LocalClock, type TimeAxis } from './html-time.ts';

const STATUS_COLOUR: Record<string, string> = {
  completed: '#2e7d32',
  in_progress: '#1565c0',
  blocked: '#c62828',
  failed: '#c62828',
  pending: '#9e9e9e',
  paused: '#f9a825',
};
const colour = (status: string): string => STATUS_COLOUR[status] ?? '#616161';
const ROW = 32;
const TOP = 22;

/** Idle stretches (gaps between recorded events longer than idleMs), shaded across every row. */
function idleGaps(s: SessionState, axis: TimeAxis, idleMs: number, clock: LocalClock, bottom: number): string {
  const points = [...s.activity].sort((a, b) => a - b);
  const gaps: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as number;
    const b = points[i] as number;
    if (b - a <= idleMs) continue;
    const x = axis.x(a);
    const tip = `idle ${Math.round((b - a) / 60_000)} min, ${clock.time(a)}–${clock.time(b)}`;
    const w = (axis.x(b) - x).toFixed(1);
    gaps.push(
      `<rect class="idle" x="${x.toFixed(1)}" y="${TOP}" width="${w}" height="${bottom - TOP}" fill="#eeeeee">` +
        `<title>${tip}</title></rect>`,
    );
  }
  return gaps.join('');
}

/** One row per task (its full name in the tooltip): its stretches in progress on the session's time axis. */
export function timelineSvg(s: SessionState, axis: TimeAxis, clock: LocalClock, idleMs: number): string {
  const h = TOP + 6 + s.tasks.length * ROW;
  const bars = s.tasks.map((t, i) => {
    const y = TOP + 6 + i * ROW;
    const stretches = t.intervals.map((iv) => {
      const a = axis.x(iv.start);
      const end = iv.end ?? axis.endMs;
      const w = Math.max(axis.x(end) - a, 2).toFixed(1);
      const tip = esc(`${t.id} “${t.title}” (${t.status}) ${clock.time(iv.start)}–${clock.time(end)}`);
      const bar = `<rect x="${a.toFixed(1)}" y="${y}" width="${w}" height="16" rx="3" fill="${colour(t.status)}">`;
      return `${bar}<title>${tip}</title></rect>`;
    });
    const label = `<g><title>${esc(`${t.id} ${t.title}`)}</title>${labelSvg(`${t.id} ${t.title}`, 4, y + 11)}</g>`;
    return `<g data-task="${esc(t.id)}" data-status="${esc(t.status)}">${label}${stretches.join('')}</g>`;
  });
  const svg =
    `<svg class="timeline" viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="task timeline">` +
    `${axisSvg(axis, clock, 12, h)}${idleGaps(s, axis, idleMs, clock, h)}${bars.join('')}</svg>`;
  const key = legend([
    { colour: colour('completed'), label: 'completed' },
    { colour: colour('in_progress'), label: 'in progress' },
    { colour: colour('blocked'), label: 'blocked or failed' },
    { colour: '#eeeeee', label: `idle over ${Math.round(idleMs / 60_000)} min` },
  ]);
  return `${svg}${key}`;
}
