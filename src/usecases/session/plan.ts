import { readInputText } from '../../adapters/input-file.ts';
import { msg } from '../../messages/index.ts';
import { PlanSchema } from '../../contracts/plan.ts';
import { formatProblems, parseWith } from '../../contracts/validate.ts';
import { importPlan, type PlanImport } from '../../domain/plan/import-plan.ts';
import { redactDeep } from '../../domain/redact.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { CsmError } from '../../errors.ts';
import type { Project } from './open-store.ts';
import { writePlanDocs } from './session-docs.ts';

/** The agents a plan may name: the subagents in .claude/agents/. */
export const planAgents = (p: Project): string[] => p.store.files.agentNames();

/**
 * `csm plan --from-json <file|->`: the plan is checked whole (schema, agents, dependencies, cycles)
 * and recorded, or refused with every problem listed and nothing changed.
 */
export async function importPlanFrom(
  p: Project,
  sid: string,
  source: string,
): Promise<{ state: SessionState; plan: PlanImport }> {
  const text = readInputText(source, 'the plan');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CsmError('INVALID_INPUT', ...msg.refusal.planNotJson((e as Error).message));
  }
  const parsed = parseWith(PlanSchema, raw);
  if (!parsed.ok) {
    const problems = parsed.problems.map((x) => formatProblems([x]));
    throw new CsmError('INVALID_INPUT', ...msg.refusal.planRefused(problems, true));
  }
  const agents = planAgents(p);
  const { state, result } = await p.store.mutate(sid, (s) => {
    const r = importPlan(s, redactDeep(parsed.value), agents, p.config.microTaskLines);
    return { events: r.ok ? r.value.events : [], result: r };
  });
  if (!result.ok) throw new CsmError('INVALID_INPUT', ...msg.refusal.planRefused(result.problems, false));
  await writePlanDocs(p.store, state, {
    note: state.replans > 1 ? `Re-planned (${state.replans - 1} time(s)); completed tasks kept.` : null,
  });
  return { state, plan: result.value };
}
