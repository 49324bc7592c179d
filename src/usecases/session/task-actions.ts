import path from 'node:path';
import { msg } from '../../messages/index.ts';
import { redact } from '../../domain/redact.ts';
import type { SessionState, TaskState } from '../../domain/tasks/session-state.ts';
import {
  addTask,
  blockTask,
  completeTask,
  type Decision,
  handoffTask,
  nextReadyTask,
  startTask,
} from '../../domain/tasks/task-actions.ts';
import { CsmError, usageError } from '../../errors.ts';
import { normalizeTaskId } from '../../kernel/ids.ts';
import type { Project } from './open-store.ts';
import { writePlanDocs } from './session-docs.ts';
import { handEditEvents, handEditHint, handEdits } from './hand-edits.ts';

/** What `csm task …` asks for, already parsed from the command line (texts not yet redacted, --file paths as given). */
export type TaskRequest =
  | {
      kind: 'add';
      title: string;
      agent: string;
      estimatedMinutes: number | null;
      files: string[];
      tests: string[];
      criteria: string[];
      dependsOn: string[];
      expectedLines: number | null;
    }
  | { kind: 'next'; start?: boolean }
  | { kind: 'start'; id: string }
  | { kind: 'done'; id: string; output: string | null; force: boolean; noCode: boolean; takeEdits?: boolean }
  | { kind: 'block'; id: string; reason: string }
  | { kind: 'handoff'; id: string; to: string; note: string };

export interface TaskOutcome {
  state: SessionState;
  /** The task the action was about (for `next`: the one started, or null when none is ready). */
  task: TaskState | null;
  notes: string[];
  /** Ledger lines that were skipped on the way (a torn tail). */
  warnings: string[];
}

/** A task id given on the command line (`task-3`, `3`, `#3`), or a usage error. */
export function taskIdArg(raw: string | undefined, sub: string): string {
  if (!raw) throw usageError(...msg.usage.taskNeedsId(sub));
  const id = normalizeTaskId(raw);
  if (!id) throw usageError(...msg.usage.notATaskId(raw));
  return id;
}

/** A path given with --file, as a repo-relative path with forward slashes; refused outside the repository. */
export function repoPathArg(p: Pick<Project, 'cwd' | 'root'>, file: string): string {
  if (file.includes('\0') || file.length > 1024) throw usageError(...msg.usage.fileUnusable(file));
  const rel = path.relative(p.root, path.resolve(p.cwd, file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw usageError(...msg.usage.fileOutside(file));
  return rel.split(path.sep).join('/');
}

function checkAgent(p: Project, agent: string): void {
  const agents = p.store.files.agentNames();
  if (agents.length && !agents.includes(agent)) {
    throw new CsmError('INVALID_INPUT', ...msg.refusal.noAgent(agent, agents));
  }
}

/** Applies a domain decision through the store; a refusal becomes a user error naming the fix. */
async function apply(
  p: Project,
  sid: string,
  decide: (s: SessionState) => Decision,
): Promise<{ state: SessionState; decision: Extract<Decision, { ok: true }>; warnings: string[] }> {
  const { state, result, warnings } = await p.store.mutate(sid, (s) => {
    const d = decide(s);
    return { events: d.ok ? d.events : [], result: d };
  });
  if (!result.ok)
    throw new CsmError('INVALID_INPUT', result.reason, result.fix === undefined ? {} : { fix: result.fix });
  return { state, decision: result, warnings };
}

function decisionFor(p: Project, req: Exclude<TaskRequest, { kind: 'add' | 'next' }>): (s: SessionState) => Decision {
  switch (req.kind) {
    case 'start':
      return (s) => startTask(s, req.id);
    case 'done':
      return (s) =>
        completeTask(s, req.id, {
          output: req.output === null ? null : redact(req.output),
          force: req.force,
          noCode: req.noCode,
        });
    case 'block':
      return (s) => blockTask(s, req.id, redact(req.reason));
    case 'handoff':
      return (s) => {
        if (req.to) checkAgent(p, req.to);
        return handoffTask(s, req.id, req.to, redact(req.note));
      };
  }
}

async function add(p: Project, sid: string, req: Extract<TaskRequest, { kind: 'add' }>): Promise<TaskOutcome> {
  checkAgent(p, req.agent);
  const input = {
    ...req,
    title: redact(req.title),
    files: req.files.map((f) => redact(repoPathArg(p, f))),
    tests: req.tests.map(redact),
    criteria: req.criteria.map(redact),
    dependsOn: req.dependsOn.map((d) => normalizeTaskId(d) ?? d),
  };
  const { state, warnings } = await apply(p, sid, (s) => addTask(s, input));
  await writePlanDocs(p.store, state);
  return { state, task: state.tasks[state.tasks.length - 1] ?? null, notes: [], warnings };
}

/**
 * `csm task next`: the task in progress, else the first task whose dependencies are done — shown;
 * with `start`, started.
 */
async function next(p: Project, sid: string, start: boolean): Promise<TaskOutcome> {
  const { state: before } = p.store.load(sid);
  const ready = before.tasks.find((t) => t.status === 'in_progress') ?? nextReadyTask(before);
  if (!ready) return { state: before, task: null, notes: [], warnings: [] };
  if (!start || ready.status === 'in_progress') return { state: before, task: ready, notes: [], warnings: [] };
  const r = await apply(p, sid, (s) => startTask(s, ready.id));
  return {
    state: r.state,
    task: r.state.tasks.find((x) => x.id === ready.id) ?? null,
    notes: [],
    warnings: r.warnings,
  };
}

/** Runs one `csm task` action on the active session `sid`. */
export async function runTaskAction(p: Project, sid: string, req: TaskRequest): Promise<TaskOutcome> {
  if (req.kind === 'add') return add(p, sid, req);
  if (req.kind === 'next') return next(p, sid, req.start === true);
  const unseen = req.kind === 'done' ? await unseenEdits(p, sid, req) : [];
  try {
    const { state, decision, warnings } = await apply(p, sid, decisionFor(p, req));
    const took = unseen.length ? [`recorded ${unseen.length} file(s) edited by hand on ${req.id}`] : [];
    const notes = [...took, ...(decision.notes ?? [])];
    return { state, task: state.tasks.find((x) => x.id === req.id) ?? null, notes, warnings };
  } catch (e) {
    // a task with no recorded edit, where git saw files change: say which, and how to take them
    if (req.kind === 'done' && !req.takeEdits && e instanceof CsmError && /no recorded edits/.test(e.message)) {
      const hand = await unseenEdits(p, sid, { ...req, takeEdits: false, peek: true });
      if (hand.length) e.message = `${e.message}; ${handEditHint(req.id, hand)}`;
    }
    const took = `recorded ${unseen.length} file(s) edited by hand on ${req.id}`;
    if (unseen.length && e instanceof CsmError) e.message = `${took}; ${e.message}`;
    throw e;
  }
}

type DoneRequest = Extract<TaskRequest, { kind: 'done' }>;

type Unseen = { path: string; added: number; removed: number }[];

/** With --take-edits: the files edited by hand since the task started, recorded on it first; with `peek`, found. */
async function unseenEdits(p: Project, sid: string, req: DoneRequest & { peek?: boolean }): Promise<Unseen> {
  if (req.noCode || !(req.takeEdits || req.peek)) return [];
  const { state } = p.store.load(sid);
  const task = state.tasks.find((t) => t.id === req.id);
  if (!task || state.edits.some((e) => e.task === req.id)) return [];
  const hand = await handEdits(p, state, task);
  if (req.takeEdits && hand.length) await p.store.append(sid, handEditEvents(req.id, hand));
  return hand;
}
