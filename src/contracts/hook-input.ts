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
  /** PreCompact: `manual` or `auto`. */
  trigger?: string;
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  tool_response?: unknown;
  error?: string;
  agent_id?: string;
  agent_type?: string;
  stop_hook_active?: boolean;
  background_tasks?: unknown[];
  last_assistant_message?: string;
  /** csm's mod recorded this edit in-process (it marks the payload it hands on to the command hooks). */
  csm_recorded_by_mod?: true;
}

/**
 * The string fields csm reads, with the longest value it accepts: ids go into the ledger, which
 * teams commit, so an id of a megabyte counts as absent rather than landing there (Claude Code's
 * ids are UUIDs and short names; a cwd is a path).
 */
const STRINGS = {
  session_id: 200,
  cwd: 4096,
  hook_event_name: 100,
  source: 100,
  trigger: 100,
  tool_name: 200,
  error: 100_000,
  agent_id: 200,
  agent_type: 200,
  last_assistant_message: 1_000_000,
} as const;
const STRING_KEYS = Object.keys(STRINGS) as (keyof typeof STRINGS)[];

export function readHookInput(raw: Record<string, unknown>): HookInput {
  const out: HookInput = {};
  for (const k of STRING_KEYS) {
    const v = raw[k];
    if (typeof v === 'string' && v.length <= STRINGS[k]) out[k] = v;
  }
  const ti = raw.tool_input;
  if (ti && typeof ti === 'object' && !Array.isArray(ti)) out.tool_input = ti as Record<string, unknown>;
  if ('tool_response' in raw) out.tool_response = raw.tool_response;
  if (typeof raw.stop_hook_active === 'boolean') out.stop_hook_active = raw.stop_hook_active;
  if (Array.isArray(raw.background_tasks)) out.background_tasks = raw.background_tasks;
  if (raw.csm_recorded_by_mod === true) out.csm_recorded_by_mod = true;
  return out;
}

/** What a hook prints: Claude Code's hook JSON (only the fields csm uses). */
export interface HookOutput {
  systemMessage?: string;
  decision?: 'block';
  reason?: string;
  hookSpecificOutput?: { hookEventName: string; additionalContext?: string; sessionTitle?: string };
}

/** What a hook handler is told about its time: the deadline, and a way to say its essential work is done. */
export interface HookSignal {
  deadline: number;
  /**
   * The record is on disk (an edit in the ledger): should the budget run out after this, the
   * hook exits quietly — nothing was lost, so there is nothing to tell the user — after `onLate`
   * notes what was left for later.
   */
  settle(onLate?: () => void): void;
}
