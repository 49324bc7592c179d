import { findRepoRoot, storePaths } from '../../adapters/store/paths.ts';
import { type Paused, readPaused } from '../../adapters/store/paused.ts';
import { checksFound, checksGap } from '../../domain/gates/checks-found.ts';
import { projectGates } from '../gates/project-gates.ts';
import { catchUpProjection } from './project-after-append.ts';
import { statusView, type StatusView } from '../../domain/reports/status-view.ts';
import type { Project } from './open-store.ts';
import { SessionStore } from './session-store.ts';

export type StatusResult =
  | { kind: 'session'; view: StatusView; warnings: string[] }
  | { kind: 'none'; sessions: string[]; storeExists: boolean };

/** `csm status`: the named session, else the active one, else which sessions there are. */
export function sessionStatus(p: Project, session: string | null): StatusResult {
  const id = session ?? p.store.activeSessionId();
  if (!id) return { kind: 'none', sessions: p.store.listSessionIds(), storeExists: p.store.exists() };
  const { state, warnings } = p.store.load(id);
  return {
    kind: 'session',
    view: statusView(state, p.now().getTime(), p.store.idleMs, p.config.timeBudgetMinutes),
    warnings,
  };
}

/**
 * The status of the repository holding `dir` for Claude Code's status line: null when no session
 * is active. Uses the defaults (idle 15 min, budget 240 min): the line is redrawn often and
 * reads no config.
 */
export function statusLineView(dir: string, now: Date): (StatusView & { paused: boolean }) | null {
  const store = new SessionStore(storePaths(findRepoRoot(dir)), { now: () => now, idleMinutes: 15 });
  const id = store.activeSessionId();
  if (!id) return null;
  const view = statusView(store.load(id).state, now.getTime(), store.idleMs, 240);
  return { ...view, paused: readPaused(store.local) !== null };
}

/**
 * `csm status` whole: tasks.json brought level with the ledger, the session's view, whether csm is paused here, and
 * (with `checks`) what Stop will not catch when the project has no test, lint or typecheck.
 */
export async function statusNow(
  p: Project,
  session: string | null,
  opts: { checks: boolean },
): Promise<{ status: StatusResult; paused: Paused | null; gap: { message: string; fix: string } | null }> {
  const active = p.store.activeSessionId();
  if (active) await catchUpProjection(p.store, active);
  const status = sessionStatus(p, session);
  if (status.kind === 'none') return { status, paused: null, gap: null };
  const paused = readPaused(p.store.local);
  if (!opts.checks) return { status, paused, gap: null };
  const { gates, facts } = await projectGates(p.store.local, p.config);
  return { status, paused, gap: checksGap(checksFound(gates, facts)) };
}
