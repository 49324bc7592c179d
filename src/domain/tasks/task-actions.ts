import type { NewEvent, TaskSpec } from '../../contracts/events.ts';
import type { SessionState, TaskState } from './session-state.ts';

/** A decision: events to append, or why not. */
export type Decision =
  | { ok: true; events: NewEvent[]; task?: TaskState | TaskSpec; notes?: string[] }
  | { ok: false; reason: string; fix?: string };

const refuse = (reason: string, fix?: string): Decision =>
  fix === undefined ? { ok: false, reason } : { ok: false, reason, fix };

export function findTask(s: SessionState, id: string): { task: TaskState } | { reason: string } {
  const task = s.tasks.find((t) => t.id === id);
  if (task) return { task };
  const ids = s.tasks.map((t) => t.id);
  return {
    reason: ids.length
      ? `no task ${id} in session ${s.session}; tasks are ${ids.join(', ')}`
      : `no task ${id}: session ${s.session} has no tasks yet`,
  };
}

export interface NewTaskInput {
  title: string;
  agent: string;
  estimatedMinutes: number | null;
  files: string[];
  tests: string[];
  criteria: string[];
  dependsOn: string[];
  expectedLines: number | null;
}

export function addTask(s: SessionState, input: NewTaskInput): Decision {
  if (s.status !== 'active') return refuse(`session ${s.session} is completed`);
  const title = input.title.trim();
  if (!title) return refuse('the task title is empty', 'give the task a title: csm task add "Write the parser"');
  for (const dep of input.dependsOn) {
    if (!s.tasks.some((t) => t.id === dep)) return refuse(`dependency ${dep} is not a task of session ${s.session}`);
  }
  const spec: TaskSpec = { ...input, title, id: `task-${s.maxTaskNo + 1}` };
  return { ok: true, events: [{ type: 'task.added', task: spec }], task: spec };
}

export function startTask(s: SessionState, id: string): Decision {
  const found = findTask(s, id);
  if ('reason' in found) return refuse(found.reason);
  const { task } = found;
  if (task.status === 'in_progress') return { ok: true, events: [], task, notes: [`${id} is already in progress`] };
  if (task.status === 'completed')
    return refuse(`${id} is already completed`, `add a follow-up task instead: csm task add "…"`);
  const events: NewEvent[] = [];
  const notes: string[] = [];
  for (const other of s.tasks) {
    if (other.status === 'in_progress' && other.id !== id) {
      events.push({ type: 'task.paused', id: other.id });
      notes.push(`paused ${other.id} (${other.title})`);
    }
  }
  const waiting = task.dependsOn.filter((d) => s.tasks.find((t) => t.id === d)?.status !== 'completed');
  if (waiting.length) notes.push(`note: ${id} depends on ${waiting.join(', ')}, not completed yet`);
  events.push({ type: 'task.started', id });
  return { ok: true, events, task, notes };
}

/** The first pending task whose dependencies are all completed (plan order). */
export function nextReadyTask(s: SessionState): TaskState | undefined {
  const done = new Set(s.tasks.filter((t) => t.status === 'completed').map((t) => t.id));
  return s.tasks.find((t) => t.status === 'pending' && t.dependsOn.every((d) => done.has(d)));
}

export interface DoneOptions {
  output: string | null;
  force: boolean;
  noCode: boolean;
}

/** What a task still lacks before it may count as done (evidence-based "done"). */
export function missingEvidence(s: SessionState, task: TaskState, noCode: boolean): string[] {
  const edits = s.edits.filter((e) => e.task === task.id);
  const missing: string[] = [];
  if (!noCode && edits.length === 0) {
    missing.push(
      `no recorded edits on ${task.id} (work on it while it is in progress, or pass --no-code for a task without code)`,
    );
  }
  const lastEdit = edits.length ? Date.parse(edits[edits.length - 1]!.t) : (task.intervals[0]?.start ?? 0);
  const passedAfter = lastPassAt(s);
  if (edits.length > 0 && (passedAfter === null || passedAfter < lastEdit)) {
    missing.push(`no passing gate run after the last edit of ${task.id} (run: csm gates)`);
  }
  return missing;
}

/** Time of the newest passing check: a gate run with no blocking failure, or a passing test command. */
export function lastPassAt(s: SessionState): number | null {
  let best: number | null = null;
  for (const run of s.gateRuns) {
    const ran = run.results.filter((r) => r.status === 'pass' || r.status === 'fail');
    if (ran.length && !run.results.some((r) => r.blocking && r.status === 'fail'))
      best = Math.max(best ?? 0, Date.parse(run.t));
  }
  for (const ev of s.evidence) if (ev.outcome === 'pass') best = Math.max(best ?? 0, Date.parse(ev.t));
  return best;
}

export function completeTask(s: SessionState, id: string, opts: DoneOptions): Decision {
  const found = findTask(s, id);
  if ('reason' in found) return refuse(found.reason);
  const { task } = found;
  if (task.status === 'completed') return { ok: true, events: [], task, notes: [`${id} is already completed`] };
  const missing = missingEvidence(s, task, opts.noCode);
  if (missing.length && !opts.force) {
    return refuse(
      `${id} cannot be marked done yet: ${missing.join('; ')}`,
      `fix what is missing, or record an override with: csm task done ${id} --force`,
    );
  }
  const notes = missing.length ? [`override recorded: ${missing.join('; ')}`] : [];
  return {
    ok: true,
    events: [
      { type: 'task.completed', id, output: opts.output, forced: missing.length > 0, noCode: opts.noCode, missing },
    ],
    task,
    notes,
  };
}

export function blockTask(s: SessionState, id: string, reason: string): Decision {
  const found = findTask(s, id);
  if ('reason' in found) return refuse(found.reason);
  if (!reason.trim())
    return refuse('a block needs a reason', `csm task block ${id} --reason "waiting for the API key"`);
  return { ok: true, events: [{ type: 'task.blocked', id, reason: reason.trim() }], task: found.task };
}

export function handoffTask(s: SessionState, id: string, to: string, note: string): Decision {
  const found = findTask(s, id);
  if ('reason' in found) return refuse(found.reason);
  if (!to.trim()) return refuse('a handoff needs an agent', `csm task handoff ${id} --to test-engineer --note "…"`);
  return { ok: true, events: [{ type: 'task.handoff', id, to: to.trim(), note: note.trim() }], task: found.task };
}
