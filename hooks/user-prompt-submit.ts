// UserPromptSubmit: what changed in the csm session since Claude was last told, once, next to the prompt.
import { runHook } from '../src/hook-runtime/run-hook.ts';
import { hookBundle } from '../src/kernel/hook-events.ts';
import { onUserPromptSubmit } from '../src/usecases/hooks/on-user-prompt-submit.ts';

await runHook(hookBundle('user-prompt-submit'), onUserPromptSubmit);
