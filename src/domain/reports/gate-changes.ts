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
  /** pass → fail transitions: a gate that passed earlier in the session and then failed. */
  introduced: { gate: string; at: string; summary: string }[];
  /** fail → pass transitions, pre-existing failures included. */
  fixed: FixedFailure[];
  /** Gates whose newest pass/fail result is a fail; `introduced` when that gate had passed earlier in the session. */
  stillFailing: {
    gate: string;
    since: string;
    summary: string;
    command: string | null;
    blocking: boolean;
    introduced: boolean;
  }[];
}

/**
 * Walks each gate's pass/fail results in ledger order (cached passes included: they are passes;
 * `error` and `skipped` say nothing about the code and are left out).
 * - introduced: a fail whose previous result of that gate was a pass (each streak counts once);
 * - fixed: a pass whose previous result of that gate was a fail;
 * - a gate whose first result is a fail was broken before the session: fixing it counts as
 *   fixed, never as introduced;
 * - only blocking gates count as bugs (an advisory gate — docs by default — is a reminder, and
 *   documentation has its own metric); advisory gates still appear in `stillFailing`.
 */
export function gateChanges(runs: readonly GateRunRecord[]): GateChanges {
  const last = new Map<string, 'pass' | 'fail'>();
  const streak = new Map<
    string,
    { at: string; summary: string; command: string | null; introduced: boolean; blocking: boolean }
  >();
  const out: GateChanges = { introduced: [], fixed: [], stillFailing: [] };
  for (const run of runs) {
    for (const r of run.results) {
      if (r.status !== 'pass' && r.status !== 'fail') continue;
      const prev = last.get(r.name);
      if (r.status === 'fail' && prev !== 'fail') {
        streak.set(r.name, {
          at: run.t,
          summary: r.summary,
          command: r.command,
          introduced: prev === 'pass',
          blocking: r.blocking,
        });
        if (prev === 'pass' && r.blocking) out.introduced.push({ gate: r.name, at: run.t, summary: r.summary });
      }
      if (r.status === 'pass' && prev === 'fail') {
        const s = streak.get(r.name);
        if (s?.blocking)
          out.fixed.push({
            gate: r.name,
            failedAt: s.at,
            failSummary: s.summary,
            command: s.command,
            fixedAt: run.t,
            passSummary: r.summary,
            passCommand: r.command,
            introduced: s.introduced,
          });
        streak.delete(r.name);
      }
      last.set(r.name, r.status);
    }
  }
  for (const [gate, s] of streak) {
    const { summary, command, blocking, introduced } = s;
    out.stillFailing.push({ gate, since: s.at, summary, command, blocking, introduced });
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
