import type { HookInput, HookOutput } from '../../contracts/hook-input.ts';
import { inactiveHint } from '../../domain/reports/context-digest.ts';
import { openStore } from '../session/open-store.ts';
import { NOTHING_TOLD } from '../../domain/reports/context-delta.ts';
import { sessionStartContext } from './session-start-context.ts';
import { readTold, writeTold } from './told-facts.ts';
import { msg } from '../../messages/index.ts';

/**
 * SessionStart: puts the active csm session into Claude's context (small on startup/clear, fuller on resume/compact).
 */
export async function onSessionStart(input: HookInput): Promise<HookOutput | null> {
  const { store, config, active, paused, ignoredPointer } = openStore(input);
  if (paused) return { systemMessage: msg.pausedHere(paused.reason) };
  const built = active ? await sessionStartContext(store, config, active, input) : null;
  const additionalContext = built ? built.text : config.context.hintWhenInactive ? inactiveHint() : null;
  // no session: forget one told before (nothing is written where csm keeps nothing)
  const told = !active && input.session_id ? readTold(store, input.session_id) : null;
  if (told?.session && input.session_id) await writeTold(store, input.session_id, NOTHING_TOLD, told);
  // a pointer that came with the repository: nothing of that session is loaded, and the user is told once per Claude
  // session
  const off = built?.bookkeepingOff ?? null;
  const said = ignoredPointer ?? (off !== null ? msg.bookkeepingOff(off) : null);
  const warning = said ? { systemMessage: said } : {};
  if (!additionalContext) return said ? warning : null;
  const context = off !== null ? `${additionalContext}\n\n${msg.bookkeepingOffForClaude}` : additionalContext;
  const title = built?.title ? { sessionTitle: built.title } : {};
  return { ...warning, hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: context, ...title } };
}
