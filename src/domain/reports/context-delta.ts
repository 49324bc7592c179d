import { msg } from '../../messages/index.ts';
import type { SessionState } from '../tasks/session-state.ts';
import { asData } from './as-data.ts';
import { gateView } from './status-view.ts';

/**
 * What Claude was last told about the csm session (by SessionStart, or by a delta since): the
 * facts a change of which is worth a line mid-session. Kept per Claude session, machine-local.
 */
export interface ToldFacts {
  /** The csm session; null when none was active. */
  session: string | null;
  status: string;
  active: string | null;
  completed: string[];
  blocked: string[];
  failing: string[];
  /** Advisory gates failing where they passed before the session (absent in facts told by an older csm). */
  advisory?: string[];
  tasks: number;
}

export const NOTHING_TOLD: ToldFacts = {
  session: null,
  status: 'none',
  active: null,
  completed: [],
  blocked: [],
  failing: [],
  tasks: 0,
};

/** The facts of `s` (null: no csm session is active). */
export function toldFacts(s: SessionState | null): ToldFacts {
  if (!s) return NOTHING_TOLD;
  const ids = (pick: (status: string) => boolean): string[] => s.tasks.filter((t) => pick(t.status)).map((t) => t.id);
  return {
    session: s.session,
    status: s.status,
    active: s.tasks.find((t) => t.status === 'in_progress')?.id ?? null,
    completed: ids((x) => x === 'completed'),
    blocked: ids((x) => x === 'blocked' || x === 'failed'),
    failing: [...gateView(s).failing].sort(),
    advisory: [...gateView(s).advisory].sort(),
    tasks: s.tasks.length,
  };
}

/** Reads a stored ToldFacts back; null when the value is not one (missing, corrupt, another version's). */
export function parseToldFacts(v: unknown): ToldFacts | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((y) => typeof y === 'string');
  const nullableString = (x: unknown): x is string | null => x === null || typeof x === 'string';
  if (
    !nullableString(o.session) ||
    typeof o.status !== 'string' ||
    !nullableString(o.active) ||
    typeof o.tasks !== 'number'
  )
    return null;
  if (!strings(o.completed) || !strings(o.blocked) || !strings(o.failing)) return null;
  const advisory = strings(o.advisory) ? o.advisory : [];
  const { session, status, active, completed, blocked, failing, tasks } = o;
  return { session, status, active, completed, blocked, failing, advisory, tasks };
}

export const sameFacts = (a: ToldFacts, b: ToldFacts): boolean => JSON.stringify(a) === JSON.stringify(b);
const added = (now: readonly string[], before: readonly string[]): string[] => now.filter((x) => !before.includes(x));
const MAX_CHARS = 800;

/**
 * The change since `before`, as one short paragraph of facts (never instructions), or null when
 * nothing worth telling changed. `s` is the session now (null: none active).
 */
export function deltaText(before: ToldFacts, s: SessionState | null): string | null {
  const now = toldFacts(s);
  if (sameFacts(before, now)) return null;
  if (!s) return before.session ? msg.sessionNoLongerActive(before.session) : null;
  if (before.session !== s.session) {
    const active = s.tasks.find((t) => t.status === 'in_progress');
    return clip(
      msg.sessionActiveNow(
        s.session,
        `objectives: ${s.objectives.map((o) => asData(o, 120)).join('; ')}; ${s.tasks.length} ` +
          `task(s)${active ? `, active task ${active.id} ${asData(active.title, 120)}` : ''}`,
      ),
    );
  }
  const title = (id: string): string => {
    const t = s.tasks.find((x) => x.id === id);
    return t ? `${id} ${asData(t.title, 100)}` : id;
  };
  const facts: string[] = [];
  if (now.status === 'completed' && before.status !== 'completed') facts.push('the session was completed');
  const done = added(now.completed, before.completed);
  if (done.length) facts.push(`completed: ${done.map(title).join(', ')}`);
  if (now.active !== before.active)
    facts.push(now.active ? `active task now ${title(now.active)}` : 'no task is in progress');
  for (const id of added(now.blocked, before.blocked)) {
    const t = s.tasks.find((x) => x.id === id);
    const why = t?.blockers.length ? `: ${asData(t.blockers[t.blockers.length - 1] ?? '', 160)}` : '';
    facts.push(`${title(id)} is ${t?.status ?? 'blocked'}${why}`);
  }
  const failing = added(now.failing, before.failing);
  if (failing.length) facts.push(`gates now failing: ${failing.join(', ')} (the newest run's output: \`csm gates\`)`);
  const advisory = added(now.advisory ?? [], before.advisory ?? []);
  if (advisory.length) facts.push(msg.advisoryNowFailing(advisory.join(', ')));
  const fixed = added(before.failing, now.failing);
  if (fixed.length) facts.push(`gates passing again: ${fixed.join(', ')}`);
  if (now.tasks !== before.tasks) facts.push(`the plan has ${now.tasks} task(s) (was ${before.tasks})`);
  return facts.length ? clip(msg.contextDelta(s.session, facts)) : null;
}

const clip = (text: string): string => (text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text);
