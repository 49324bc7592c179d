import type { HookInput, HookOutput } from '../../contracts/hook-input.ts';
import { deltaText, NOTHING_TOLD, sameFacts, toldFacts } from '../../domain/reports/context-delta.ts';
import { openStore } from '../session/open-store.ts';
import { readTold, writeTold } from './told-facts.ts';

/**
 * UserPromptSubmit: what changed in the csm session since Claude was last told (a task finished in
 * another terminal, a gate now failing, a plan change), as one short paragraph next to the prompt
 * — only when something changed, and never twice. Nothing at all otherwise.
 */
export async function onUserPromptSubmit(input: HookInput): Promise<HookOutput | null> {
  // a turn no person typed (a poll of a background event) gets no update: it would only add noise
  if (!input.session_id || input.source === 'poll_event') return null;
  const { store, active, paused } = openStore(input);
  if (paused) return null;
  const before = readTold(store, input.session_id);
  if (before === null && !active) return null;
  const state = active ? store.loadForDigest(active).state : null;
  const now = toldFacts(state);
  const base = before ?? NOTHING_TOLD;
  if (sameFacts(base, now)) return null;
  await writeTold(store, input.session_id, now, before);
  const additionalContext = deltaText(base, state);
  return additionalContext ? { hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext } } : null;
}
