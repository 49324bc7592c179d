// SessionStart: puts the active csm session into Claude's context.
import { runHook } from '../src/hook-runtime/run-hook.ts';
import { hookBundle } from '../src/kernel/hook-events.ts';
import { onSessionStart } from '../src/usecases/hooks/on-session-start.ts';

await runHook(hookBundle('session-start'), onSessionStart);
