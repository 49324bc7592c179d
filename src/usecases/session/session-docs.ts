import type { SessionStore } from './session-store.ts';
import { postSessionChecklist, preSessionChecklist } from '../../domain/reports/checklists.ts';
import { renderPlan, renderTests } from '../../domain/reports/plan-docs.ts';
import type { GateRunRecord, SessionState } from '../../domain/tasks/session-state.ts';

/** The gate run that was newest when the session started (pre-session evidence). */
export function preSessionRun(s: SessionState, previous: GateRunRecord | undefined): GateRunRecord | undefined {
  const startedAt = s.startedAt ? Date.parse(s.startedAt) : 0;
  const first = s.gateRuns.find((r) => Date.parse(r.t) - startedAt < 5 * 60_000 && r.trigger === 'baseline');
  return first ?? previous;
}

/** Rewrites plan.md and tests.md from the session state. */
export async function writePlanDocs(
  store: SessionStore,
  s: SessionState,
  opts: { note?: string | null; previousRun?: GateRunRecord | undefined } = {},
): Promise<void> {
  await store.writeSessionFile(s.session, 'plan.md', renderPlan(s, opts.note ?? null));
  const post =
    s.status === 'completed'
      ? postSessionChecklist(s.gateRuns[s.gateRuns.length - 1])
      : postSessionChecklist(undefined);
  await store.writeSessionFile(
    s.session,
    'tests.md',
    renderTests(s, preSessionChecklist(preSessionRun(s, opts.previousRun)), post),
  );
}
