// PostToolUse / PostToolUseFailure: records each edit against the task in progress, and test/build runs as evidence.
import { runHook } from '../src/hook-runtime/run-hook.ts';
import { hookBundle } from '../src/kernel/hook-events.ts';
import { onPostToolUse } from '../src/usecases/hooks/on-post-tool-use.ts';

await runHook(hookBundle('post-tool-use'), onPostToolUse);
