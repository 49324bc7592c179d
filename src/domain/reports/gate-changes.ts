import type { GateRunRecord } from '../tasks/session-state.ts';

/** How each gate's results changed over the session: failures introduced, fixed, still there; the bug counts. */

/** A gate failure that a later result of the same gate turned into a pass. */
export interface FixedFailure {
  gate: string;
  /** The first failing result of the streak. */
  failedAt: string;
  failSummary: string;
  command: string | null;
  /** The first passing result after the streak. */
  fixedAt: string;
  passSummary: string;
  /** The command of the passing run (another one than `command`: the gate was reconfigured). */
  passCommand: string | null;
  /** True when the gate had passed earlier in the session (the failure was introduced here). */
  introduced: boolean;
}

export interface GateChanges {
  /** Failures a gate had not shown before in the session: pass (or only its old failures) → new failures. */
  introduced: { gate: string; at: string; summary: string }[];
  /** New failures that went away (`introduced`), and failures from before the session that now pass. */
  fixed: FixedFailure[];
  /**
   * Gates whose newest result fails: `introduced` when it fails with failures new in the session, `preexisting`
   * when only with the failures it had before the session.
   */
  stillFailing: {
    gate: string;
    since: string;
    summary: string;
    command: string | null;
    blocking: boolean;
    introduced: boolean;
    preexisting?: boolean;
  }[];
}

type Result = GateRunRecord['results'][number];
/** A result as the session's work sees it: passing, failing with new failures, or failing only as before it. */
type GateState = 'pass' | 'fail' | 'old';
const stateOf = (r: Result): GateState | null =>
  r.status === 'pass' ? 'pass' : r.status !== 'fail' ? null : r.preexisting ? 'old' : 'fail';

interface Streak {
  at: string;
  summary: string;
  command: string | null;
  introduced: boolean;
  blocking: boolean;
}

const fixedOf = (gate: string, s: Streak, t: string, r: Result): FixedFailure => ({
  gate,
  failedAt: s.at,
  failSummary: s.summary,
  command: s.command,
  fixedAt: t,
  passSummary: r.summary,
  passCommand: r.command,
  introduced: s.introduced,
});

/**
 * Walks each gate's results in ledger order (cached results included; `error` and `skipped` say
 * nothing about the code and are left out). A fail the gate marks `preexisting` (only the failures
 * it had at the session's baseline) is the gate as the session found it, not a new failure.
 * - introduced: new failures after a pass or after only old ones (each streak counts once);
 * - fixed: new failures gone (introduced), or old failures gone: the gate passes (not introduced);
 * - a gate whose first result is a new-looking fail (no baseline) was broken before the session;
 * - only blocking gates count as bugs; advisory gates still appear in `stillFailing`.
 */
export function gateChanges(runs: readonly GateRunRecord[]): GateChanges {
  const last = new Map<string, GateState>();
  const fresh = new Map<string, Streak>();
  const old = new Map<string, Streak>();
  const out: GateChanges = { introduced: [], fixed: [], stillFailing: [] };
  for (const run of runs) {
    for (const r of run.results) {
      const state = stateOf(r);
      if (state === null) continue;
      const prev = last.get(r.name);
      const streak = { at: run.t, summary: r.summary, command: r.command, blocking: r.blocking };
      if (state === 'fail' && prev !== 'fail') {
        const introduced = prev === 'pass' || prev === 'old';
        fresh.set(r.name, { ...streak, introduced });
        if (introduced && r.blocking) out.introduced.push({ gate: r.name, at: run.t, summary: r.summary });
      }
      if (state !== 'fail' && prev === 'fail') {
        const s = fresh.get(r.name);
        if (s?.blocking) out.fixed.push(fixedOf(r.name, s, run.t, r));
        fresh.delete(r.name);
      }
      if (state === 'old' && !old.has(r.name)) old.set(r.name, { ...streak, introduced: false });
      if (state === 'pass') {
        const o = old.get(r.name);
        if (o?.blocking) out.fixed.push(fixedOf(r.name, o, run.t, r));
        old.delete(r.name);
      }
      last.set(r.name, state);
    }
  }
  for (const [gate, s] of fresh) {
    const { summary, command, blocking, introduced } = s;
    out.stillFailing.push({ gate, since: s.at, summary, command, blocking, introduced });
  }
  for (const [gate, s] of old) {
    if (fresh.has(gate)) continue;
    const { summary, command, blocking } = s;
    out.stillFailing.push({ gate, since: s.at, summary, command, blocking, introduced: false, preexisting: true });
  }
  return out;
}

/**
 * Bugs, as the gates saw them: a regression Stop caught and the session fixed is the gate working,
 * not a bug. bugsIntroduced: blocking gates that passed earlier in the session and still fail at
 * its end; regressionsCaught: the same, fixed before the end; bugsFixed: failures from before the
 * session that now pass.
 */
export function bugCounts(c: GateChanges): { bugsFixed: number; bugsIntroduced: number; regressionsCaught: number } {
  return {
    bugsFixed: c.fixed.filter((f) => !f.introduced).length,
    bugsIntroduced: c.stillFailing.filter((f) => f.introduced && f.blocking).length,
    regressionsCaught: c.fixed.filter((f) => f.introduced).length,
  };
}
