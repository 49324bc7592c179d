import { numstatSince, touchedSince } from '../../adapters/git/since-start.ts';
import type { NewEvent } from '../../contracts/events.ts';
import { redact } from '../../domain/redact.ts';
import type { SessionState, TaskState } from '../../domain/tasks/session-state.ts';
import type { Project } from './open-store.ts';

/**
 * Edits csm did not see: files git shows changed since the session started, touched since the task
 * started, that no recorded edit names — made by hand in an editor, or by a tool csm does not hear.
 */
export async function handEdits(
  p: Project,
  s: SessionState,
  task: TaskState,
): Promise<{ path: string; added: number; removed: number }[]> {
  const since = Date.parse(task.startedAt ?? s.startedAt ?? '');
  if (!Number.isFinite(since)) return [];
  const recorded = new Set(s.edits.map((e) => e.path));
  const rows = (await numstatSince(p.root, s.baseCommit, s.baseTree)).filter((r) => !recorded.has(redact(r.path)));
  const touched = new Set(
    touchedSince(
      p.root,
      rows.map((r) => r.path),
      since,
    ),
  );
  return rows.filter((r) => touched.has(r.path)).map((r) => ({ ...r, path: redact(r.path) }));
}

/** The events that record `files` on `task` as edits made outside Claude (`tool: "by hand"`). */
export const handEditEvents = (
  task: string,
  files: readonly { path: string; added: number; removed: number }[],
): NewEvent[] =>
  files.map((f) => ({
    type: 'file.edited',
    path: f.path,
    tool: 'by hand',
    added: f.added,
    removed: f.removed,
    task,
    claudeSession: null,
    agentId: null,
    agentType: null,
  }));

/** The sentence a refused `task done` gains: what git saw changed, and the flag that takes it. */
export function handEditHint(task: string, files: readonly { path: string }[]): string {
  const names = files.slice(0, 8).map((f) => f.path);
  const more = files.length > 8 ? ` and ${files.length - 8} more` : '';
  const seen = `git shows ${files.length} file(s) changed since ${task} started that csm did not see (edited by hand?)`;
  return `${seen}: ${names.join(', ')}${more} — csm task done ${task} --take-edits records them on it`;
}
