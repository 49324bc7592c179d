import type { ChangedFiles } from '../../adapters/git/changed-files.ts';
import { debugEnabled, debugLog } from '../../adapters/debug-log.ts';
import { runCommand } from '../../adapters/process/run-command.ts';
import type { GateResult } from '../../contracts/events.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { AffectedRun } from '../../domain/gates/affected.ts';
import type { Baselines } from '../../domain/gates/baseline.ts';
import { commandOutcome } from '../../domain/gates/command-outcome.ts';
import { fingerprintOf, type GateCache, needsRun } from '../../domain/gates/fingerprint.ts';
import type { CheckOutcome, GateDef } from '../../domain/gates/gate-def.ts';
import { type Kept, keptAdvisory, keptFailure, keptPass, ranOtherwise, runPlan } from '../../domain/gates/gate-plan.ts';
import { clipLines } from '../../domain/gates/output-excerpt.ts';
import { redact } from '../../domain/redact.ts';
import { msg } from '../../messages/index.ts';
import { affectedRun, sessionFiles } from './affected-scope.ts';
import { type BuiltinInput, builtinSalt, isBuiltin, runBuiltin } from './builtin-checks.ts';
import type { RunGatesOptions } from './run-options.ts';

/** What every gate of one run shares: read once, by the first gate that needs it. */
export interface RunContext {
  opts: RunGatesOptions;
  changes: ChangedFiles;
  cache: GateCache;
  builtin: BuiltinInput;
  facts: ProjectFacts;
  /** The session's changed files, read once when a test gate is narrowed. */
  files?: Promise<string[]>;
  loadBaselines: (() => Baselines | null) | null;
  baselines?: Baselines;
}

/** A failure's summary as read from its output: the runner's totals, the first failures, the re-run command. */
const SUMMARY_LIMITS = { maxLines: 40, maxChars: 2000 };

/** The test gate narrowed to what the change can affect, on Stop with scope `affected`; else null (it runs whole). */
async function narrowed(gate: GateDef, ctx: RunContext): Promise<AffectedRun | null> {
  const { opts } = ctx;
  if (opts.trigger !== 'stop' || (gate.kind !== 'test' && gate.kind !== 'compile')) return null;
  if ((gate.scope ?? opts.config.stop.scope) !== 'affected') return null;
  ctx.files ??= sessionFiles(opts.root, ctx.builtin.base);
  return affectedRun(gate, ctx.facts, opts.root, await ctx.files);
}

interface Ran {
  outcome: CheckOutcome;
  durationMs: number;
  fingerprint: string;
  cached?: boolean;
  nonBlocking?: boolean;
  scope?: 'affected';
  marks?: { everyStep?: true; toTheEnd?: true };
}

function resultOf(gate: GateDef, ctx: RunContext, r: Ran): GateResult {
  const o = r.outcome;
  // a gate that could not run never blocks; nor does a failure that was there before the session
  const before = o.read?.preexisting === true && !ctx.opts.config.stop.blockOnPreexisting;
  return {
    name: gate.name,
    status: o.status,
    blocking: r.nonBlocking || o.status === 'error' || before ? false : gate.blocking,
    durationMs: r.durationMs,
    command: gate.command,
    // Summaries go to the ledger (committed): redacted before clipping, as a cut secret is no longer
    // recognisable. A cached result's summary is csm's own sentence (no project output), so the
    // first Stop of a turn skips the redaction rules.
    summary: r.cached ? o.output : clipLines(redact(o.output), SUMMARY_LIMITS),
    fingerprint: r.fingerprint,
    cached: r.cached === true,
    ...(o.read ?? {}),
    ...(r.scope ? { scope: r.scope } : {}),
    ...(r.marks ?? {}),
  };
}

const kept = (k: Kept, fingerprint: string): Ran => ({
  ...k,
  outcome: k.outcome,
  durationMs: 0,
  fingerprint,
  cached: true,
});

/** One gate: a result kept from before when nothing it depends on changed, else its run, read. */
export async function runOne(gate: GateDef, ctx: RunContext): Promise<GateResult> {
  const { opts, changes, cache } = ctx;
  const force = opts.force === true;
  const salt = isBuiltin(gate) ? builtinSalt(gate, ctx.builtin) : '';
  const full = fingerprintOf(changes.entries, changes.head, gate, salt);
  if (!needsRun(gate, full, cache, force)) return resultOf(gate, ctx, kept(keptPass(gate, cache), full));
  const narrow = await narrowed(gate, ctx);
  const fingerprint = narrow ? fingerprintOf(changes.entries, changes.head, gate, `affected:${narrow.command}`) : full;
  if (narrow && !needsRun(gate, fingerprint, cache, force)) {
    return resultOf(gate, ctx, kept(keptPass(gate, cache), fingerprint));
  }
  const failure = force ? null : keptFailure(gate, fingerprint, cache, opts.trigger);
  if (failure) return resultOf(gate, ctx, kept(failure, fingerprint));
  const t0 = performance.now();
  if (isBuiltin(gate)) {
    const outcome = await runBuiltin(gate, ctx.builtin);
    return resultOf(gate, ctx, { outcome, durationMs: Math.round(performance.now() - t0), fingerprint });
  }
  const baseline = (): Baselines => (ctx.baselines ??= ctx.loadBaselines?.() ?? {});
  if (opts.trigger === 'stop' && !force && !gate.blocking && baseline()[gate.name]?.status === 'fail') {
    return resultOf(gate, ctx, kept(keptAdvisory(), fingerprint));
  }
  const r = resultOf(gate, ctx, await runCheck(gate, ctx, narrow, fingerprint, baseline));
  // where a slow Stop's time went (CSM_DEBUG=1): the gate, what it ran, how long, what came of it
  if (debugEnabled()) {
    const ran = narrow?.command ?? gate.command;
    debugLog(opts.trigger, `gate ${gate.name}: ${r.status} in ${r.durationMs} ms — ${ran}`);
  }
  return r;
}

/**
 * A gate's command, run (again to the end at the baseline when it failed part-way), its output read
 * against the baseline.
 */
async function runCheck(
  gate: GateDef,
  ctx: RunContext,
  narrow: AffectedRun | null,
  fingerprint: string,
  baseline: () => Baselines,
): Promise<Ran> {
  const { opts } = ctx;
  const timeoutMs = Math.min(gate.timeout * 1000, opts.budgetMs ?? Infinity);
  const plan = runPlan(gate, ctx.facts, narrow, opts.trigger, () => baseline()[gate.name]);
  let { everyStep, toTheEnd } = plan;
  let r = await runCommand(plan.command, { cwd: opts.root, timeoutMs, localBins: narrow !== null || everyStep });
  if (plan.retry && r.exitCode !== 0 && !r.timedOut && !r.notFound) {
    // what failed stopped the rest: every step runs, to the end, so Stop can tell the failures
    // after it from the session's
    const again = await runCommand(plan.retry.command, { cwd: opts.root, timeoutMs, localBins: true });
    if (!again.timedOut && !again.notFound && again.exitCode !== 0) {
      [r, everyStep, toTheEnd] = [{ ...again, durationMs: r.durationMs + again.durationMs }, true, plan.retry.toTheEnd];
    }
  }
  const base = r.exitCode !== 0 && ctx.loadBaselines ? (baseline()[gate.name] ?? null) : null;
  const packages = (ctx.facts.workspaces ?? []).map((p) => p.dir);
  const ran = commandOutcome(gate, { ...r, output: redact(r.output) }, opts.root, base, packages, narrow?.renames);
  const o = everyStep && ran.status !== 'pass' ? { ...ran, output: `${ranOtherwise(toTheEnd)}\n${ran.output}` } : ran;
  const marks = {
    ...(everyStep ? { everyStep: true as const } : {}),
    ...(toTheEnd ? { toTheEnd: true as const } : {}),
  };
  if (!narrow) return { outcome: o, durationMs: r.durationMs, fingerprint, marks };
  const output =
    o.status === 'pass'
      ? msg.gateAffectedPass(o.output, narrow.scope, gate.kind)
      : `${msg.gateAffectedScope(narrow.scope, gate.kind)}\n${o.output}`;
  return { outcome: { ...o, output }, durationMs: r.durationMs, fingerprint, scope: 'affected', marks };
}
