import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { msg } from '../../messages/index.ts';
import { type AffectedRun, chainOf, everyStepCommand } from './affected.ts';
import { runGateToTheEnd, runToTheEnd } from './bail.ts';
import type { BaselineGate } from './baseline.ts';
import { failedUnchanged, type GateCache } from './fingerprint.ts';
import type { CheckOutcome, GateDef } from './gate-def.ts';

/**
 * Whether a gate runs at all, decided from what is known before it starts: a result that stands
 * for the run (not re-run), or null (run it). Pure: the cache, the trigger and the baseline are given.
 */
export interface Kept {
  outcome: CheckOutcome;
  /** Never blocks: the same failure was already reported, or the gate cannot block. */
  nonBlocking: boolean;
}

/** A time from the gate cache, shown only if it is one (the cached summary is not redacted). */
const when = (t: string | undefined): string => (t !== undefined && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(t) ? t : '?');

export const keptPass = (gate: Pick<GateDef, 'name'>, cache: GateCache): Kept => ({
  outcome: { status: 'pass', output: msg.gateUnchangedSincePass(when(cache.gates[gate.name]?.passedAt)) },
  nonBlocking: false,
});

/**
 * On Stop (and the run after it): a failure on these same files is not run again — a timeout
 * would only time out again, a failure already reported would only say so again.
 */
export function keptFailure(
  gate: Pick<GateDef, 'name'>,
  fingerprint: string,
  cache: GateCache,
  trigger: string,
): Kept | null {
  if ((trigger !== 'stop' && trigger !== 'after-stop') || !failedUnchanged(gate, fingerprint, cache)) return null;
  const failed = cache.failed[gate.name];
  const at = when(failed?.failedAt);
  if (failed?.timedOut && trigger === 'stop') {
    return { outcome: { status: 'error', output: msg.gateTimedOutUnchanged(at) }, nonBlocking: true };
  }
  return { outcome: { status: 'fail', output: msg.gateStillFailingUnchanged(at) }, nonBlocking: true };
}

/** An advisory gate failing since before the session is not run on Stop: it cannot block, and would say so again. */
export const keptAdvisory = (): Kept => ({
  outcome: { status: 'fail', output: msg.gateAdvisoryFailingBefore, read: { preexisting: true } },
  nonBlocking: true,
});

/** How a gate that runs is run: its command, and whether every step or every test runs to the end. */
export interface RunPlan {
  command: string;
  everyStep: boolean;
  toTheEnd: boolean;
  /** At the baseline, when the run fails part-way: the command that runs every step to the end. */
  retry: { command: string; toTheEnd: boolean } | null;
}

/**
 * A test gate that failed at the baseline part-way (a chained script's failing step, a runner's
 * --bail) runs every step to the end, as it did there (see bail.ts); a narrowed one runs its
 * narrowed steps. `was` is the gate's baseline, read only when it can change the plan.
 */
export function runPlan(
  gate: GateDef,
  facts: ProjectFacts,
  narrow: AffectedRun | null,
  trigger: string,
  was: () => BaselineGate | undefined,
): RunPlan {
  const chain = chainOf(gate, facts);
  const toEnd = runGateToTheEnd(gate, facts);
  const base = trigger !== 'baseline' && (chain || toEnd) ? was() : undefined;
  const everyStep = (chain !== null && base?.everyStep === true) || (toEnd !== null && base?.toTheEnd === true);
  const toTheEnd = toEnd !== null && base?.toTheEnd === true;
  const own = gate.command as string;
  const steps = narrow?.steps ?? (narrow ? [narrow.command] : ((toTheEnd ? toEnd : chain) ?? [own]));
  const ended = toTheEnd ? steps.map((s) => runToTheEnd(s) ?? s) : steps;
  const command = everyStep ? everyStepCommand(ended) : (narrow?.command ?? own);
  const retry =
    trigger === 'baseline' && (chain || toEnd)
      ? { command: everyStepCommand(toEnd ?? chain ?? []), toTheEnd: toEnd !== null }
      : null;
  return { command, everyStep, toTheEnd, retry };
}

/** What a failing gate's output says first when it ran otherwise than written, and why. */
export const ranOtherwise = (toTheEnd: boolean): string => (toTheEnd ? msg.gateRanToTheEnd : msg.gateRanEveryStep);
