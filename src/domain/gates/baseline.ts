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
  /** Where no parser read the output: its failing lines, normalized (see runners/failure-signature.ts). */
  lines?: string[] | null;
  /** Its script's steps ran one after another past a failing one; Stop runs it so too, to compare like with like. */
  everyStep?: boolean;
  /** Then: which steps failed, by their place in the chain. */
  failedSteps?: number[];
  /** Then: how many steps the chain had. */
  stepCount?: number;
  /** Its runner's stop-at-first-failure was turned off (see bail.ts); Stop runs it so too. */
  toTheEnd?: boolean;
}

export type Baselines = Record<string, BaselineGate>;

export function baselinesOf(results: readonly GateResult[]): Baselines {
  const out: Baselines = {};
  for (const r of results) {
    if (r.status === 'skipped') continue;
    out[r.name] = {
      status: r.status,
      failures: r.failures ? r.failures.map((f) => f.id) : null,
      failed: r.totals?.failed ?? r.failures?.length ?? r.signature?.failed ?? null,
      ...(r.signature ? { lines: r.signature.lines } : {}),
      ...(r.everyStep ? { everyStep: true } : {}),
      ...(r.failedSteps ? { failedSteps: r.failedSteps } : {}),
      ...(r.stepCount !== undefined ? { stepCount: r.stepCount } : {}),
      ...(r.toTheEnd ? { toTheEnd: true } : {}),
    };
  }
  return out;
}

export interface AgainstBaseline {
  /** It failed at the baseline and nothing failing now is new. */
  preexisting: boolean;
  /**
   * The ids of the failures that are new since the baseline (all of them when it passed then), or null when ids cannot
   * be compared.
   */
  newIds: string[] | null;
  /** Where no parser read the output: the failing lines the baseline did not have. */
  newLines?: string[];
  /** It failed before, and nothing in either output tells whether what fails now is the same: not known, so blocked. */
  undecided?: boolean;
  /** Steps of its chain that fail now and passed at the baseline (their places, 0 the first). */
  newSteps?: number[];
}

/**
 * What a failing run says failed: ids where a parser read them, else its normalized failing lines;
 * the count where known.
 */
export interface FailingNow {
  ids: readonly string[] | null;
  failed: number | null;
  lines?: readonly string[] | null;
  /** A chained script run step by step: the places of the steps that failed. */
  steps?: readonly number[] | null;
  /** And how many steps it ran. */
  stepCount?: number | null;
}

/**
 * A failing gate's failures now against its baseline (null baseline: not known, every failure
 * counts as new). "Nothing new" is said only when it is known: the same ids (and no more of
 * them), or — where no parser reads the output — no failing line the baseline lacked and a count
 * that did not grow. When neither output tells, the answer is "undecided", and Stop blocks.
 */
export function againstBaseline(base: BaselineGate | undefined | null, now: FailingNow): AgainstBaseline {
  const vs = againstBaselineRun(base, now);
  // a step of the chain that passed before and fails now is new, whatever its output says (no
  // parser may read it: a linter's own format, a build)
  // places compare only in the same chain: a step added since (a pre script, accepted with csm gates
  // --trust) moves the others, and then the failures themselves are compared
  const sameChain = base?.stepCount === undefined || now.stepCount == null || base.stepCount === now.stepCount;
  const newSteps =
    base?.failedSteps && now.steps && sameChain ? now.steps.filter((i) => !base.failedSteps?.includes(i)) : [];
  return newSteps.length > 0 ? { ...vs, preexisting: false, undecided: false, newSteps } : vs;
}

function againstBaselineRun(base: BaselineGate | undefined | null, now: FailingNow): AgainstBaseline {
  const { ids, failed } = now;
  if (!base || base.status !== 'fail') return { preexisting: false, newIds: ids ? [...ids] : null };
  // more failing than before counts as new even when the ids or lines match (ids are capped at 50)
  const more = failed !== null && base.failed !== null && failed > base.failed;
  if (ids && base.failures) {
    const before = new Set(base.failures);
    const newIds = ids.filter((id) => !before.has(id));
    return { preexisting: newIds.length === 0 && !more, newIds };
  }
  // nothing in the baseline's output named a failure (a setup step failed, a tool's own words); now a runner names
  // some: new
  if (ids && ids.length > 0) return { preexisting: false, newIds: [...ids] };
  const lines = now.lines ?? null;
  if (lines && base.lines && (lines.length > 0 || base.lines.length > 0)) {
    const before = new Set(base.lines);
    const newLines = lines.filter((l) => !before.has(l));
    return { preexisting: newLines.length === 0 && !more, newIds: null, newLines };
  }
  if (failed !== null && base.failed !== null) return { preexisting: !more, newIds: null };
  return { preexisting: false, newIds: null, undecided: true };
}
