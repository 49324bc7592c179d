import type { SessionState } from '../tasks/session-state.ts';
import { esc, LABEL, LEGEND_CSS, W } from './html-charts.ts';
import { estimateSvg } from './html-estimates.ts';
import { gatesSvg } from './html-gates.ts';
import { localClock, spanText, timeAxis } from './html-time.ts';
import { timelineSvg } from './html-timeline.ts';
import { trendSvg } from './html-trend.ts';
import { bugNote } from './metric-notes.ts';
import type { PerformanceRecord, ReportData } from './report-data.ts';
import { BUG_RATE_RULE } from './review-render.ts';
import { percent as pct } from '../text/percent.ts';

export interface HtmlReportInput {
  data: ReportData;
  state: SessionState;
  /** The last sessions' records from metrics-history.jsonl, oldest first. */
  history: readonly PerformanceRecord[];
  /** When the report is as of (the session's end, or now for an active one), epoch ms. */
  endMs: number;
  idleMs: number;
  /** The reader's time zone (IANA name): the page's times are local. */
  timeZone: string;
}

const CSS =
  'body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:960px;color:#212121;padding:0 12px}' +
  'h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e0e0e0;' +
  'padding-bottom:4px}.cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #e0e0e0;' +
  'border-radius:6px;padding:8px 12px;min-width:120px;max-width:280px}.card b{display:block;font-size:20px}' +
  'table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eeeeee;padding:4px 6px;' +
  'text-align:left;vertical-align:top}.muted{color:#757575}code{font-size:12px}' +
  LEGEND_CSS;

function metricCards(d: ReportData): string {
  const m = d.metrics;
  const score = d.score.parts.map(
    (p) => `${p.name} ${p.factor === null ? 'n/a' : `${Math.round(p.factor * 100)}%`} × ${p.weight}`,
  );
  const eff = m.timeEfficiency.value === null ? 'n/a' : `${m.timeEfficiency.value.toFixed(2)}×`;
  const cards: [string, string, string][] = [
    ['score', `${d.score.value}/100`, score.join(', ')],
    ['completion', pct(m.completionRate.value), `${m.completionRate.num}/${m.completionRate.den} tasks`],
    ['quality', pct(m.qualityScore.value), `${m.qualityScore.num}/${m.qualityScore.den} checks passed`],
    [
      'time efficiency',
      eff,
      `${m.timeEfficiency.num} min actual ÷ ${m.timeEfficiency.den} estimated; under 1× is faster`,
    ],
    ['bug rate', pct(m.bugRate.value), `${bugNote(d)} (a regression caught and fixed here is no bug)`],
    ['doc coverage', pct(m.docCoverage.value), `${m.docCoverage.num}/${m.docCoverage.den} changes with docs`],
  ];
  const rules: Record<string, string> = { 'bug rate': BUG_RATE_RULE, score: "the review's formula: Σ weight × factor" };
  const html = cards.map(([k, v, t]) => {
    const tip = rules[k] ? ` title="${esc(rules[k])}"` : '';
    const body = `${esc(k)}<b>${esc(v)}</b><span class="muted">${esc(t)}</span>`;
    return `<div class="card" data-metric="${esc(k)}"${tip}>${body}</div>`;
  });
  return `<div class="cards">${html.join('')}</div>`;
}

function filesCell(files: readonly string[]): string {
  if (!files.length) return `<td data-files="0">0</td>`;
  const shown = files.slice(0, 12).map(esc).join('<br>');
  const more = files.length > 12 ? `<br>… ${files.length - 12} more` : '';
  return `<td data-files="${files.length}">${files.length}<br><code>${shown}${more}</code></td>`;
}

function tasksTable(d: ReportData): string {
  const rows = d.tasks.map(
    (t) =>
      `<tr data-task-row="${esc(t.id)}"><td>${esc(t.id)}</td><td>${esc(t.title)}</td>` +
      `<td>${esc(t.status)}${t.forced ? ' (override)' : ''}</td>` +
      `<td>${t.estimatedMinutes ?? '?'} / ${t.actualMinutes ?? '–'}</td>${filesCell(t.files)}</tr>`,
  );
  const head = '<tr><th>task</th><th>title</th><th>status</th><th>min est. / actual</th><th>files touched</th></tr>';
  return `<table class="tasks"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The session as one self-contained HTML page: the headline metrics, a timeline of tasks with
 * idle gaps and the gate runs on the same time axis, estimate against actual, files per task and
 * the score across the last sessions. Inline CSS and SVG only: no script, no font, nothing fetched.
 */
export function renderHtmlReport(r: HtmlReportInput): string {
  const d = r.data;
  const clock = localClock(r.timeZone);
  const title = `csm session ${d.session}`;
  const startMs = d.startedAt ? Date.parse(d.startedAt) : Math.min(r.endMs, ...r.state.activity);
  const axis = timeAxis(startMs, r.endMs, LABEL, W - 12);
  const span = spanText(clock, startMs, d.endAt ? Date.parse(d.endAt) : null);
  const facts =
    `${esc(span)} (${esc(clock.zone)})${d.branch ? ` · branch ${esc(d.branch)}` : ''} · ` +
    `${d.counts.linesAdded} lines added, ${d.counts.linesRemoved} removed · Stop blocked ${d.stopBlocks} time(s)`;
  const gates = d.gateRuns.length ? gatesSvg(d.gateRuns, r.state, axis, clock) : '<p>No gate run yet.</p>';
  const parts = [
    `<h1>${esc(title)} <span class="muted">${esc(r.state.status)}</span></h1>`,
    `<p class="objectives">${d.objectives.map((o) => esc(o)).join(' · ')}</p>`,
    `<p class="muted">${facts}</p>`,
    metricCards(d),
    `<h2>Timeline</h2>${timelineSvg(r.state, axis, clock, r.idleMs)}`,
    `<h2>Gate runs</h2>${gates}`,
    `<h2>Estimate against actual</h2>${estimateSvg(d.tasks)}`,
    `<h2>Tasks and files</h2>${tasksTable(d)}`,
    `<h2>Score across sessions</h2>${trendSvg(r.history, clock)}`,
  ];
  const head =
    `<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${CSS}</style>`;
  return `<!doctype html>\n<html lang="en"><head>${head}</head><body>${parts.join('\n')}</body></html>\n`;
}
