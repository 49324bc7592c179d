import { type TasksFile, TasksFileSchema } from '../../contracts/tasks.ts';
import { formatProblems, parseWith } from '../../contracts/validate.ts';
import { toTasksFile } from '../tasks/projection.ts';
import { foldEvents } from '../tasks/fold-events.ts';
import { parseHistory } from '../reports/metrics-trend.ts';
import { type Check, FIX_COMMAND, ok, problem, warn } from './check.ts';
import { scanLedger } from './ledger-scan.ts';
import { findMergeDamage, LEDGER_KIND } from './merged-session.ts';
import type { SessionFacts } from '../../contracts/doctor-facts.ts';

export type { SessionFacts };

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

const rel = (id: string, kind: string): string => `.claude/sessions/session-${id}-${kind}`;

/** Key-order-insensitive JSON equality; returns the first differing path, or null. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : path || '(top level)';
}

/**
 * The fields compared with the projection. Timing (actualMinutes, metrics.timeSpent, updatedAt)
 * is left out: the hooks append events without a full rewrite, so it lags until the next one.
 */
const comparable = (t: TasksFile): unknown => ({
  ...t,
  updatedAt: null,
  metrics: { ...t.metrics, timeSpent: 0 },
  tasks: t.tasks.map((x) => ({ ...x, actualMinutes: null })),
});

function tasksCheck(s: SessionFacts, ledgerOk: boolean, facts: StoreFacts): Check | null {
  const id = `tasks:${s.id}`;
  const file = rel(s.id, 'tasks.json');
  const rebuild = ledgerOk ? { kind: 'rebuild-tasks' as const, session: s.id, moveAside: true } : null;
  const rebuildFix = ledgerOk ? `${FIX_COMMAND} (moves it to ${file}.corrupt-<time> and rebuilds it from the ledger)` : `repair the ledger first, then: ${FIX_COMMAND}`;
  if (s.tasks === null) {
    if (s.ledger === null) return null;
    return warn(id, 'store', `${file} is missing`, ledgerOk ? `${FIX_COMMAND} (rebuilds it from the ledger)` : `repair the ledger first, then: ${FIX_COMMAND}`, rebuild && { ...rebuild, moveAside: false });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(s.tasks);
  } catch (e) {
    return problem(id, 'store', `${file} is not valid JSON (${(e as Error).message})`, rebuildFix, rebuild);
  }
  const parsed = parseWith(TasksFileSchema, raw);
  if (!parsed.ok) return problem(id, 'store', `${file} does not match the tasks schema: ${formatProblems(parsed.problems)}`, rebuildFix, rebuild);
  if (!ledgerOk || s.ledger === null) return null;
  const state = foldEvents(s.id, scanLedger(s.ledger).events);
  const at = state.lastEventAt ? Date.parse(state.lastEventAt) : facts.now;
  const diff = firstDifference(comparable(parsed.value), comparable(toTasksFile(state, at, facts.idleMs)));
  if (diff === null) return null;
  return warn(id, 'store', `${file} differs from its ledger (first at ${diff}); the ledger is the record`, `${FIX_COMMAND} (rebuilds it from the ledger)`, {
    kind: 'rebuild-tasks',
    session: s.id,
    moveAside: false,
  });
}

function sessionChecks(s: SessionFacts, facts: StoreFacts): Check[] {
  const out: Check[] = [];
  const files = [
    ...(s.ledger === null ? [] : [{ kind: LEDGER_KIND, text: s.ledger }]),
    ...(s.tasks === null ? [] : [{ kind: 'tasks.json', text: s.tasks }]),
    ...s.markdown,
  ];
  const damage = findMergeDamage(s.id, files);
  if (damage?.duplicate) {
    const where = `session.started at lines ${damage.ledgerStarts.join(', ')} of ${rel(s.id, LEDGER_KIND)}`;
    out.push(
      problem(`merge:${s.id}`, 'merge', `session ${s.id} was created on two branches that were then merged: its files hold ${damage.ledgerStarts.length} sessions (${where})${damage.conflicted.length ? `; conflict markers in ${damage.conflicted.join(', ')}` : ''}`, `${FIX_COMMAND} (renumbers the second session to the next free number; nothing is dropped)`, {
        kind: 'renumber',
        session: s.id,
      }),
    );
    return out;
  }
  if (damage && damage.conflicted.length) {
    out.push(
      problem(`merge:${s.id}`, 'merge', `session ${s.id} has git conflict markers in ${damage.conflicted.map((k) => rel(s.id, k)).join(', ')}`, `${FIX_COMMAND} (keeps both sides' lines, as merge=union would), then: git add .claude/sessions`, {
        kind: 'resolve-conflict',
        session: s.id,
      }),
    );
    return out;
  }
  if (damage && damage.doubledDocs.length) {
    out.push(problem(`merge:${s.id}`, 'merge', `session ${s.id}: ${damage.doubledDocs.join(', ')} hold more than one "# Session ${s.id}" document`, `keep one document in each file by hand (git log -p -- ${rel(s.id, '*.md')} shows where each came from)`));
  }
  let ledgerOk = s.ledger !== null;
  if (s.ledger === null) {
    out.push(warn(`ledger:${s.id}`, 'store', `session ${s.id} has files but no ledger (${rel(s.id, LEDGER_KIND)})`, `restore it: git checkout -- ${rel(s.id, LEDGER_KIND)} (or remove the session's other files)`));
  } else {
    const scan = scanLedger(s.ledger);
    if (scan.badLines.length) {
      ledgerOk = false;
      const lines = scan.badLines.slice(0, 5).map((n) => `${rel(s.id, LEDGER_KIND)}:${n}`).join(', ');
      out.push(
        problem(`ledger:${s.id}`, 'store', `${lines}${scan.badLines.length > 5 ? ` and ${scan.badLines.length - 5} more` : ''}: not a valid csm event (JSON with "type" and "t")`, `repair or delete line ${scan.badLines[0]} of ${rel(s.id, LEDGER_KIND)} (it is append-only JSON lines; git diff shows what changed)`),
      );
    } else if (scan.torn) {
      out.push(warn(`ledger:${s.id}`, 'store', `${rel(s.id, LEDGER_KIND)} holds a line an interrupted write cut short; it is skipped when read`, 'nothing to do: the next write starts a fresh line after it'));
    }
  }
  const t = tasksCheck(s, ledgerOk, facts);
  if (t) out.push(t);
  return out;
}

function activeCheck(facts: StoreFacts): Check | null {
  if (facts.active === null) return null;
  // the session number; the pointer may go on to name the clone it was written in
  const text = facts.active.trim().split(' ')[0] ?? '';
  const fix = `${FIX_COMMAND} (clears it), then csm start "<objective>" or csm switch <NNN>`;
  const action = { kind: 'clear-active' as const };
  const s = /^[0-9]{3,9}$/.test(text) ? facts.sessions.find((x) => Number(x.id) === Number(text)) : undefined;
  if (!s || s.ledger === null) return warn('active', 'store', `the active-session pointer (.claude/.csm/active) names session "${text.slice(0, 20)}", which does not exist`, fix, action);
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
  const s = facts.sessions.reduce<SessionFacts | undefined>((a, x) => (a && Number(a.id) > Number(x.id) ? a : x), undefined);
  if (!s || s.ledger === null) return null;
  const scan = scanLedger(s.ledger);
  if (scan.badLines.length || foldEvents(s.id, scan.events).status !== 'completed') return null;
  if (parseHistory(facts.history ?? '').records.some((r) => r.session === s.id)) return null;
  return warn(
    `completion:${s.id}`,
    'store',
    `session ${s.id} is completed in its ledger, but its completion did not finish (no line for it in .claude/metrics-history.jsonl): memory entries, plan docs or that line may be missing`,
    `${FIX_COMMAND} (or csm complete) finishes it; nothing already written is written twice`,
    { kind: 'finish-completion', session: s.id },
  );
}

/** The store: `.claude/` exists, every ledger and tasks.json parses, tasks.json matches its ledger, the active pointer is sound. */
export function storeChecks(facts: StoreFacts): Check[] {
  if (!facts.claudeExists || !facts.sessionsExists) {
    return [warn('store', 'store', `csm is not set up in this repository (no .claude/${facts.claudeExists ? 'sessions/' : ''})`, 'csm init (or just csm start "<objective>")')];
  }
  const completion = completionCheck(facts);
  const issues = [...facts.sessions.flatMap((s) => sessionChecks(s, facts)), ...(completion ? [completion] : [])];
  const active = activeCheck(facts);
  const out: Check[] = [];
  if (!issues.some((c) => c.status !== 'ok') && facts.unreadable.length === 0) {
    const n = facts.sessions.length;
    out.push(ok('store', 'store', n ? `.claude/ present; ${n} session${n === 1 ? '' : 's'}, every ledger and tasks.json parses and matches its ledger` : '.claude/ present; no sessions yet'));
  }
  out.push(...issues);
  for (const u of facts.unreadable) {
    out.push(problem(`unreadable:${u.rel}`, 'store', `${u.rel} cannot be read (${u.code})`, `chmod u+r ${u.rel}`));
  }
  if (active) out.push(active);
  return out;
}
