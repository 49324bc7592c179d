import { claimBackgroundRun, takeAfterStopMark } from '../../adapters/process/background.ts';

export { takeAfterStopMark };
import { debugLog } from '../../adapters/debug-log.ts';
import type { HookInput } from '../../contracts/hook-input.ts';
import { usableDir } from '../../adapters/host.ts';
import { runGates } from '../gates/run-gates.ts';
import { startOf } from '../gates/run-options.ts';
import { refreshInterimReports } from '../reports/write-reports.ts';
import { openStore } from '../session/open-store.ts';

/**
 * The advisory checks (lint, a slow build) that Stop does not wait for, run in the background
 * once Stop let Claude go: their results land in the ledger like any run, and a failure this
 * session caused reaches Claude in the next prompt's update (context-delta.ts) — never silence,
 * and nothing on Stop's path. One run per repository at a time; a run on an unchanged tree is a
 * cached pass and costs nothing.
 */
export async function afterStop(cwd: string): Promise<void> {
  try {
    // the repository went away while this started (a demo's, a test's temp repository): nothing to do
    if (!usableDir(cwd)) return;
    const o = openStore({ cwd } as HookInput);
    const sessionId = o.active;
    if (!sessionId) return;
    const release = claimBackgroundRun(o.store.local.file('after-stop.pid'));
    if (!release) return;
    try {
      const run = await runGates({
        root: o.store.root,
        store: o.store,
        sessionId,
        state: null,
        ...startOf(o.store.base(sessionId)),
        config: o.config,
        trigger: 'after-stop',
        now: () => o.store.now(),
      });
      // the reports Stop brought up to date now say what these found too
      if (run.ranAny) await refreshInterimReports(o.store, o.config, sessionId, () => o.store.now());
    } finally {
      release();
    }
  } catch (e) {
    debugLog('Stop', 'the advisory checks after Stop failed', e);
  }
}
