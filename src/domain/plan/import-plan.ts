import type { NewEvent, TaskSpec } from '../../contracts/events.ts';
import type { Plan } from '../../contracts/plan.ts';
import type { SessionState } from '../tasks/session-state.ts';
import { executionOrder } from './execution-order.ts';

export interface PlanImport {
  events: NewEvent[];
  warnings: string[];
  added: string[];
  updated: string[];
  removed: string[];
  kept: string[];
}

/**
 * Turns a plan into ledger events, or every problem with it. Completed tasks (and their history)
 * are kept; a plan task naming the id of an open task updates it; open tasks the plan leaves out
 * are removed. The plan is all or nothing.
 */
export function importPlan(s: SessionState, plan: Plan, agents: readonly string[], microLimit: number): { ok: true; value: PlanImport } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (s.status !== 'active') return { ok: false, problems: [`session ${s.session} is completed`] };
  const kept = s.tasks.filter((t) => t.status === 'completed');
  const keptIds = new Set(kept.map((t) => t.id));
  const open = new Map(s.tasks.filter((t) => t.status !== 'completed').map((t) => [t.id, t]));

  // Assign ids: an open task's id is reused; new tasks get fresh numbers.
  let next = s.maxTaskNo;
  const refToId = new Map<string, string>();
  const ids: string[] = [];
  plan.tasks.forEach((t, i) => {
    let id: string;
    if (t.id && open.has(t.id)) id = t.id;
    else {
      if (t.id && keptIds.has(t.id)) problems.push(`tasks[${i}].id ${t.id} is already completed; completed tasks are kept as they are`);
      else if (t.id) problems.push(`tasks[${i}].id ${t.id} is not an open task of session ${s.session} (leave id out for a new task)`);
      id = `task-${++next}`;
    }
    if (ids.includes(id)) problems.push(`tasks[${i}].id ${id} appears twice`);
    ids.push(id);
    if (t.ref) {
      if (refToId.has(t.ref)) problems.push(`tasks[${i}].ref "${t.ref}" is used twice`);
      refToId.set(t.ref, id);
    }
  });

  const agentSet = new Set(agents);
  const specs: TaskSpec[] = plan.tasks.map((t, i) => {
    if (agents.length && !agentSet.has(t.agent)) problems.push(`tasks[${i}].agent "${t.agent}" has no .claude/agents/${t.agent}.md; agents: ${agents.join(', ')}`);
    if (t.expectedLines > microLimit) warnings.push(`${ids[i]} "${t.title}" expects ~${t.expectedLines} changed lines, over the ${microLimit}-line micro-task limit: consider splitting it`);
    const dependsOn = t.dependsOn.map((d) => {
      const id = refToId.get(d) ?? (keptIds.has(d) || ids.includes(d) ? d : null);
      if (!id) problems.push(`tasks[${i}].dependsOn "${d}" is neither a ref in this plan nor a task of the session`);
      return id ?? d;
    });
    for (const f of t.files) if (f.includes('\0') || f.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f) || f.split(/[\\/]/).includes('..')) problems.push(`tasks[${i}].files "${f.slice(0, 60)}" must be a path inside the repository`);
    return {
      id: ids[i] as string,
      title: t.title.trim(),
      agent: t.agent,
      estimatedMinutes: t.estimateMinutes,
      files: [...t.files],
      tests: [...t.tests],
      criteria: [...t.criteria],
      dependsOn,
      expectedLines: t.expectedLines,
    };
  });

  const order = executionOrder([...kept.map((t) => ({ id: t.id, dependsOn: [] })), ...specs]);
  if (!order.ok) problems.push(`dependency cycle: ${order.cycle.join(' → ')}`);
  if (problems.length) return { ok: false, problems };

  const events: NewEvent[] = [];
  const removed = [...open.keys()].filter((id) => !ids.includes(id));
  for (const id of removed) events.push({ type: 'task.removed', id, reason: 're-plan' });
  const updated: string[] = [];
  const added: string[] = [];
  for (const spec of specs) {
    if (open.has(spec.id)) {
      const { id, ...changes } = spec;
      events.push({ type: 'task.updated', id, changes });
      updated.push(id);
    } else {
      events.push({ type: 'task.added', task: spec });
      added.push(spec.id);
    }
  }
  events.push({ type: 'plan.imported', tasks: specs.length, replaced: removed, risks: plan.risks.map((r) => ({ ...r })) });
  return { ok: true, value: { events, warnings, added, updated, removed, kept: [...keptIds] } };
}
