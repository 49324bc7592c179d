import { changedFiles } from '../../adapters/git/changed-files.ts';
import { gatesFor } from '../../domain/gates/detect-gates.ts';
import { loadBaselines } from './gate-baseline.ts';
import { inBuildOrder, notTrusted, unknownGate } from './gate-order.ts';
import { readGateCache } from './gate-cache.ts';
import { type RunContext, runOne } from './run-one.ts';
import type { RunGatesOptions, RunGatesResult } from './run-options.ts';
import { saveRun } from './save-run.ts';
import { projectGates } from './project-gates.ts';
import { untrustedGates } from './gate-trust.ts';

export type { GateTrigger, RunGatesOptions, RunGatesResult } from './run-options.ts';

const MAX_PARALLEL = 8;

/**
 * Runs the gates that apply to `trigger` in parallel, each with its own time limit; a gate whose
 * fingerprint equals the one it last passed with is reported as a cached pass without running.
 * Records the results as a 'gate.run' event.
 */
export async function runGates(opts: RunGatesOptions): Promise<RunGatesResult> {
  const { facts, gates: all } = await projectGates(opts.store.local, opts.config);
  const gates = gatesFor(all, opts.trigger, opts.only);
  const unknown = (opts.only ?? []).filter((n) => !all.some((g) => g.name === n)).map((n) => unknownGate(n, all));
  const changes = opts.changes ?? (await changedFiles(opts.root));
  const base = opts.state?.baseCommit ?? opts.base ?? changes.head;
  const sid = opts.sessionId;
  const loadBaselineRun =
    opts.baselines ?? (sid && opts.trigger !== 'baseline' ? () => loadBaselines(opts.store, sid) : null);
  const builtin = { root: opts.root, base, tree: opts.state?.baseTree ?? opts.baseTree ?? null, config: opts.config };
  const cache = readGateCache(opts.store.local);
  const ctx: RunContext = { opts, changes, cache, builtin, facts, loadBaselines: loadBaselineRun };
  const judged = opts.trigger === 'stop' || opts.trigger === 'after-stop';
  const untrusted = judged ? await untrustedGates(opts.store.local, gates, facts) : new Map<string, string[]>();
  opts.progress?.start(gates);
  const outcomes = await inBuildOrder(gates, facts, MAX_PARALLEL, async (g) => {
    const changes = untrusted.get(g.name);
    const r = changes ? notTrusted(g, changes) : await runOne(g, ctx);
    opts.progress?.done(r);
    return r;
  });
  // at the baseline, every failure is one the session found: named so in status, context and reports
  const ran =
    opts.trigger === 'baseline'
      ? outcomes.map((r) => (r.status === 'fail' ? { ...r, preexisting: true } : r))
      : outcomes;
  const results = [...ran, ...unknown];
  const save = (): Promise<void> => saveRun(opts.store, opts.sessionId, opts.trigger, opts.now(), ran, results);
  if (!opts.deferSave) await save();
  const later = opts.trigger === 'stop' ? gatesFor(all, 'after-stop').length : 0;
  return { results, ranAny: results.some((r) => !r.cached && r.status !== 'skipped'), gates, later, save };
}
