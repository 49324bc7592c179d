import { formatJson } from '../../kernel/format-json.ts';
import { tidyMarkdown } from '../text/tidy-markdown.ts';
import { fmtTime } from './format-time.ts';
import type { ReportData } from './report-data.ts';
import { head, list, num2, pct } from './report-markdown.ts';
import { SCORE_FORMULA } from './score.ts';

/** Markdown for session-NNN-review.md: the metrics with their definitions, the score, what went well and not. */

/** The Bug Rate's definition, as the reports print it. */
export const BUG_RATE_RULE =
  'bugs introduced ÷ tasks completed (at least 1); a bug introduced = a blocking gate that ends the session failing ' +
  'with failures it did not have at an earlier run of the session (passing, or failing only as before the session), ' +
  'each failing streak once; a regression Stop caught and the session fixed is the gate working, not a bug';

function metricsTable(d: ReportData): string {
  const m = d.metrics;
  const eff = m.timeEfficiency.value === null ? 'n/a' : `${num2(m.timeEfficiency.value)}×`;
  const bug = m.bugRate.value === null ? 'n/a' : num2(m.bugRate.value);
  return [
    '| metric | value | from | definition |',
    '|---|---:|---|---|',
    `| Completion Rate | ${pct(m.completionRate)} | ${m.completionRate.num} of ${m.completionRate.den} tasks ` +
      `| tasks completed ÷ tasks planned (forced completions count; see overrides) |`,
    `| Quality Score | ${pct(m.qualityScore)} | ${m.qualityScore.num} of ${m.qualityScore.den} checks | ` +
      `passes ÷ checks: gate results that ran (pass or fail, cached passes left out) plus recorded ` +
      `test/typecheck/lint/build commands |`,
    `| Time Efficiency | ${eff} | ${m.timeEfficiency.num} of ${m.timeEfficiency.den} min | Σ actual ÷ Σ ` +
      `estimated minutes over completed tasks with an estimate; under 1 is faster than planned |`,
    `| Bug Rate | ${bug} | ${m.bugRate.num} introduced ÷ ${m.bugRate.den} | ${BUG_RATE_RULE} ` +
      `(caught and fixed here: ${d.counts.regressionsCaught}) |`,
    `| Documentation Coverage | ${pct(m.docCoverage)} | ${m.docCoverage.num} of ${m.docCoverage.den} changes ` +
      `| units that changed source (a task's edits, or the edits made with no task) whose edits — or a ` +
      `dependent task's — include a doc file (*.md, docs/, CHANGELOG) |`,
  ].join('\n');
}

function scoreSection(d: ReportData): string {
  const used = d.score.parts.filter((p) => p.factor !== null);
  const terms = used.map((p) => `${p.weight}×${num2(p.factor as number)}`).join(' + ');
  const total = used.reduce((n, p) => n + p.weight, 0);
  const left = d.score.parts.filter((p) => p.factor === null).map((p) => p.name);
  const line =
    d.metrics.completionRate.value === null
      ? 'This session: no task was planned, so the score is 0.'
      : `This session: round(100 × (${terms}) ÷ ${total}) = ` +
        `**${d.score.value}**${left.length ? ` (n/a, weight left out: ${left.join(', ')})` : ''}`;
  const parts = d.score.parts.map(
    (p) => `- ${p.name} (weight ${p.weight}): ${p.factor === null ? 'n/a' : num2(p.factor)} — ${p.rule}`,
  );
  return `Formula: ${SCORE_FORMULA}\n\n${parts.join('\n')}\n\n${line}`;
}

function renderReviewText(d: ReportData, heading: string): string {
  // the original design's record: the counts without csm's own addition (regressionsCaught)
  const { regressionsCaught: _caught, ...metrics } = d.counts;
  const record = { session: d.session, metrics, score: d.score.value };
  const overrides = d.overrides.map(
    (o) =>
      `${o.task} ${o.title} — completed ${fmtTime(o.at)} without: ` +
      `${o.missing.length ? o.missing.join('; ') : 'the evidence (not recorded)'}`,
  );
  const risks = d.risks.map((r) => `Risk: ${r.risk} — Mitigation: ${r.mitigation}`);
  const releases = d.stopReleases.map((r) => `${fmtTime(r.t)}: ${r.reason}`);
  return `${head(`Session ${d.session} Review`, heading)}
## 📊 Metrics
${metricsTable(d)}

## 🏁 Score: ${d.score.value} / 100
${scoreSection(d)}

## 📈 Performance record
\`\`\`json
${formatJson(record).trimEnd()}
\`\`\`

## ✅ What went well
${list(d.wentWell, 'nothing stood out')}

## ❌ What did not go well
${list(d.wentBadly, 'nothing stood out')}

## ⚠️ Overrides (forced completions)
${list(overrides)}

## 🔄 Re-plans
- Plans imported: ${d.plansImported}; re-plans (imports after the first): ${d.replans}

## 🧯 Risks
${list(risks, 'none recorded')}

## 🛑 Stop hook
${list([`Blocked ${d.stopBlocks} time(s)`, ...releases.map((r) => `Let through ${r}`)])}
`;
}

/** As the common formatters would leave it (tidyMarkdown): the file csm writes is this, byte for byte. */
export const renderReview = (...a: Parameters<typeof renderReviewText>): string => tidyMarkdown(renderReviewText(...a));
