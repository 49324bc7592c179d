import { type HookInput, type HookOutput, readHookInput } from '../../contracts/hook-input.ts';
import { debugLog, debugPath } from '../../adapters/debug-log.ts';
import type { HookBundle } from '../../kernel/hook-events.ts';
import { msg } from '../../messages/index.ts';

/**
 * A hook's payload answered inside a process that stays up (the mod's helper), by the same handler
 * the hook's bundle runs: the payload read the same way, everything caught, a failure one line
 * for the person, and the hook's own budget as its deadline.
 */
export async function answerInProcess(
  bundle: Pick<HookBundle, 'events' | 'budgetMs'>,
  handler: (input: HookInput, signal: { deadline: number; settle: () => void }) => Promise<HookOutput | null>,
  payload: unknown,
): Promise<HookOutput | null> {
  const event = bundle.events[0]?.event ?? 'hook';
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  try {
    const input = readHookInput(payload as Record<string, unknown>);
    return await handler(input, { deadline: Date.now() + bundle.budgetMs, settle: () => undefined });
  } catch (e) {
    debugLog(event, 'failed in the mod helper', e);
    return {
      systemMessage: msg.hookFailed(`${event} failed (${e instanceof Error ? e.message : String(e)})`, debugPath()),
    };
  }
}
