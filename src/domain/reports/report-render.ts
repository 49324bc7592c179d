import { fmtTime } from './format-time.ts';
import type { ReportData } from './report-data.ts';
import { cell, filesSince, head, list, min, short, STATUS } from './report-markdown.ts';
import { tidyMarkdown } from '../text/tidy-markdown.ts';

/**
 * Markdown for session-NNN-completed.md (the review is review-render.ts). The heading line is the only
 * part that differs between an interim and the final report; the body is a function of the data.
 */

/** `2026-11-25T09:05:00.000Z` → `2026-11-25 09:05 UTC` (fixed zone, so a report reads the same everywhere). */

export const interimHeading = (now: string): string => `in progress as of ${fmtTime(now)}; final on \`csm complete\``;
export const finalHeading = (completedAt: string | null): string => `completed ${fmtTime(completedAt)}`;

/** The report without its heading line: what must be equal between interim and final. */
export const reportBody = (markdown: string): string =>
  markdown
    .split('\n')
    .filter((l, i) => !(i === 2 && l.startsWith('> ')))
    .join('\n');

function tasksTable(d: ReportData): string {
  if (!d.tasks.length) return '_No tasks were planned._';
  const rows = d.tasks.map(
    (t) =>
      `| ${t.id} | ${cell(t.title)} | ${cell(t.agent)} | ${t.status}${t.forced ? ' (forced)' : ''} | ` +
      `${min(t.estimatedMinutes)} | ${min(t.actualMinutes)} | ${cell(t.files.join(', ') || '—')} |`,
  );
  const actual = Math.round(d.tasks.reduce((n, t) => n + (t.actualMinutes ?? 0), 0) * 10) / 10;
  return [
    '| id | title | agent | status | est. min | actual min | files |',
    '|---|---|---|---|---:|---:|---|',
    ...rows,
    '',
    `${d.counts.tasksCompleted} of ${d.counts.tasksPlanned} completed · estimated ${d.counts.timeEstimated} ` +
      `min · actual on tasks ${actual} min · session active ${d.counts.timeSpent} min`,
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
  const lines = [
    `Test files added or changed: ${d.counts.testsWritten} (${d.counts.testsPassed} covered by a passing test run)`,
  ];
  for (const f of d.tests.files) lines.push(`- ${f}${passed.has(f) ? ' — passed' : ''}`);
  const last = d.tests.lastRun;
  lines.push(
    `Newest test run: ${last ? `${fmtTime(last.t)} — ${last.passed ? 'passed' : 'failed'}` : 'none recorded'}`,
  );
  if (d.tests.cases.length) {
    lines.push('', 'Test cases planned with the tasks:');
    for (const c of d.tests.cases) lines.push(`- ${c.task} ${c.title}: ${c.cases.join('; ')}`);
  }
  return lines.join('\n');
}

/** One gate result in the history table: name, mark, what kind of failure, its first line. */
function gateCell(g: ReportData['gateRuns'][number]['results'][number]): string {
  const kind = g.preexisting
    ? ' (failing since before this session)'
    : !g.blocking && g.status === 'fail'
      ? ' (advisory)'
      : '';
  const cached = g.cached ? ' (cached)' : '';
  return `${g.name} ${STATUS[g.status] ?? g.status}${cached}${kind}${g.line ? ` — ${g.line}` : ''}`;
}

function gateHistory(d: ReportData): string {
  if (!d.gateRuns.length) return '_No gate run was recorded._';
  const rows = d.gateRuns.map((r) => {
    const results = r.results.map(gateCell);
    return `| ${fmtTime(r.t)} | ${r.trigger} | ${cell(results.join(' · ') || '—')} |`;
  });
  return ['| time | trigger | gates (✓ pass, ✗ fail, ⚠ could not run, – skipped) |', '|---|---|---|', ...rows].join(
    '\n',
  );
}

function renderCompletedText(d: ReportData, heading: string): string {
  const blockers = d.blockers.map((b) => `${b.task} ${b.title} (${b.status}): ${b.reasons.join('; ')}`);
  if (d.stopBlocks) blockers.push(`Stop was blocked ${d.stopBlocks} time(s) by failing gates`);
  const handoffs = d.handoffs.map(
    (h) => `${h.task} ${h.title}: ${h.chain.join(' → ')}\n${h.notes.map((n) => `  - ${n}`).join('\n')}`,
  );
  return `${head(`Session ${d.session} Completion Report`, heading)}
## 🎯 Objectives — ${d.objectivesMet.met ? 'met' : 'not met'}
${d.objectives.map((o, i) => `${i + 1}. ${o}`).join('\n') || '_none stated_'}

${list(d.objectivesMet.why)}

${MET_MEANS}

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

const MET_MEANS =
  '_Met means: every planned task is completed and the newest gate run has no blocking failure ' +
  '(without gate runs, the newest test/check command passed)._';

/** As the common formatters would leave it (tidyMarkdown): the file csm writes is this, byte for byte. */
export const renderCompleted = (...a: Parameters<typeof renderCompletedText>): string =>
  tidyMarkdown(renderCompletedText(...a));
