import { type TasksFile, TasksFileSchema } from '../../contracts/tasks.ts';
import { formatProblems, parseWith } from '../../contracts/validate.ts';
import type { SessionFacts } from '../../contracts/doctor-facts.ts';
import { toTasksFile } from '../tasks/projection.ts';
import { foldEvents } from '../tasks/fold-events.ts';
import { type Check, FIX_COMMAND, problem, warn } from './check.ts';
import { scanLedger } from './ledger-scan.ts';
import { findMergeDamage, LEDGER_KIND } from './merged-session.ts';

/** What the tasks.json check needs of the clock: now and the idle threshold (ms). */
export interface SessionClock {
  now: number;
  idleMs: number;
}

/** Doctor's checks of one session's files: merge damage, the ledger, tasks.json against its ledger. */

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
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      );
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

function tasksCheck(s: SessionFacts, ledgerOk: boolean, facts: SessionClock): Check | null {
  const id = `tasks:${s.id}`;
  const file = rel(s.id, 'tasks.json');
  const rebuild = ledgerOk ? { kind: 'rebuild-tasks' as const, session: s.id, moveAside: true } : null;
  const rebuildFix = ledgerOk
    ? `${FIX_COMMAND} (moves it to ${file}.corrupt-<time> and rebuilds it from the ledger)`
    : `repair the ledger first, then: ${FIX_COMMAND}`;
  if (s.tasks === null) {
    if (s.ledger === null) return null;
    return warn(
      id,
      'store',
      `${file} is missing`,
      ledgerOk ? `${FIX_COMMAND} (rebuilds it from the ledger)` : `repair the ledger first, then: ${FIX_COMMAND}`,
      rebuild && { ...rebuild, moveAside: false },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(s.tasks);
  } catch (e) {
    return problem(id, 'store', `${file} is not valid JSON (${(e as Error).message})`, rebuildFix, rebuild);
  }
  const parsed = parseWith(TasksFileSchema, raw);
  if (!parsed.ok)
    return problem(
      id,
      'store',
      `${file} does not match the tasks schema: ${formatProblems(parsed.problems)}`,
      rebuildFix,
      rebuild,
    );
  if (!ledgerOk || s.ledger === null) return null;
  const state = foldEvents(s.id, scanLedger(s.ledger).events);
  const at = state.lastEventAt ? Date.parse(state.lastEventAt) : facts.now;
  const diff = firstDifference(comparable(parsed.value), comparable(toTasksFile(state, at, facts.idleMs)));
  if (diff === null) return null;
  return warn(
    id,
    'store',
    `${file} differs from its ledger (first at ${diff}); the ledger is the record`,
    `${FIX_COMMAND} (rebuilds it from the ledger)`,
    {
      kind: 'rebuild-tasks',
      session: s.id,
      moveAside: false,
    },
  );
}

/** Merge damage: two sessions under one number, conflict markers, doubled documents. Stops the checks when fatal. */
function mergeChecks(s: SessionFacts): { checks: Check[]; fatal: boolean } {
  const files = [
    ...(s.ledger === null ? [] : [{ kind: LEDGER_KIND, text: s.ledger }]),
    ...(s.tasks === null ? [] : [{ kind: 'tasks.json', text: s.tasks }]),
    ...s.markdown,
  ];
  const damage = findMergeDamage(s.id, files);
  if (damage?.duplicate) {
    const where = `session.started at lines ${damage.ledgerStarts.join(', ')} of ${rel(s.id, LEDGER_KIND)}`;
    const markers = damage.conflicted.length ? `; conflict markers in ${damage.conflicted.join(', ')}` : '';
    const what =
      `session ${s.id} was created on two branches that were then merged: its files hold ` +
      `${damage.ledgerStarts.length} sessions (${where})${markers}`;
    const fix = `${FIX_COMMAND} (renumbers the second session to the next free number; nothing is dropped)`;
    return { checks: [problem(`merge:${s.id}`, 'merge', what, fix, { kind: 'renumber', session: s.id })], fatal: true };
  }
  if (damage && damage.conflicted.length) {
    const what = `session ${s.id} has git conflict markers in ${damage.conflicted.map((k) => rel(s.id, k)).join(', ')}`;
    const fix = `${FIX_COMMAND} (keeps both sides' lines, as merge=union would), then: git add .claude/sessions`;
    const action = { kind: 'resolve-conflict' as const, session: s.id };
    return { checks: [problem(`merge:${s.id}`, 'merge', what, fix, action)], fatal: true };
  }
  if (damage && damage.doubledDocs.length) {
    const what = `session ${s.id}: ${damage.doubledDocs.join(', ')} hold more than one "# Session ${s.id}" document`;
    const fix =
      `keep one document in each file by hand (git log -p -- ${rel(s.id, '*.md')} shows where each ` + 'came from)';
    return { checks: [problem(`merge:${s.id}`, 'merge', what, fix)], fatal: false };
  }
  return { checks: [], fatal: false };
}

/** The ledger: there, every line a csm event, a torn last line said as harmless. */
function ledgerChecks(s: SessionFacts): { checks: Check[]; ok: boolean } {
  const file = rel(s.id, LEDGER_KIND);
  if (s.ledger === null) {
    const what = `session ${s.id} has files but no ledger (${file})`;
    const fix = `restore it: git checkout -- ${file} (or remove the session's other files)`;
    return { checks: [warn(`ledger:${s.id}`, 'store', what, fix)], ok: false };
  }
  const scan = scanLedger(s.ledger);
  if (scan.badLines.length) {
    const lines = scan.badLines
      .slice(0, 5)
      .map((n) => `${file}:${n}`)
      .join(', ');
    const more = scan.badLines.length > 5 ? ` and ${scan.badLines.length - 5} more` : '';
    const what = `${lines}${more}: not a valid csm event (JSON with "type" and "t")`;
    const fix =
      `repair or delete line ${scan.badLines[0]} of ${file} (it is append-only JSON ` +
      `lines; git diff shows what changed)`;
    return { checks: [problem(`ledger:${s.id}`, 'store', what, fix)], ok: false };
  }
  if (scan.torn) {
    const what = `${file} holds a line an interrupted write cut short; it is skipped when read`;
    const fix = 'nothing to do: the next write starts a fresh line after it';
    return { checks: [warn(`ledger:${s.id}`, 'store', what, fix)], ok: true };
  }
  return { checks: [], ok: true };
}

/** One session's files: merge damage first (nothing else is judged on a damaged session), the ledger, tasks.json. */
export function sessionChecks(s: SessionFacts, facts: SessionClock): Check[] {
  const merge = mergeChecks(s);
  if (merge.fatal) return merge.checks;
  const ledger = ledgerChecks(s);
  const t = tasksCheck(s, ledger.ok, facts);
  return [...merge.checks, ...ledger.checks, ...(t ? [t] : [])];
}
