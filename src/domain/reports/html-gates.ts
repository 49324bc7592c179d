import type { SessionState } from '../tasks/session-state.ts';
import { esc, LABEL, legend, W } from './html-charts.ts';
import { axisSvg, type LocalClock, type TimeAxis } from './html-time.ts';
import type { ReportData } from './report-data.ts';

type Run = ReportData['gateRuns'][number];

/** What a gate run was, short (for the chart) and in words (for its tooltip). */
export interface RunLabel {
  code: string;
  text: string;
}

/** The task in progress at time t, if any. */
function taskAt(s: SessionState, t: number): SessionState['tasks'][number] | undefined {
  return s.tasks.findLast((task) => task.intervals.some((iv) => iv.start <= t && (iv.end === null || t <= iv.end)));
}

/**
 * Each run named by what started it — the baseline at csm start, Stop n, the slower checks after
 * Stop n, a task done, csm gates, csm complete — and the task in progress then.
 */
export function runLabels(runs: readonly Run[], s: SessionState): RunLabel[] {
  let stops = 0;
  return runs.map((r) => {
    const task = taskAt(s, Date.parse(r.t));
    const during = task ? `, during ${task.id} “${task.title}”` : '';
    switch (r.trigger) {
      case 'baseline':
        return { code: 'B', text: `baseline at csm start${during}` };
      case 'stop':
        stops++;
        return { code: `S${stops}`, text: `Stop ${stops}${during}` };
      case 'after-stop':
        return { code: `A${stops}`, text: `after Stop ${stops} (the checks Stop leaves for later)${during}` };
      case 'task-done':
        return { code: 'D', text: `task done${during}` };
      case 'complete':
        return { code: 'C', text: 'csm complete' };
      case 'manual':
        return { code: 'G', text: `csm gates${during}` };
      default:
        return { code: '·', text: `${r.trigger}${during}` };
    }
  });
}

/** A failure from before the session is one colour (the legend's red ring) however Stop weighed it that time. */
const fillOf = (res: Run['results'][number]): string =>
  res.status === 'pass'
    ? '#2e7d32'
    : res.status !== 'fail'
      ? '#bdbdbd'
      : res.blocking || res.preexisting
        ? '#c62828'
        : '#ef6c00';

/** The x of each run: its time on the axis, moved right just enough that marks do not overlap. */
function columns(runs: readonly Run[], axis: TimeAxis): number[] {
  const gap = Math.min(18, (W - LABEL - 10) / Math.max(runs.length, 1));
  const xs: number[] = [];
  for (const r of runs) {
    const prev = xs[xs.length - 1];
    const x = axis.x(Date.parse(r.t));
    xs.push(prev === undefined ? x : Math.max(x, prev + gap));
  }
  return xs;
}

/**
 * Gate runs on the timeline's time axis: one row per gate, one column per run at its time,
 * labelled with what started it (S1 = Stop 1, …); a hollow mark failed before the session.
 */
export function gatesSvg(runs: readonly Run[], s: SessionState, axis: TimeAxis, clock: LocalClock): string {
  const names = [...new Set(runs.flatMap((r) => r.results.map((x) => x.name)))];
  const labels = runLabels(runs, s);
  const xs = columns(runs, axis);
  const top = 40;
  const h = top + names.length * 22;
  const cols = runs.map((r, j) => {
    const x = (xs[j] as number).toFixed(1);
    const label = labels[j] as RunLabel;
    const when = clock.time(Date.parse(r.t));
    const code =
      `<text x="${x}" y="30" font-size="10" text-anchor="middle" data-run="${esc(label.code)}">` +
      `<title>${esc(`${label.text}, ${when}`)}</title>${esc(label.code)}</text>`;
    const dots = r.results.map((res) => {
      const fill = fillOf(res);
      const hollow = res.preexisting === true;
      const before = hollow ? '; failing since before the session' : '';
      const tip = `${res.name} ${res.status} at ${when} — ${label.text}${before}`;
      const cy = top + names.indexOf(res.name) * 22;
      return (
        `<circle data-gate="${esc(res.name)}" data-status="${esc(res.status)}" cx="${x}" cy="${cy}" ` +
        `r="7" fill="${hollow ? 'white' : fill}" stroke="${fill}" stroke-width="3"><title>${esc(tip)}</title></circle>`
      );
    });
    return `${code}${dots.join('')}`;
  });
  const rows = names.map((n, i) => `<text x="4" y="${top + 4 + i * 22}" font-size="12">${esc(n)}</text>`);
  const svg =
    `<svg class="gates" viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="gate runs">` +
    `${axisSvg(axis, clock, 12, h)}${rows.join('')}${cols.join('')}</svg>`;
  const key = legend([
    { colour: '#2e7d32', label: 'passed' },
    { colour: '#c62828', label: 'failed (blocking)' },
    { colour: '#ef6c00', label: 'failed (advisory)' },
    { colour: '#c62828', label: 'failing since before the session', hollow: true },
    { colour: '#bdbdbd', label: 'skipped or could not run' },
  ]);
  const codes =
    'B baseline at csm start · S1, S2… Stop 1, 2… · A after that Stop (checks it left for later) · ' +
    'D task done · G csm gates · C csm complete';
  return `${svg}${key}<p class="muted">${codes}. Hover a mark for its time and task.</p>`;
}
