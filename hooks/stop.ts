// Stop: runs the quality gates and blocks Claude from stopping while they fail (never loops, fails open).
import { openStore } from '../src/app/open-store.ts';
import { stopGate } from '../src/app/stop-gate.ts';
import { runHook } from '../src/hook-runtime/run-hook.ts';

// hooks.json gives Stop 600 s; the hook keeps 30 s of it for itself.
await runHook({ event: 'Stop', budgetMs: 570_000 }, async (input, { deadline }) => stopGate(openStore(input), input, deadline));
