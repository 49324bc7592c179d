import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { GateDef } from './gate-def.ts';
import { STEP_FAILED_MARK, STEP_MARK } from '../runners/fallback.ts';
import { shellWord } from '../runners/text-tools.ts';
import { expandScript } from './script-steps.ts';

/** `npm run x`, `pnpm x`: a package script run by name. */
export const SCRIPT_RUN = /^\s*(npm|pnpm|yarn|bun)\s+(?:run\s+)?(\S+)\s*$/;

/**
 * The steps of a test gate's package script when it chains several (`a && b && c`), or null. A
 * step that fails stops the chain; when one already fails before the session (an environment's
 * time zone, a tool missing here), what comes after it never runs — and a regression there would
 * pass unseen. Such a gate runs each step in turn instead (`everyStepCommand`).
 */
export function chainOf(gate: Pick<GateDef, 'command' | 'kind'>, facts: ProjectFacts): string[] | null {
  const script =
    gate.kind === 'test' && gate.command && !facts.windows ? SCRIPT_RUN.exec(gate.command)?.[2] : undefined;
  if (!script || !facts.node || !(script in facts.node.scripts)) return null;
  const plan = expandScript(facts.node.scripts, script);
  return plan.simple && plan.steps.length > 1 ? plan.steps.map((s) => s.command) : null;
}

/**
 * POSIX sh: each step in its own subshell, in order, whatever the one before did, its output
 * marked (which step, and its status when it failed) so a failure no runner names is still shown
 * by step; the exit status is the last failing step's.
 */
export function everyStepCommand(steps: readonly string[]): string {
  const each = steps.map(
    (s) => `echo ${shellWord(`${STEP_MARK} ${s}`)}; (${s}) 2>&1 || { f=$?; echo "${STEP_FAILED_MARK} $f"; };`,
  );
  return `f=0; ${each.join(' ')} exit $f`;
}
