import { formatJson } from '../../kernel/format-json.ts';
import { fmtTime } from './format-time.ts';
import type { ReportData } from './report-data.ts';
import { type Ratio } from './session-metrics.ts';
import { SCORE_FORMULA } from './score.ts';
import { tidyMarkdown } from '../text/tidy-markdown.ts';

/**
 * Markdown for session-NNN-completed.md and session-NNN-review.md. The heading line is the only
 * part that differs between an interim and the final report; the body is a function of the data.
 */

/** `2026-11-25T09:05:00.000Z` → `2026-11-25 09:05 UTC` (fixed zone, so a report reads the same everywhere). */

export const interimHeading = (now: string): string => `in progress as of ${fmtTime(now)}; final on \`csm complete\``;
export const finalHeading = (completedAt: string | null): string => `completed ${fmtTime(completedAt)}`;

const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const list = (items: readonly string[], none = 'none'): string => (items.length ? items.map((i) => `- ${i}`).join('\n') : `- ${none}`);
const pct = (r: Ratio): string => (r.value === null ? 'n/a' : `${Math.round(r.value * 100)}%`);
const num2 = (n: number): string => n.toFixed(2);
const min = (n: number | null): string => (n === null ? '—' : String(n));
const short = (sha: string | null): string => (sha ? sha.slice(0, 7) : 'none');
/** What the file table counts from: the session's start (its commit and what was uncommitted then), else its base. */
const filesSince = (d: ReportData): string =>
  d.fromStartTree
    ? `the session started (${d.baseCommit ? short(d.baseCommit) : 'no commit'} and the changes uncommitted then)`
    : d.baseCommit
      ? short(d.baseCommit)
      : 'HEAD (no base commit was recorded)';
const STATUS: Record<string, string> = { pass: '✓', fail: '✗', error: '⚠', skipped: '–' };

const head = (title: string, heading: string): string => `# ${title}\n\n> ${heading}\n`;

/** The report without its heading line: what must be equal between interim and final. */
export const reportBody = (markdown: string): string => markdown.split('\n').filter((l, i) => !(i === 2 && l.startsWith('> '))).join('\n');

function tasksTable(d: ReportData): string {
  if (!d.tasks.length) return '_No tasks were planned._';
  const rows = d.tasks.map((t) => `| ${t.id} | ${cell(t.title)} | ${cell(t.agent)} | ${t.status}${t.forced ? ' (forced)' : ''} | ${min(t.estimatedMinutes)} | ${min(t.actualMinutes)} | ${cell(t.files.join(', ') || '—')} |`);
  const actual = Math.round(d.tasks.reduce((n, t) => n + (t.actualMinutes ?? 0), 0) * 10) / 10;
  return [
    '| id | title | agent | status | est. min | actual min | files |',
    '|---|---|---|---|---:|---:|---|',
    ...rows,
    '',
    `${d.counts.tasksCompleted} of ${d.counts.tasksPlanned} completed · estimated ${d.counts.timeEstimated} min · actual on tasks ${actual} min · session active ${d.counts.timeSpent} min`,
  ].join('\n');
}

function filesTable(d: ReportData): string {
  if (!d.files.length) return '_No file changed since the base commit._';
  return [
    '| file | added | removed | kind |',
    '|---|---:|---:|---|',
    ...d.files.map((f) => `| ${cell(f.path)} | ${f.added} | ${f.removed} | ${f.kind} |`),
    `| **total (${d.files.length} files)** | **${d.counts.linesAdded}** | **${d.counts.linesRemoved}** | |`,
  ].join('\n');
}

function testsSection(d: ReportData): string {
  const passed = new Set(d.tests.passed);
  const lines = [`Test files added or changed: ${d.counts.testsWritten} (${d.counts.testsPassed} covered by a passing test run)`];
  for (const f of d.tests.files) lines.push(`- ${f}${passed.has(f) ? ' — passed' : ''}`);
  lines.push(`Newest test run: ${d.tests.lastRun ? `${fmtTime(d.tests.lastRun.t)} — ${d.tests.lastRun.passed ? 'passed' : 'failed'}` : 'none recorded'}`);
  if (d.tests.cases.length) {
    lines.push('', 'Test cases planned with the tasks:');
    for (const c of d.tests.cases) lines.push(`- ${c.task} ${c.title}: ${c.cases.join('; ')}`);
  }
  return lines.join('\n');
}

function gateHistory(d: ReportData): string {
  if (!d.gateRuns.length) return '_No gate run was recorded._';
  const rows = d.gateRuns.map((r) => {
    const results = r.results.map((g) => `${g.name} ${STATUS[g.status] ?? g.status}${g.cached ? ' (cached)' : ''}${g.preexisting ? ' (failing since before this session)' : !g.blocking && g.status === 'fail' ? ' (advisory)' : ''}${g.line ? ` — ${g.line}` : ''}`);
    return `| ${fmtTime(r.t)} | ${r.trigger} | ${cell(results.join(' · ') || '—')} |`;
  });
  return ['| time | trigger | gates (✓ pass, ✗ fail, ⚠ could not run, – skipped) |', '|---|---|---|', ...rows].join('\n');
}

function renderCompletedText(d: ReportData, heading: string): string {
  const blockers = d.blockers.map((b) => `${b.task} ${b.title} (${b.status}): ${b.reasons.join('; ')}`);
  if (d.stopBlocks) blockers.push(`Stop was blocked ${d.stopBlocks} time(s) by failing gates`);
  const handoffs = d.handoffs.map((h) => `${h.task} ${h.title}: ${h.chain.join(' → ')}\n${h.notes.map((n) => `  - ${n}`).join('\n')}`);
  return `${head(`Session ${d.session} Completion Report`, heading)}
## 🎯 Objectives — ${d.objectivesMet.met ? 'met' : 'not met'}
${d.objectives.map((o, i) => `${i + 1}. ${o}`).join('\n') || '_none stated_'}

${list(d.objectivesMet.why)}

_Met means: every planned task is completed and the newest gate run has no blocking failure (without gate runs, the newest test/check command passed)._

## Session
- Branch: ${d.branch ?? 'none'} · base commit ${short(d.baseCommit)}${d.workflow ? ` · workflow ${d.workflow}` : ''}
- Started ${fmtTime(d.startedAt)} · last activity ${fmtTime(d.endAt)}

## 📋 Tasks
${tasksTable(d)}

## 📁 Files changed since ${filesSince(d)}
${filesTable(d)}

## 🧪 Tests added
${testsSection(d)}

## 🚦 Gate history
${gateHistory(d)}

## ⛔ Blockers
${list(blockers)}

## 🔁 Handoffs
${list(handoffs)}

## ➡️ Next steps
${list(d.nextSteps)}
`;
}

/** The Bug Rate's definition, as the reports print it. */
export const BUG_RATE_RULE =
  'bugs introduced ÷ tasks completed (at least 1); a bug introduced = a blocking gate that passed earlier in the ' +
  'session and still fails at its end, each failing streak once; a regression Stop caught and the session fixed is ' +
  'the gate working, not a bug';

function metricsTable(d: ReportData): string {
  const m = d.metrics;
  const eff = m.timeEfficiency.value === null ? 'n/a' : `${num2(m.timeEfficiency.value)}×`;
  const bug = m.bugRate.value === null ? 'n/a' : num2(m.bugRate.value);
  return [
    '| metric | value | from | definition |',
    '|---|---:|---|---|',
    `| Completion Rate | ${pct(m.completionRate)} | ${m.completionRate.num} of ${m.completionRate.den} tasks | tasks completed ÷ tasks planned (forced completions count; see overrides) |`,
    `| Quality Score | ${pct(m.qualityScore)} | ${m.qualityScore.num} of ${m.qualityScore.den} checks | passes ÷ checks: gate results that ran (pass or fail, cached passes left out) plus recorded test/typecheck/lint/build commands |`,
    `| Time Efficiency | ${eff} | ${m.timeEfficiency.num} of ${m.timeEfficiency.den} min | Σ actual ÷ Σ estimated minutes over completed tasks with an estimate; under 1 is faster than planned |`,
    `| Bug Rate | ${bug} | ${m.bugRate.num} introduced ÷ ${m.bugRate.den} | ${BUG_RATE_RULE} ` +
      `(caught and fixed here: ${d.counts.regressionsCaught}) |`,
    `| Documentation Coverage | ${pct(m.docCoverage)} | ${m.docCoverage.num} of ${m.docCoverage.den} changes | units that changed source (a task's edits, or the edits made with no task) whose edits — or a dependent task's — include a doc file (*.md, docs/, CHANGELOG) |`,
  ].join('\n');
}

function scoreSection(d: ReportData): string {
  const used = d.score.parts.filter((p) => p.factor !== null);
  const terms = used.map((p) => `${p.weight}×${num2(p.factor as number)}`).join(' + ');
  const total = used.reduce((n, p) => n + p.weight, 0);
  const left = d.score.parts.filter((p) => p.factor === null).map((p) => p.name);
  const line = d.metrics.completionRate.value === null
    ? 'This session: no task was planned, so the score is 0.'
    : `This session: round(100 × (${terms}) ÷ ${total}) = **${d.score.value}**${left.length ? ` (n/a, weight left out: ${left.join(', ')})` : ''}`;
  return `Formula: ${SCORE_FORMULA}\n\n${d.score.parts.map((p) => `- ${p.name} (weight ${p.weight}): ${p.factor === null ? 'n/a' : num2(p.factor)} — ${p.rule}`).join('\n')}\n\n${line}`;
}

function renderReviewText(d: ReportData, heading: string): string {
  const record = { session: d.session, metrics: d.counts, score: d.score.value };
  const overrides = d.overrides.map((o) => `${o.task} ${o.title} — completed ${fmtTime(o.at)} without: ${o.missing.length ? o.missing.join('; ') : 'the evidence (not recorded)'}`);
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
export const renderCompleted = (...a: Parameters<typeof renderCompletedText>): string => tidyMarkdown(renderCompletedText(...a));

/** As the common formatters would leave it (tidyMarkdown): the file csm writes is this, byte for byte. */
export const renderReview = (...a: Parameters<typeof renderReviewText>): string => tidyMarkdown(renderReviewText(...a));
