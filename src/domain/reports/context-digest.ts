import { toMinutes } from '../tasks/active-time.ts';
import { sessionActiveMs } from '../tasks/projection.ts';
import type { SessionState } from '../tasks/session-state.ts';
import { phaseOf } from './status-view.ts';
import { msg } from '../../messages/index.ts';
import { asData, DATA_NOTE, fileAsData, oneLine } from './as-data.ts';
import {
  blockerLine,
  clip,
  type DigestInput,
  gatesSection,
  gitAndTime,
  memorySection,
  remainingSection,
  sinceSection,
  taskSection,
} from './digest-sections.ts';

export type { DigestInput };
const PLATFORM_CAP = 10_000;

/**
 * The session as of its last piece of work: Claude sessions opening (claude.session events) and
 * hand-off notes are not work, and the clock stops at the last event that is. A digest built from this is the same,
 * byte for byte, however often and whenever it is built on the same work (the prompt cache of
 * everything after it stays valid); null when there is no work yet (the caller's clock then).
 */
export function asOfLastWork(s: SessionState): { state: SessionState; at: number | null } {
  const opened = new Map<number, number>();
  for (const c of [...s.claudeSessions, ...s.handoffs]) {
    const t = Date.parse(c.t);
    opened.set(t, (opened.get(t) ?? 0) + 1);
  }
  const activity = s.activity.filter((t) => {
    const n = opened.get(t) ?? 0;
    if (n === 0) return true;
    opened.set(t, n - 1);
    return false;
  });
  const at = activity.length ? Math.max(...activity) : null;
  return { state: { ...s, activity }, at };
}
const rich = (source: string): boolean => source === 'resume' || source === 'compact' || source === 'fork';

/** The sections in order of importance, each clipped to the room left; the pointers to the full files always fit. */
function fit(sections: readonly (string | null)[], budget: number, pointers: string): string {
  let out = '';
  for (const section of sections) {
    if (section === null) continue;
    const room = budget - pointers.length - out.length - 2;
    if (room <= 40) break;
    out += `${clip(section, room)}\n\n`;
  }
  return `${out}${pointers}`;
}

/**
 * The SessionStart context: most important first (session and objectives, the active task,
 * blockers, failing gates, remaining tasks, git, memory), cut to the budget, with pointers to
 * the full files always kept at the end.
 */
export function buildDigest(d: DigestInput): string {
  const s = d.state;
  const more = rich(d.source);
  const done = s.tasks.filter((t) => t.status === 'completed').length;
  const blocked = s.tasks.filter((t) => t.status === 'blocked' || t.status === 'failed');
  const spent = toMinutes(sessionActiveMs(s, d.now, d.idleMs));
  return fit(
    [
      `csm session ${s.session} is active (phase: ${phaseOf(s)}; ${done}/${s.tasks.length} tasks completed). ` +
        `${DATA_NOTE}\nObjectives:\n${s.objectives.map((o, i) => `${i + 1}. ${asData(o, 300)}`).join('\n')}`,
      d.handoff ? `Hand-off written ${d.handoff.reason}:\n${d.handoff.text}` : null,
      taskSection(d),
      blocked.length ? `Blockers:\n${blocked.map(blockerLine).join('\n')}` : null,
      gatesSection(s, more),
      s.unassignedFiles.length
        ? `Edits recorded with no task in progress (unassigned): ` +
          `${s.unassignedFiles.slice(-10).map(fileAsData).join(', ')}. ` +
          '`csm task start <id>` before editing assigns them.'
        : null,
      remainingSection(s, more),
      more && d.previousContextAt !== null ? sinceSection(d, d.previousContextAt) : null,
      gitAndTime(d, spent),
      memorySection('Recent decisions', d.decisions, more ? 5 : 3),
      memorySection('Known issues (errors.md)', d.errors, more ? 5 : 3),
      `Test coverage: ${d.coverage}. Agents: ${d.agents.join(', ') || 'none'}. MCP servers: ` +
        `${d.mcpServers.join(', ') || 'none'}.`,
    ],
    Math.min(d.budgetChars, PLATFORM_CAP - 200),
    `Full files: ${d.files.tasks}, ${d.files.plan}, ${d.files.context}, ${d.files.memory}. \`csm status\` ` +
      `shows the live state.`,
  );
}

export const inactiveHint = (): string => msg.noActiveSessionHint;

/** The Claude session's title on startup: the csm session and what it is on now (one line, at most 60 characters). */
export function sessionTitle(s: SessionState): string {
  const on = s.tasks.find((t) => t.status === 'in_progress')?.title ?? s.objectives[0] ?? '';
  const text = `csm ${s.session} · ${oneLine(on)}`;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text.replace(/ · $/, '');
}
