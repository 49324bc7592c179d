import { esc, LABEL, labelSvg, legend, W } from './html-charts.ts';
import type { ReportData } from './report-data.ts';

const ESTIMATE = '#90caf9';
const ACTUAL = '#1565c0';
const OVER = '#ef6c00';

/** Estimate against actual minutes: two bars per task, the minutes written beside them. */
export function estimateSvg(tasks: ReportData['tasks']): string {
  const max = Math.max(1, ...tasks.flatMap((t) => [t.estimatedMinutes ?? 0, t.actualMinutes ?? 0]));
  const w = (m: number | null): number => ((m ?? 0) / max) * (W - LABEL - 100);
  const rows = tasks.map((t, i) => {
    const y = 8 + i * 32;
    const over = t.estimatedMinutes !== null && t.actualMinutes !== null && t.actualMinutes > t.estimatedMinutes;
    const longest = w(Math.max(t.estimatedMinutes ?? 0, t.actualMinutes ?? 0));
    const figures = `${t.estimatedMinutes ?? '?'} min estimated, ${t.actualMinutes ?? '–'} actual`;
    return (
      `<g data-estimate="${esc(t.id)}"><title>${esc(`${t.id} ${t.title}: ${figures}`)}</title>` +
      labelSvg(`${t.id} ${t.title}`, 4, y + 10) +
      `<rect x="${LABEL}" y="${y}" width="${w(t.estimatedMinutes).toFixed(1)}" height="10" fill="${ESTIMATE}"/>` +
      `<rect x="${LABEL}" y="${y + 12}" width="${w(t.actualMinutes).toFixed(1)}" height="10" ` +
      `fill="${over ? OVER : ACTUAL}"/>` +
      `<text x="${(LABEL + longest + 6).toFixed(1)}" y="${y + 18}" font-size="11">` +
      `${t.estimatedMinutes ?? '?'} / ${t.actualMinutes ?? '–'} min</text></g>`
    );
  });
  const svg =
    `<svg class="estimates" viewBox="0 0 ${W} ${16 + tasks.length * 32}" width="100%" role="img" ` +
    `aria-label="estimate against actual">${rows.join('')}</svg>`;
  return `${svg}${legend([
    { colour: ESTIMATE, label: 'estimated minutes' },
    { colour: ACTUAL, label: 'actual minutes (active time on the task)' },
    { colour: OVER, label: 'actual, over the estimate' },
  ])}`;
}
