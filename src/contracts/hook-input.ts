/**
 * Hook payloads, read leniently: only the fields csm uses, each optional; a field of the wrong
 * type counts as absent instead of failing the payload (Claude Code adds fields every month).
 * Hand-written rather than zod: this runs first in every hook process.
 */
export interface HookInput {
  session_id?: string;
  cwd?: string;
  hook_event_name?: string;
  source?: string;
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  tool_response?: unknown;
  error?: string;
  agent_id?: string;
  agent_type?: string;
  stop_hook_active?: boolean;
  background_tasks?: unknown[];
  last_assistant_message?: string;
}

const STRINGS = ['session_id', 'cwd', 'hook_event_name', 'source', 'tool_name', 'error', 'agent_id', 'agent_type', 'last_assistant_message'] as const;

export function readHookInput(raw: Record<string, unknown>): HookInput {
  const out: HookInput = {};
  for (const k of STRINGS) if (typeof raw[k] === 'string') out[k] = raw[k] as string;
  const ti = raw.tool_input;
  if (ti && typeof ti === 'object' && !Array.isArray(ti)) out.tool_input = ti as Record<string, unknown>;
  if ('tool_response' in raw) out.tool_response = raw.tool_response;
  if (typeof raw.stop_hook_active === 'boolean') out.stop_hook_active = raw.stop_hook_active;
  if (Array.isArray(raw.background_tasks)) out.background_tasks = raw.background_tasks;
  return out;
}

/** What a hook prints: Claude Code's hook JSON (only the fields csm uses). */
export interface HookOutput {
  systemMessage?: string;
  decision?: 'block';
  reason?: string;
  hookSpecificOutput?: { hookEventName: string; additionalContext?: string };
}
