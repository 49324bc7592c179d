import type { CsmConfig } from '../../contracts/config.ts';
import type { GateResult } from '../../contracts/events.ts';
import { narrowingOf } from '../../domain/gates/affected.ts';
import { blockingFailures } from '../../domain/gates/block-reason.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { didYouMean } from '../../domain/text/did-you-mean.ts';
import { usageError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import type { SessionStore } from '../session/session-store.ts';
import { trustGates } from './gate-trust.ts';
import { projectGates } from './project-gates.ts';
import { runGates } from './run-gates.ts';

/** `csm gates` and its options, one call each: list the gates, accept what they run, or run them now. */

/** The project's gates, each with the affected-tests narrowing Stop uses for it (null: it runs whole). */
export async function listGates(
  store: SessionStore,
  config: CsmConfig,
): Promise<{ gate: GateDef; affectedBy: string | null }[]> {
  const { gates, facts } = await projectGates(store.local, config);
  const narrowing = (g: GateDef): string | null =>
    (g.scope ?? config.stop.scope) === 'affected' ? narrowingOf(g, facts) : null;
  return gates.map((gate) => ({ gate, affectedBy: narrowing(gate) }));
}

/** `csm gates --trust`: accepts what every gate runs now; the gates that run the repository's own text. */
export async function trustProjectGates(
  store: SessionStore,
  config: CsmConfig,
): Promise<Awaited<ReturnType<typeof trustGates>>> {
  const { gates, facts } = await projectGates(store.local, config);
  return trustGates(store.local, gates, facts);
}

/**
 * `csm gates`: runs the gates now (recorded in the active session, if any); `only` names gates, an unknown name is a
 * usage error with a suggestion.
 */
export async function runGatesNow(
  store: SessionStore,
  config: CsmConfig,
  opts: { only: string[]; force: boolean; now: () => Date },
): Promise<{ sessionId: string | null; results: GateResult[]; failed: GateResult[] }> {
  const sessionId = store.activeSessionId();
  const state = sessionId ? store.load(sessionId).state : null;
  if (opts.only.length) {
    const known = (await projectGates(store.local, config)).gates.map((g) => g.name);
    const unknown = opts.only.find((n) => !known.includes(n));
    if (unknown !== undefined) {
      throw usageError(...msg.usage.unknownGate(unknown, didYouMean(unknown, known), known));
    }
  }
  const r = await runGates({
    root: store.root,
    store,
    sessionId,
    state,
    config,
    trigger: 'manual',
    now: opts.now,
    ...(opts.only.length ? { only: opts.only } : {}),
    force: opts.force,
  });
  return { sessionId, results: r.results, failed: blockingFailures(r.results) };
}
