// PreCompact: a hand-off note of the session into its ledger before the conversation is compacted.
import { runHook } from '../src/hook-runtime/run-hook.ts';
import { hookBundle } from '../src/kernel/hook-events.ts';
import { onPreCompact } from '../src/usecases/hooks/on-pre-compact.ts';

await runHook(hookBundle('pre-compact'), onPreCompact);
