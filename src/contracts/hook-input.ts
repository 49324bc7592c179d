import * as z from 'zod/mini';

/**
 * Hook payloads, read leniently: only the fields csm uses, each optional, a wrong type becomes
 * "absent" instead of failing the whole payload (Claude Code adds fields every month).
 */
const opt = <T extends z.ZodMiniType>(s: T) => z.catch(z.optional(s), undefined);

export const HookInputSchema = z.looseObject({
  session_id: opt(z.string()),
  cwd: opt(z.string()),
  hook_event_name: opt(z.string()),
  source: opt(z.string()),
  tool_name: opt(z.string()),
  tool_input: opt(z.record(z.string(), z.unknown())),
  tool_response: opt(z.unknown()),
  error: opt(z.string()),
  agent_id: opt(z.string()),
  agent_type: opt(z.string()),
  stop_hook_active: opt(z.boolean()),
  background_tasks: opt(z.array(z.unknown())),
  last_assistant_message: opt(z.string()),
});
export type HookInput = z.infer<typeof HookInputSchema>;

/** What a hook prints: Claude Code's hook JSON (only the fields csm uses). */
export interface HookOutput {
  systemMessage?: string;
  decision?: 'block';
  reason?: string;
  hookSpecificOutput?: { hookEventName: string; additionalContext?: string };
}
