import { foldEvents } from '../tasks/fold-events.ts';
import { parseHistory } from '../reports/metrics-trend.ts';
import { type Check, FIX_COMMAND, ok, problem, warn } from './check.ts';
import { scanLedger } from './ledger-scan.ts';
import { sessionChecks } from './session-file-checks.ts';
import type { SessionFacts } from '../../contracts/doctor-facts.ts';

export type { SessionFacts };
export { firstDifference } from './session-file-checks.ts';

export interface StoreFacts {
  claudeExists: boolean;
  sessionsExists: boolean;
  sessions: SessionFacts[];
  /** Session files that could not be read, with the error code. */
  unreadable: { rel: string; code: string }[];
  /** Content of `.claude/.csm/active`, or null. */
  active: string | null;
  idleMs: number;
  now: number;
  /** `.claude/metrics-history.jsonl`, or null when there is none. */
  history: string | null;
}

function activeCheck(facts: StoreFacts): Check | null {
  if (facts.active === null) return null;
  // the session number; the pointer may go on to name the clone it was written in
  const text = facts.active.trim().split(' ')[0] ?? '';
  const fix = `${FIX_COMMAND} (clears it), then csm start "<objective>" or csm switch <NNN>`;
  const action = { kind: 'clear-active' as const };
  const s = /^[0-9]{3,9}$/.test(text) ? facts.sessions.find((x) => Number(x.id) === Number(text)) : undefined;
  if (!s || s.ledger === null)
    return warn(
      'active',
      'store',
      `the active-session pointer (.claude/.csm/active) names session "${text.slice(0, 20)}", which does not exist`,
      fix,
      action,
    );
  const scan = scanLedger(s.ledger);
  if (scan.badLines.length === 0 && foldEvents(s.id, scan.events).status === 'completed') {
    return warn('active', 'store', `the active-session pointer names session ${s.id}, which is completed`, fix, action);
  }
  return ok('active', 'store', `active session: ${s.id}`);
}

/**
 * The newest session, completed in its ledger without its line in the metrics history: a
 * `csm complete` that stopped part-way (killed, a full disk) and has steps left to finish.
 */
function completionCheck(facts: StoreFacts): Check | null {
  const s = facts.sessions.reduce<SessionFacts | undefined>(
    (a, x) => (a && Number(a.id) > Number(x.id) ? a : x),
    undefined,
  );
  if (!s || s.ledger === null) return null;
  const scan = scanLedger(s.ledger);
  if (scan.badLines.length || foldEvents(s.id, scan.events).status !== 'completed') return null;
  if (parseHistory(facts.history ?? '').records.some((r) => r.session === s.id)) return null;
  return warn(
    `completion:${s.id}`,
    'store',
    `session ${s.id} is completed in its ledger, but its completion did not finish (no line for it in ` +
      `.claude/metrics-history.jsonl): memory entries, plan docs or that line may be missing`,
    `${FIX_COMMAND} (or csm complete) finishes it; nothing already written is written twice`,
    { kind: 'finish-completion', session: s.id },
  );
}

/**
 * The store: `.claude/` exists, every ledger and tasks.json parses, tasks.json matches its ledger, the active pointer
 * is sound.
 */
export function storeChecks(facts: StoreFacts): Check[] {
  if (!facts.claudeExists || !facts.sessionsExists) {
    return [
      warn(
        'store',
        'store',
        `csm is not set up in this repository (no .claude/${facts.claudeExists ? 'sessions/' : ''})`,
        'csm init (or just csm start "<objective>")',
      ),
    ];
  }
  const completion = completionCheck(facts);
  const issues = [...facts.sessions.flatMap((s) => sessionChecks(s, facts)), ...(completion ? [completion] : [])];
  const active = activeCheck(facts);
  const out: Check[] = [];
  if (!issues.some((c) => c.status !== 'ok') && facts.unreadable.length === 0) {
    const n = facts.sessions.length;
    out.push(
      ok(
        'store',
        'store',
        n
          ? `.claude/ present; ${n} session${n === 1 ? '' : 's'}, every ledger and tasks.json parses and ` +
              `matches its ledger`
          : '.claude/ present; no sessions yet',
      ),
    );
  }
  out.push(...issues);
  for (const u of facts.unreadable) {
    out.push(problem(`unreadable:${u.rel}`, 'store', `${u.rel} cannot be read (${u.code})`, `chmod u+r ${u.rel}`));
  }
  if (active) out.push(active);
  return out;
}
