import type { HookInput } from '../contracts/hook-input.ts';
import type { NewEvent } from '../contracts/events.ts';
import { writeFileAtomic } from '../adapters/store/atomic-file.ts';
import type { SessionStore } from '../adapters/store/session-store.ts';
import { editedFile, evidenceKind, isCsmOwnPath, lineCounts, repoRelative } from '../domain/edits/edit-facts.ts';

export type Recorded =
  | { kind: 'edit'; path: string; task: string | null; added: number; removed: number }
  | { kind: 'evidence'; evidenceKind: string; outcome: 'pass' | 'fail' }
  | { kind: 'ignored'; why: string };

/**
 * PostToolUse / PostToolUseFailure: one edit or one test/build run, recorded against the task in
 * progress. Reads tasks.json (not the whole ledger) so the cost does not grow with the session.
 */
export async function recordToolUse(store: SessionStore, sessionId: string, input: HookInput, workRoot: string = store.paths.root): Promise<Recorded> {
  const tool = input.tool_name;
  const toolInput = input.tool_input ?? {};
  const failed = input.hook_event_name === 'PostToolUseFailure';
  const file = editedFile(tool, toolInput);
  if (file && !failed) {
    const rel = repoRelative(workRoot, file);
    if (!rel) return { kind: 'ignored', why: 'outside the repository' };
    if (isCsmOwnPath(rel)) return { kind: 'ignored', why: "csm's own file" };
    const { added, removed } = lineCounts(tool ?? '', toolInput, input.tool_response);
    return store.locked(async () => {
      const tasks = store.readTasksFile(sessionId);
      const active = tasks?.tasks.find((t) => t.status === 'in_progress') ?? null;
      const event: NewEvent = {
        type: 'file.edited',
        path: rel,
        tool: tool ?? 'unknown',
        added,
        removed,
        task: active?.id ?? null,
        claudeSession: input.session_id ?? null,
        agentId: input.agent_id ?? null,
        agentType: input.agent_type ?? null,
      };
      await store.append(sessionId, [event]);
      if (tasks) {
        const list = active ? active.files : tasks.unassignedFiles;
        if (!list.includes(rel)) {
          list.push(rel);
          writeFileAtomic(store.paths.sessionFile(sessionId, 'tasks.json'), `${JSON.stringify(tasks, null, 2)}\n`);
        }
      }
      return { kind: 'edit' as const, path: rel, task: active?.id ?? null, added, removed };
    });
  }
  if (tool === 'Bash' || tool === 'PowerShell') {
    const command = typeof toolInput.command === 'string' ? toolInput.command : '';
    const kind = evidenceKind(command);
    if (!kind) return { kind: 'ignored', why: 'not a project check' };
    const resp = input.tool_response as { interrupted?: unknown } | undefined;
    const outcome: 'pass' | 'fail' = failed || resp?.interrupted === true ? 'fail' : 'pass';
    // loaded only here: most tool calls are edits, and the redaction rules cost start-up time
    const { redact } = await import('../domain/redact.ts');
    return store.locked(async () => {
      const tasks = store.readTasksFile(sessionId);
      const active = tasks?.tasks.find((t) => t.status === 'in_progress') ?? null;
      await store.append(sessionId, [
        { type: 'evidence.command', command: redact(command).slice(0, 500), kind, outcome, task: active?.id ?? null, claudeSession: input.session_id ?? null },
      ]);
      return { kind: 'evidence' as const, evidenceKind: kind, outcome };
    });
  }
  return { kind: 'ignored', why: `tool ${tool ?? 'unknown'} is not recorded` };
}
