import { executionOrder } from '../plan/execution-order.ts';
import type { SessionState, TaskState } from '../tasks/session-state.ts';
import { tidyMarkdown } from '../text/tidy-markdown.ts';

const bullets = (items: readonly string[], none = 'none'): string =>
  items.length ? items.map((i) => `  - ${i}`).join('\n') : `  - ${none}`;

const sizeLine = (t: TaskState): string =>
  t.expectedLines !== null ? `\n- **Expected Size**: ~${t.expectedLines} changed lines` : '';

const NO_TASKS =
  '_No tasks yet: Claude proposes them with `csm plan --from-json -`, or add them with `csm task add`._\n';

function taskSection(t: TaskState, n: number): string {
  return `### Task ${n}: ${t.title} (${t.id})
- **Agent**: ${t.agent}
- **Estimated Time**: ${t.estimatedMinutes === null ? 'not estimated' : `${t.estimatedMinutes} min`}${sizeLine(t)}
- **Dependencies**: ${t.dependsOn.length ? t.dependsOn.join(', ') : 'none'}
- **Success Criteria**:
${bullets(t.criteria, 'not stated yet')}
- **Test Cases**:
${bullets(t.tests, 'not stated yet')}
- **Files**: ${t.files.length ? t.files.join(', ') : 'to be discovered'}
`;
}

export function renderExecutionOrder(s: SessionState): string {
  const order = executionOrder(s.tasks.map((t) => ({ id: t.id, dependsOn: t.dependsOn })));
  if (!order.ok) return `Dependency cycle: ${order.cycle.join(' → ')}`;
  const title = (id: string): string => s.tasks.find((t) => t.id === id)?.title ?? id;
  return order.levels
    .map((level, i) => {
      const deps = [...new Set(level.flatMap((id) => s.tasks.find((t) => t.id === id)?.dependsOn ?? []))];
      const after = deps.length ? ` (after ${deps.join(', ')})` : i === 0 ? ' (start here)' : '';
      return level.length === 1
        ? `${i + 1}. ${level[0]} ${title(level[0] as string)}${after}`
        : `${i + 1}. In parallel${after}:\n${level.map((id) => `   - ${id} ${title(id)}`).join('\n')}`;
    })
    .join('\n');
}

function renderPlanText(s: SessionState, note: string | null = null): string {
  const risks = s.risks.length
    ? s.risks.map((r) => `- Risk: ${r.risk}\n  Mitigation: ${r.mitigation}`).join('\n')
    : '- none recorded yet';
  return `# Session ${s.session} Plan
${note ? `\n> ${note}\n` : ''}
## 🎯 Objectives
${s.objectives.map((o, i) => `${i + 1}. ${o}`).join('\n')}

## 📋 Task Breakdown

${s.tasks.length ? s.tasks.map((t, i) => taskSection(t, i + 1)).join('\n') : NO_TASKS}
## 🔄 Execution Order
${s.tasks.length ? renderExecutionOrder(s) : '- to be planned'}

## ⚠️ Risk Mitigation
${risks}

## 📊 Success Metrics
- [ ] All tests pass
- [ ] No console errors
- [ ] Performance targets met
- [ ] Documentation updated
`;
}

export interface Checklist {
  label: string;
  done: boolean | null;
  evidence?: string;
}

const box = (c: Checklist): string =>
  `- [${c.done ? 'x' : ' '}] ${c.label}${c.evidence ? ` — ${c.evidence}` : c.done === null ? ' — not verified' : ''}`;

function renderTestsText(s: SessionState, pre: Checklist[], post: Checklist[]): string {
  const feature = s.tasks.filter((t) => t.tests.length > 0);
  return `# Session ${s.session} Test Cases

## Pre-Session Tests
${pre.map(box).join('\n')}

## Feature Tests
${
  feature.length
    ? feature
        .map((t, i) => `### Test Case ${i + 1}: ${t.title} (${t.id})\n${t.tests.map((c) => `- [ ] ${c}`).join('\n')}\n`)
        .join('\n')
    : '_Test cases arrive with the plan (each task lists its own)._\n'
}
## Regression Tests
- [ ] Previous features still work
- [ ] Performance not degraded
- [ ] No new console errors
- [ ] API backwards compatible

## Post-Session Tests
${post.map(box).join('\n')}
`;
}

/** As the common formatters would leave it (tidyMarkdown): the file csm writes is this, byte for byte. */
export const renderPlan = (...a: Parameters<typeof renderPlanText>): string => tidyMarkdown(renderPlanText(...a));

/** As the common formatters would leave it (tidyMarkdown): the file csm writes is this, byte for byte. */
export const renderTests = (...a: Parameters<typeof renderTestsText>): string => tidyMarkdown(renderTestsText(...a));
