import type { HookInput, HookOutput } from '../../contracts/hook-input.ts';
import { inactiveHint } from '../../domain/reports/context-digest.ts';
import { openStore } from '../session/open-store.ts';
import { sessionStartContext } from './session-start-context.ts';

/** SessionStart: puts the active csm session into Claude's context (small on startup/clear, fuller on resume/compact). */
export async function onSessionStart(input: HookInput): Promise<HookOutput | null> {
  const { store, config, active } = openStore(input);
  const additionalContext = active ? await sessionStartContext(store, config, active, input) : config.context.hintWhenInactive ? inactiveHint() : null;
  // a pointer that came with the repository: nothing of that session is loaded, and the user is told once per Claude session
  const told = store.ignoredPointer ? { systemMessage: store.ignoredPointer } : {};
  if (!additionalContext) return store.ignoredPointer ? told : null;
  return { ...told, hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext } };
}
