// Stop: runs the quality gates and blocks Claude from stopping while they fail (never loops, fails open).
import { runHook } from '../src/hook-runtime/run-hook.ts';
import { hookBundle } from '../src/kernel/hook-events.ts';
import { onStop } from '../src/usecases/hooks/on-stop.ts';
import { afterStop, takeAfterStopMark } from '../src/usecases/hooks/after-stop.ts';

// the same bundle, started again by a Stop that let Claude go, runs the advisory checks in the background
if (takeAfterStopMark()) await afterStop(process.cwd());
else await runHook(hookBundle('stop'), onStop);
