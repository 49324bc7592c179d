import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { GateDef } from './gate-def.ts';
import { STEP_FAILED_MARK, STEP_MARK } from '../runners/fallback.ts';
import { shellWord } from '../runners/text-tools.ts';
import type { PackageManager } from '../../contracts/project-facts.ts';
import { runScript } from './node-gates.ts';
import { expandScript, type ScriptStep } from './script-steps.ts';

/**
 * A script's step as csm runs it on its own: a workspace run other than the tests goes through its
 * script (`pnpm run build`), as the package manager would run it — run from its script, pnpm
 * leaves the root package out of a `--filter "@scope/*"` that names it; run bare, the root's own
 * build would start the packages' builds a second time, at once (clack).
 */
export const stepRun = (step: Pick<ScriptStep, 'command' | 'script' | 'kind' | 'tool'>, pm: PackageManager): string =>
  step.tool?.startsWith('workspaces:') && step.kind !== 'test' && step.script
    ? runScript(pm, step.script)
    : step.command;

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
  const pm = facts.node.packageManager;
  return plan.simple && plan.steps.length > 1 ? plan.steps.map((s) => stepRun(s, pm)) : null;
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
