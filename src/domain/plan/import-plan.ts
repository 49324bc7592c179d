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

/** Ids for the plan's tasks: an open task's id is reused, new tasks get fresh numbers; refs map to ids. */
function assignIds(
  s: SessionState,
  plan: Plan,
  open: ReadonlyMap<string, unknown>,
  keptIds: ReadonlySet<string>,
  problems: string[],
): { ids: string[]; refToId: Map<string, string> } {
  let next = s.maxTaskNo;
  const refToId = new Map<string, string>();
  const ids: string[] = [];
  plan.tasks.forEach((t, i) => {
    let id: string;
    if (t.id && open.has(t.id)) id = t.id;
    else {
      if (t.id && keptIds.has(t.id))
        problems.push(`tasks[${i}].id ${t.id} is already completed; completed tasks are kept as they are`);
      else if (t.id)
        problems.push(
          `tasks[${i}].id ${t.id} is not an open task of session ${s.session} (leave id out for a new task)`,
        );
      id = `task-${++next}`;
    }
    if (ids.includes(id)) problems.push(`tasks[${i}].id ${id} appears twice`);
    ids.push(id);
    if (t.ref) {
      if (refToId.has(t.ref)) problems.push(`tasks[${i}].ref "${t.ref}" is used twice`);
      refToId.set(t.ref, id);
    }
  });
  return { ids, refToId };
}

const outsideRepo = (f: string): boolean =>
  f.includes('\0') || f.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f) || f.split(/[\\/]/).includes('..');

interface SpecContext {
  ids: readonly string[];
  refToId: ReadonlyMap<string, string>;
  keptIds: ReadonlySet<string>;
  agents: readonly string[];
  microLimit: number;
  problems: string[];
  warnings: string[];
}

/** One plan task as a task spec, its problems (unknown agent, dependency, path) and size warning noted. */
function toSpec(t: Plan['tasks'][number], i: number, c: SpecContext): TaskSpec {
  if (c.agents.length && !c.agents.includes(t.agent))
    c.problems.push(
      `tasks[${i}].agent "${t.agent}" has no .claude/agents/${t.agent}.md; agents: ${c.agents.join(', ')}`,
    );
  if (t.expectedLines > c.microLimit)
    c.warnings.push(
      `${c.ids[i]} "${t.title}" expects ~${t.expectedLines} changed lines, over the ${c.microLimit}-line ` +
        `micro-task limit: consider splitting it`,
    );
  const dependsOn = t.dependsOn.map((d) => {
    const id = c.refToId.get(d) ?? (c.keptIds.has(d) || c.ids.includes(d) ? d : null);
    if (!id) c.problems.push(`tasks[${i}].dependsOn "${d}" is neither a ref in this plan nor a task of the session`);
    return id ?? d;
  });
  for (const f of t.files)
    if (outsideRepo(f)) c.problems.push(`tasks[${i}].files "${f.slice(0, 60)}" must be a path inside the repository`);
  return {
    id: c.ids[i] as string,
    title: t.title.trim(),
    agent: t.agent,
    estimatedMinutes: t.estimateMinutes,
    files: [...t.files],
    tests: [...t.tests],
    criteria: [...t.criteria],
    dependsOn,
    expectedLines: t.expectedLines,
  };
}

/** The ledger events of a valid plan: open tasks it leaves out removed, the others updated, new ones added. */
function planEvents(plan: Plan, specs: readonly TaskSpec[], open: ReadonlyMap<string, unknown>): PlanImport {
  const events: NewEvent[] = [];
  const ids = specs.map((x) => x.id);
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
  const risks = plan.risks.map((r) => ({ ...r }));
  events.push({ type: 'plan.imported', tasks: specs.length, replaced: removed, risks });
  return { events, warnings: [], added, updated, removed, kept: [] };
}

/**
 * Turns a plan into ledger events, or every problem with it. Completed tasks (and their history)
 * are kept; a plan task naming the id of an open task updates it; open tasks the plan leaves out
 * are removed. The plan is all or nothing.
 */
export function importPlan(
  s: SessionState,
  plan: Plan,
  agents: readonly string[],
  microLimit: number,
): { ok: true; value: PlanImport } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (s.status !== 'active') return { ok: false, problems: [`session ${s.session} is completed`] };
  const kept = s.tasks.filter((t) => t.status === 'completed');
  const keptIds = new Set(kept.map((t) => t.id));
  const open = new Map(s.tasks.filter((t) => t.status !== 'completed').map((t) => [t.id, t]));
  const { ids, refToId } = assignIds(s, plan, open, keptIds, problems);
  const context = { ids, refToId, keptIds, agents, microLimit, problems, warnings };
  const specs = plan.tasks.map((t, i) => toSpec(t, i, context));
  const order = executionOrder([...kept.map((t) => ({ id: t.id, dependsOn: [] })), ...specs]);
  if (!order.ok) problems.push(`dependency cycle: ${order.cycle.join(' → ')}`);
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { ...planEvents(plan, specs, open), warnings, kept: [...keptIds] } };
}
