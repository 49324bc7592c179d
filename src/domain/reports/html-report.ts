import type { SessionState } from '../tasks/session-state.ts';
import { esc, estimateSvg, gatesSvg, timelineSvg, trendSvg } from './html-charts.ts';
import type { PerformanceRecord, ReportData } from './report-data.ts';

export interface HtmlReportInput {
  data: ReportData;
  state: SessionState;
  /** The last sessions' records from metrics-history.jsonl, oldest first. */
  history: readonly PerformanceRecord[];
  /** When the report is as of (the session's end, or now for an active one), epoch ms. */
  endMs: number;
  idleMs: number;
}

const pct = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v * 100)}%`);

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:960px;color:#212121;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e0e0e0;padding-bottom:4px}
.cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #e0e0e0;border-radius:6px;padding:8px 12px;min-width:120px}
.card b{display:block;font-size:20px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eeeeee;padding:4px 6px;text-align:left;vertical-align:top}
.muted{color:#757575}code{font-size:12px}`;

function metricCards(d: ReportData): string {
  const m = d.metrics;
  const cards: [string, string, string][] = [
    ['score', `${d.score.value}/100`, d.score.parts.map((p) => `${p.name} ${p.factor === null ? 'n/a' : `${Math.round(p.factor * 100)}%`} × ${p.weight}`).join(', ')],
    ['completion', pct(m.completionRate.value), `${m.completionRate.num}/${m.completionRate.den} tasks`],
    ['quality', pct(m.qualityScore.value), `${m.qualityScore.num}/${m.qualityScore.den}`],
    ['time efficiency', m.timeEfficiency.value === null ? 'n/a' : `${m.timeEfficiency.value.toFixed(2)}×`, `${d.counts.timeEstimated} min estimated, ${d.counts.timeSpent} spent`],
    ['bug rate', pct(m.bugRate.value), `${d.counts.bugsIntroduced} introduced, ${d.counts.bugsFixed} fixed`],
    ['doc coverage', pct(m.docCoverage.value), `${m.docCoverage.num}/${m.docCoverage.den}`],
  ];
  return `<div class="cards">${cards.map(([k, v, t]) => `<div class="card" data-metric="${esc(k)}" title="${esc(t)}">${esc(k)}<b>${esc(v)}</b><span class="muted">${esc(t)}</span></div>`).join('')}</div>`;
}

function tasksTable(d: ReportData): string {
  const rows = d.tasks.map(
    (t) =>
      `<tr data-task-row="${esc(t.id)}"><td>${esc(t.id)}</td><td>${esc(t.title)}</td><td>${esc(t.status)}${t.forced ? ' (override)' : ''}</td><td>${t.estimatedMinutes ?? '?'} / ${t.actualMinutes ?? '–'}</td><td data-files="${t.files.length}">${t.files.length}${t.files.length ? `<br><code>${t.files.slice(0, 12).map(esc).join('<br>')}${t.files.length > 12 ? `<br>… ${t.files.length - 12} more` : ''}</code>` : ''}</td></tr>`,
  );
  return `<table class="tasks"><thead><tr><th>task</th><th>title</th><th>status</th><th>min est. / actual</th><th>files touched</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The session as one self-contained HTML page: the headline metrics, a timeline of tasks with
 * idle gaps, estimate against actual, gate runs over time, files per task and the score across
 * the last sessions. Inline CSS and SVG only: no script, no font, nothing fetched.
 */
export function renderHtmlReport(r: HtmlReportInput): string {
  const d = r.data;
  const title = `csm session ${d.session}`;
  const parts = [
    `<h1>${esc(title)} <span class="muted">${esc(r.state.status)}</span></h1>`,
    `<p class="objectives">${d.objectives.map((o) => esc(o)).join(' · ')}</p>`,
    `<p class="muted">${esc(d.startedAt ?? '?')} → ${esc(d.endAt ?? '?')}${d.branch ? ` · branch ${esc(d.branch)}` : ''} · ${d.counts.linesAdded} lines added, ${d.counts.linesRemoved} removed · Stop blocked ${d.stopBlocks} time(s)</p>`,
    metricCards(d),
    `<h2>Timeline</h2>${timelineSvg(r.state, r.endMs, r.idleMs)}<p class="muted">Bars: each task's time in progress (green done, blue in progress, red blocked or failed). Grey: idle gaps longer than ${Math.round(r.idleMs / 60_000)} min.</p>`,
    `<h2>Estimate against actual</h2>${estimateSvg(d.tasks)}`,
    `<h2>Gate runs</h2>${d.gateRuns.length ? gatesSvg(d.gateRuns) : '<p>No gate run yet.</p>'}<p class="muted">One column per run: green passed, red failed (blocking), orange failed (advisory), hollow failing since before the session, grey skipped.</p>`,
    `<h2>Tasks and files</h2>${tasksTable(d)}`,
    `<h2>Score across sessions</h2>${trendSvg(r.history)}`,
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
