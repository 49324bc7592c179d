import type { HookInput, HookSignal } from '../../contracts/hook-input.ts';
import { appliedPatch, touchedFiles } from '../../domain/edits/apply-patch.ts';
import { commandOutcome, editedFile, evidenceKind, lineCounts, repoRelative } from '../../domain/edits/edit-facts.ts';
import { isCsmOwnPath } from '../../kernel/own-paths.ts';
import type { SessionStore } from '../session/session-store.ts';
import { type EditedFile, recordEdits, taskInProgress } from './record-edits.ts';

export type Recorded = (
  | { kind: 'edit'; path: string; task: string | null; added: number; removed: number }
  /** An apply_patch call: every file it touched. */
  | { kind: 'edits'; files: EditedFile[]; task: string | null }
  | { kind: 'evidence'; evidenceKind: string; outcome: 'pass' | 'fail' }
  | { kind: 'ignored'; why: string }
) & {
  /** Recorded, but tasks.json could not be read or extended: one line for the user. */
  warning?: string;
};

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
    const path = await redactPath(rel);
    const { added, removed } = lineCounts(tool ?? '', toolInput, input.tool_response);
    const r = await recordEdits(store, sessionId, input, [{ path, added, removed }], signal);
    return { kind: 'edit', path, added, removed, ...r };
  }
  const patch = failed ? null : appliedPatch(tool, toolInput, input.tool_response);
  if (patch !== null) return recordPatch(store, sessionId, input, patch, workRoot, signal);
  if (tool === 'Bash' || tool === 'PowerShell') {
    const command = typeof toolInput.command === 'string' ? toolInput.command : '';
    const kind = evidenceKind(command);
    if (!kind) return { kind: 'ignored', why: 'not a project check' };
    const outcome = commandOutcome(failed, input.tool_response);
    // Codex gives a command's output with no exit code: a run that may have failed is no evidence
    if (!outcome) return { kind: 'ignored', why: 'the outcome is not known' };
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

/**
 * Codex's apply_patch: every file the patch touched (relative to the session's cwd), each once,
 * recorded against the task in progress; files outside the repository and csm's own are left out.
 */
async function recordPatch(
  store: SessionStore,
  sessionId: string,
  input: HookInput,
  patch: string,
  workRoot: string,
  signal?: Pick<HookSignal, 'settle'>,
): Promise<Recorded> {
  const files: EditedFile[] = [];
  for (const f of touchedFiles(patch)) {
    const rel = f.path.length <= 4096 ? repoRelative(workRoot, f.path, input.cwd) : null;
    if (!rel || isCsmOwnPath(rel)) continue;
    const path = await redactPath(rel);
    const seen = files.find((x) => x.path === path);
    if (seen) {
      seen.added += f.added;
      seen.removed += f.removed;
    } else files.push({ path, added: f.added, removed: f.removed });
  }
  if (files.length === 0) return { kind: 'ignored', why: 'no file of the repository in the patch' };
  const r = await recordEdits(store, sessionId, input, files, signal);
  return { kind: 'edits', files, ...r };
}
