// SessionStart: puts the active csm session into Claude's context (small on startup/clear, fuller on resume/compact).
import { openStore } from '../src/app/open-store.ts';
import { sessionStartContext } from '../src/app/session-start-context.ts';
import { inactiveHint } from '../src/domain/reports/context-digest.ts';
import { runHook } from '../src/hook-runtime/run-hook.ts';

await runHook({ event: 'SessionStart', budgetMs: 12_000 }, async (input) => {
  const { store, config, active } = openStore(input);
  const additionalContext = active ? await sessionStartContext(store, config, active, input) : config.context.hintWhenInactive ? inactiveHint() : null;
  return additionalContext ? { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext } } : null;
});
