// Stop: runs the quality gates and blocks Claude from stopping while they fail (never loops, fails open).
import { runHook } from '../src/hook-runtime/run-hook.ts';
import { hookBundle } from '../src/kernel/hook-events.ts';
import { onStop } from '../src/usecases/hooks/on-stop.ts';

await runHook(hookBundle('stop'), onStop);
