import type { NewEvent } from '../../contracts/events.ts';
import type { HookInput, HookSignal } from '../../contracts/hook-input.ts';
import { errorMessage } from '../../errors.ts';
import { projectAfterAppend } from '../session/project-after-append.ts';
import type { SessionStore, TaskFiles } from '../session/session-store.ts';

/** One file an edit wrote, repo-relative, with the lines it added and removed. */
export interface EditedFile {
  path: string;
  added: number;
  removed: number;
}

interface ActiveTask {
  tasks: TaskFiles | null;
  active: string | null;
  warning?: string;
}

/**
 * The task in progress, from tasks.json. When that file is unreadable or not csm's, the ledger
 * says which task is in progress (slower, but the edit is still recorded against it) and the
 * user is told once per edit; the file itself is left alone.
 */
export function taskInProgress(store: SessionStore, sessionId: string): ActiveTask {
  try {
    const tasks = store.readTaskFiles(sessionId);
    return { tasks, active: tasks?.tasks.find((t) => t.status === 'in_progress')?.id ?? null };
  } catch (e) {
    const { state } = store.load(sessionId);
    return {
      tasks: null,
      active: state.tasks.find((t) => t.status === 'in_progress')?.id ?? null,
      warning: `recorded, but ${errorMessage(e)}`,
    };
  }
}

/** Adds `rels` to the active task's files (or the unassigned ones) in tasks.json, checked whole first. */
function listFiles(
  store: SessionStore,
  sessionId: string,
  tasks: TaskFiles,
  active: string | null,
  rels: readonly string[],
): string | undefined {
  try {
    const full = store.checkTasks(sessionId, tasks); // the file as read under this lock, not read again
    const list = active ? full.tasks.find((t) => t.id === active)?.files : full.unassignedFiles;
    const missing = rels.filter((rel) => list && !list.includes(rel));
    if (!list || missing.length === 0) return undefined;
    list.push(...missing);
    store.writeTasksFile(sessionId, full);
    return undefined;
  } catch (e) {
    return `recorded, but ${errorMessage(e)}`;
  }
}

/**
 * One edit call's files (a Write, an Edit, or every file of an apply_patch), recorded against the
 * task in progress: one `file.edited` each, in one append, then tasks.json lists them.
 */
export async function recordEdits(
  store: SessionStore,
  sessionId: string,
  input: HookInput,
  files: readonly EditedFile[],
  signal?: Pick<HookSignal, 'settle'>,
): Promise<{ task: string | null; warning?: string }> {
  const { tasks, active, warning } = taskInProgress(store, sessionId);
  const events: NewEvent[] = files.map((f) => ({
    type: 'file.edited',
    path: f.path,
    tool: input.tool_name ?? 'unknown',
    added: f.added,
    removed: f.removed,
    task: active,
    claudeSession: input.session_id ?? null,
    agentId: input.agent_id ?? null,
    agentType: input.agent_type ?? null,
  }));
  // the ledger first, with no lock: the edit is recorded whatever tasks.json's state
  await store.append(sessionId, events);
  // from here on, running out of time loses nothing: tasks.json is marked behind and caught up later
  signal?.settle(() => store.markProjectionBehind(sessionId));
  const rels = files.map((f) => f.path);
  const unlisted = (t: TaskFiles): string[] => {
    const list = active ? t.tasks.find((x) => x.id === active)?.files : t.unassignedFiles;
    return rels.filter((rel) => list?.includes(rel) !== true);
  };
  // files already listed where they belong (the common case: edited again) need no lock at all
  const settledBefore = tasks !== null && unlisted(tasks).length === 0 && !store.projectionBehind(sessionId);
  const listWarning = settledBefore
    ? undefined
    : await projectAfterAppend(store, sessionId, () => {
        const now = store.readTaskFiles(sessionId); // as it is under the lock, not as read above
        return now && unlisted(now).length > 0 ? listFiles(store, sessionId, now, active, rels) : undefined;
      }).catch((e: unknown) => `recorded, but ${errorMessage(e)}`);
  const note = warning ?? listWarning ?? undefined;
  return { task: active, ...(note ? { warning: note } : {}) };
}
