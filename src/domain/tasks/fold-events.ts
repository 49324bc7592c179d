/** The event reducer: a session's state is its ledger folded, event by event. */
import type { LedgerEvent, TaskSpec } from '../../contracts/events.ts';
import { emptyState, type SessionState, type TaskState } from './session-state.ts';

const closeInterval = (task: TaskState, at: number): void => {
  const open = task.intervals[task.intervals.length - 1];
  if (open && open.end === null) open.end = at;
};

/** Membership sets for the file lists, so a fold of a long ledger stays linear. */
const seen = new WeakMap<string[], Set<string>>();
const pushUnique = (list: string[], item: string): void => {
  let set = seen.get(list);
  if (!set) seen.set(list, (set = new Set(list)));
  if (!set.has(item)) {
    set.add(item);
    list.push(item);
  }
};

/** The last task looked up, per state: most events in a row concern the same task. */
const lastTask = new WeakMap<SessionState, TaskState>();
function taskById(s: SessionState, id: string): TaskState | undefined {
  const hit = lastTask.get(s);
  if (hit && hit.id === id && s.tasks.includes(hit)) return hit;
  const t = s.tasks.find((x) => x.id === id);
  if (t) lastTask.set(s, t);
  return t;
}

/** Applies one event to the state (mutates `s`; callers own it). Unknown ids are ignored: the ledger is the record. */
export function applyEvent(s: SessionState, e: LedgerEvent): void {
  const at = Date.parse(e.t);
  s.eventCount++;
  if (Number.isFinite(at)) s.activity.push(at);
  s.lastEventAt = e.t;
  const task = 'id' in e && typeof e.id === 'string' ? taskById(s, e.id) : undefined;
  switch (e.type) {
    case 'session.started':
      s.objectives = [...e.objectives];
      s.workflow = e.workflow;
      s.branch = e.branch;
      s.baseCommit = e.baseCommit;
      s.baseTree = e.baseTree ?? null;
      s.startedAt = e.t;
      break;
    case 'task.added':
      s.maxTaskNo = Math.max(s.maxTaskNo, Number(e.task.id.slice(5)) || 0);
      if (!s.tasks.some((x) => x.id === e.task.id)) {
        s.tasks.push({
          ...e.task,
          files: [...e.task.files],
          tests: [...e.task.tests],
          criteria: [...e.task.criteria],
          dependsOn: [...e.task.dependsOn],
          status: 'pending',
          blockers: [],
          output: null,
          handoffs: [],
          startedAt: null,
          completedAt: null,
          forced: false,
          noCode: false,
          intervals: [],
          lastEditAt: null,
        });
      }
      break;
    case 'task.updated':
      if (task) Object.assign(task, pickSpec(e.changes));
      break;
    case 'task.removed':
      s.tasks = s.tasks.filter((x) => x.id !== e.id);
      break;
    case 'task.started':
      if (task) {
        task.status = 'in_progress';
        task.startedAt ??= e.t;
        closeInterval(task, at);
        task.intervals.push({ start: at, end: null });
      }
      break;
    case 'task.paused':
      if (task && task.status === 'in_progress') {
        task.status = 'pending';
        closeInterval(task, at);
      }
      break;
    case 'task.completed':
      if (task) {
        task.status = 'completed';
        task.output = e.output;
        task.completedAt = e.t;
        task.forced = e.forced;
        task.noCode = e.noCode;
        closeInterval(task, at);
      }
      break;
    case 'task.blocked':
      if (task) {
        task.status = 'blocked';
        task.blockers.push(e.reason);
        closeInterval(task, at);
      }
      break;
    case 'task.failed':
      if (task) {
        task.status = 'failed';
        task.blockers.push(e.reason);
        closeInterval(task, at);
      }
      break;
    case 'task.handoff':
      if (task) {
        task.handoffs.push({ from: task.agent, to: e.to, note: e.note, at: e.t });
        task.agent = e.to;
      }
      break;
    case 'file.edited': {
      // the event already has every field of an edit record: keep it (a long ledger is mostly edits)
      s.edits.push(e);
      const owner = e.task ? taskById(s, e.task) : undefined;
      if (owner) {
        pushUnique(owner.files, e.path);
        owner.lastEditAt = at;
      } else pushUnique(s.unassignedFiles, e.path);
      break;
    }
    case 'evidence.command':
      s.evidence.push({ t: e.t, command: e.command, kind: e.kind, outcome: e.outcome, task: e.task });
      break;
    case 'gate.run':
      s.gateRuns.push({ t: e.t, trigger: e.trigger, results: e.results });
      break;
    case 'claude.session':
      s.claudeSessions.push({ id: e.claudeSession, source: e.source, t: e.t });
      break;
    case 'stop.blocked':
      s.stopBlocks++;
      s.lastStopBlock = { t: e.t, gates: [...e.gates] };
      break;
    case 'stop.released':
      s.stopReleases.push({ t: e.t, reason: e.reason });
      break;
    case 'plan.imported':
      s.replans++;
      s.risks = e.risks.map((r) => ({ ...r }));
      break;
    case 'memory.added':
      s.memory.push({ t: e.t, kind: e.kind, text: e.text });
      break;
    case 'context.handoff':
      s.handoffs.push({ t: e.t, reason: e.reason, text: e.text });
      break;
    case 'session.completed':
      s.status = 'completed';
      s.completedAt = e.t;
      s.finalFiles = e.files ? e.files.map((f) => ({ ...f })) : null;
      for (const x of s.tasks) closeInterval(x, at);
      break;
    case 'session.renumbered':
      s.session = e.to;
      break;
  }
}

const SPEC_KEYS = [
  'title',
  'agent',
  'estimatedMinutes',
  'files',
  'tests',
  'criteria',
  'dependsOn',
  'expectedLines',
] as const;

function pickSpec(changes: Record<string, unknown>): Partial<TaskSpec> {
  const out: Record<string, unknown> = {};
  for (const k of SPEC_KEYS) if (k in changes) out[k] = changes[k];
  return out as Partial<TaskSpec>;
}

export function foldEvents(session: string, events: Iterable<LedgerEvent>): SessionState {
  const s = emptyState(session);
  for (const e of events) applyEvent(s, e);
  return s;
}
