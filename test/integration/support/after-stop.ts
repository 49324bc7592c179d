import fs from 'node:fs';
import path from 'node:path';
import { readLedger } from './temp-repo.ts';
import { withinLimit } from './step-limit.ts';

type GateRun = { type: string; trigger?: string; results: { name: string; status: string }[] };

/**
 * Waits for the background run a Stop started (see src/usecases/hooks/after-stop.ts) to end:
 * its `gate.run` number `n` (1 for the first) in the ledger and no run holding the repository.
 * A hang guard only: past the limit it fails with what the ledger holds.
 */
export async function afterStopRun(dir: string, n = 1): Promise<GateRun> {
  const runs = (): GateRun[] =>
    readLedger(dir).filter((e: GateRun) => e.type === 'gate.run' && e.trigger === 'after-stop');
  const busy = (): boolean => fs.existsSync(path.join(dir, '.claude', '.csm', 'after-stop.pid'));
  const wait = (async () => {
    while (runs().length < n || busy()) await new Promise((r) => setTimeout(r, 100));
    return runs()[n - 1] as GateRun;
  })();
  const seen = (): string =>
    readLedger(dir)
      .map((e: GateRun) => `${e.type}/${e.trigger ?? ''}`)
      .join(', ');
  return withinLimit(wait, 120_000, () => `ledger: ${seen()}`);
}
