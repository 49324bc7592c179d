import type { GateResult } from '../../contracts/events.ts';

/**
 * What each gate said before the session changed anything (`csm start` runs them once): Stop
 * blocks on what this session broke — a gate that passed then and fails now, or failures that
 * are new in a gate that already failed — and reports the rest as failing since before.
 */
export interface BaselineGate {
  status: GateResult['status'];
  /** The failures' ids, where the output could be read. */
  failures: string[] | null;
  /** How many failed, where the runner says. */
  failed: number | null;
  /** Its script's steps ran one after another past a failing one; Stop runs it so too, to compare like with like. */
  everyStep?: boolean;
}

export type Baselines = Record<string, BaselineGate>;

export function baselinesOf(results: readonly GateResult[]): Baselines {
  const out: Baselines = {};
  for (const r of results) {
    if (r.status === 'skipped') continue;
    out[r.name] = { status: r.status, failures: r.failures ? r.failures.map((f) => f.id) : null, failed: r.totals?.failed ?? r.failures?.length ?? null, ...(r.everyStep ? { everyStep: true } : {}) };
  }
  return out;
}

export interface AgainstBaseline {
  /** It failed at the baseline and nothing failing now is new. */
  preexisting: boolean;
  /** The ids of the failures that are new since the baseline (all of them when it passed then), or null when ids cannot be compared. */
  newIds: string[] | null;
}

/** A failing gate's failures now against its baseline (null baseline: not known, every failure counts as new). */
export function againstBaseline(base: BaselineGate | undefined | null, ids: readonly string[] | null, failed: number | null): AgainstBaseline {
  if (!base || base.status !== 'fail') return { preexisting: false, newIds: ids ? [...ids] : null };
  if (ids && base.failures) {
    const before = new Set(base.failures);
    const newIds = ids.filter((id) => !before.has(id));
    // ids are capped at 50: more failing than before counts as new even when the first 50 match
    const more = failed !== null && base.failed !== null && failed > base.failed;
    return { preexisting: newIds.length === 0 && !more, newIds };
  }
  if (failed !== null && base.failed !== null) return { preexisting: failed <= base.failed, newIds: null };
  // nothing in the baseline's output named a failure (a setup step failed, a tool's own words); now a runner names some: new
  if (ids && ids.length > 0 && base.failures === null) return { preexisting: false, newIds: [...ids] };
  // it failed before and nothing tells the failures apart: not blocked for what may be the same failure
  return { preexisting: true, newIds: null };
}
