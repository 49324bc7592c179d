import type { NewEvent } from '../../contracts/events.ts';
import type { HookInput, HookSignal } from '../../contracts/hook-input.ts';
import { editedFile, evidenceKind, lineCounts, repoRelative } from '../../domain/edits/edit-facts.ts';
import { errorMessage } from '../../errors.ts';
import { isCsmOwnPath } from '../../kernel/own-paths.ts';
import { projectAfterAppend } from '../session/project-after-append.ts';
import type { SessionStore, TaskFiles } from '../session/session-store.ts';

export type Recorded = (
  | { kind: 'edit'; path: string; task: string | null; added: number; removed: number }
  | { kind: 'evidence'; evidenceKind: string; outcome: 'pass' | 'fail' }
  | { kind: 'ignored'; why: string }
) & {
  /** Recorded, but tasks.json could not be read or extended: one line for the user. */
  warning?: string;
};

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
function taskInProgress(store: SessionStore, sessionId: string): ActiveTask {
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

/** Adds `rel` to the active task's files (or the unassigned ones) in tasks.json, checked whole first. */
function listFile(
  store: SessionStore,
  sessionId: string,
  tasks: TaskFiles,
  active: string | null,
  rel: string,
): string | undefined {
  try {
    const full = store.checkTasks(sessionId, tasks); // the file as read under this lock, not read again
    const list = active ? full.tasks.find((t) => t.id === active)?.files : full.unassignedFiles;
    if (!list || list.includes(rel)) return undefined;
    list.push(rel);
    store.writeTasksFile(sessionId, full);
    return undefined;
  } catch (e) {
    return `recorded, but ${errorMessage(e)}`;
  }
}

/**
 * PostToolUse / PostToolUseFailure: one edit or one test/build run, recorded against the task in
 * progress. Reads tasks.json (not the whole ledger) so the cost does not grow with the session.
 */
export async function recordToolUse(
  store: SessionStore,
  sessionId: string,
  input: HookInput,
  workRoot: string = store.root,
  signal?: Pick<HookSignal, 'settle'>,
): Promise<Recorded> {
  const tool = input.tool_name;
  const toolInput = input.tool_input ?? {};
  const failed = input.hook_event_name === 'PostToolUseFailure';
  const file = editedFile(tool, toolInput);
  if (file && !failed) {
    const rel = repoRelative(workRoot, file, input.cwd);
    if (!rel) return { kind: 'ignored', why: 'outside the repository' };
    if (isCsmOwnPath(rel)) return { kind: 'ignored', why: "csm's own file" };
    return recordEdit(store, sessionId, input, await redactPath(rel), signal);
  }
  if (tool === 'Bash' || tool === 'PowerShell') {
    const command = typeof toolInput.command === 'string' ? toolInput.command : '';
    const kind = evidenceKind(command);
    if (!kind) return { kind: 'ignored', why: 'not a project check' };
    const resp = input.tool_response as { interrupted?: unknown } | undefined;
    const outcome: 'pass' | 'fail' = failed || resp?.interrupted === true ? 'fail' : 'pass';
    // loaded only here: most tool calls are edits, and the redaction rules cost start-up time
    const { redact } = await import('../../domain/redact.ts');
    const { active, warning } = taskInProgress(store, sessionId);
    await store.append(sessionId, [
      {
        type: 'evidence.command',
        command: redact(command).slice(0, 500),
        kind,
        outcome,
        task: active,
        claudeSession: input.session_id ?? null,
      },
    ]);
    return { kind: 'evidence' as const, evidenceKind: kind, outcome, ...(warning ? { warning } : {}) };
  }
  return { kind: 'ignored', why: `tool ${tool ?? 'unknown'} is not recorded` };
}

/** A file name can hold a token (`src/token-xoxb-….js`): such a name is recorded redacted. */
async function redactPath(rel: string): Promise<string> {
  if (!/[A-Za-z0-9_+=-]{16,}/.test(rel)) return rel; // the rules are loaded only for long names
  const { redact } = await import('../../domain/redact.ts');
  return redact(rel);
}

async function recordEdit(
  store: SessionStore,
  sessionId: string,
  input: HookInput,
  rel: string,
  signal?: Pick<HookSignal, 'settle'>,
): Promise<Recorded> {
  const tool = input.tool_name;
  const toolInput = input.tool_input ?? {};
  const { added, removed } = lineCounts(tool ?? '', toolInput, input.tool_response);
  const { tasks, active, warning } = taskInProgress(store, sessionId);
  const event: NewEvent = {
    type: 'file.edited',
    path: rel,
    tool: tool ?? 'unknown',
    added,
    removed,
    task: active,
    claudeSession: input.session_id ?? null,
    agentId: input.agent_id ?? null,
    agentType: input.agent_type ?? null,
  };
  // the ledger first, with no lock: the edit is recorded whatever tasks.json's state
  await store.append(sessionId, [event]);
  // from here on, running out of time loses nothing: tasks.json is marked behind and caught up later
  signal?.settle(() => store.markProjectionBehind(sessionId));
  const listed = (t: TaskFiles): boolean =>
    (active ? t.tasks.find((x) => x.id === active)?.files : t.unassignedFiles)?.includes(rel) === true;
  // a file already listed where it belongs (the common case: edited again) needs no lock at all
  const settledBefore = tasks !== null && listed(tasks) && !store.projectionBehind(sessionId);
  const listWarning = settledBefore
    ? undefined
    : await projectAfterAppend(store, sessionId, () => {
        const now = store.readTaskFiles(sessionId); // as it is under the lock, not as read above
        return now && !listed(now) ? listFile(store, sessionId, now, active, rel) : undefined;
      }).catch((e: unknown) => `recorded, but ${errorMessage(e)}`);
  const note = warning ?? listWarning ?? undefined;
  return { kind: 'edit' as const, path: rel, task: active, added, removed, ...(note ? { warning: note } : {}) };
}
