import { changedFiles, type ChangedFiles } from '../../adapters/git/changed-files.ts';
import { runCommand } from '../../adapters/process/run-command.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import type { GateResult } from '../../contracts/events.ts';
import { commandOutcome } from '../../domain/gates/command-outcome.ts';
import { gatesFor } from '../../domain/gates/detect-gates.ts';
import { failedUnchanged, fingerprintOf, type GateCache, needsRun } from '../../domain/gates/fingerprint.ts';
import type { CheckOutcome, GateDef } from '../../domain/gates/gate-def.ts';
import { clipLines } from '../../domain/gates/output-excerpt.ts';
import { redact } from '../../domain/redact.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import type { SessionStore } from '../session/session-store.ts';
import { type BuiltinInput, builtinSalt, isBuiltin, runBuiltin } from './builtin-checks.ts';
import type { Baselines } from '../../domain/gates/baseline.ts';
import { loadBaselines } from './gate-baseline.ts';
import { affectedRun, sessionFiles } from './affected-scope.ts';
import { type AffectedRun, chainOf, everyStepCommand } from '../../domain/gates/affected.ts';
import { runGateToTheEnd, runToTheEnd } from '../../domain/gates/bail.ts';
import { inBuildOrder, notTrusted, unknownGate } from './gate-order.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { readGateCache } from './gate-cache.ts';
import { saveRun } from './save-run.ts';
import { projectGates } from './project-gates.ts';
import { untrustedGates } from './gate-trust.ts';

/** `baseline`: the run `csm start` makes before any change (the gates Stop runs). */
export type GateTrigger = 'stop' | 'task-done' | 'complete' | 'manual' | 'baseline' | 'after-stop';

export interface RunGatesOptions {
  root: string;
  store: SessionStore;
  /** The session whose ledger gets the 'gate.run' event; null records nothing. */
  sessionId: string | null;
  state: SessionState | null;
  config: CsmConfig;
  trigger: GateTrigger;
  now: () => Date;
  only?: string[];
  force?: boolean;
  /** Caps every gate's time limit (ms), e.g. the Stop hook's own budget. */
  budgetMs?: number;
  /** The session's base commit when the caller has it without `state` (the Stop hook reads only the ledger's first line). */
  base?: string | null;
  /** The working tree's changes, when the caller already read them (the Stop hook reads them once). */
  changes?: ChangedFiles;
  /** What the gates said before the session changed anything (read only when a gate fails). */
  baselines?: () => Baselines | null;
  /** Told which gates run, before they start, and each result as it comes (a long baseline is not silent). */
  progress?: { start(gates: readonly GateDef[]): void; done(result: GateResult): void };
  /** The caller saves the run (`RunGatesResult.save`), with its own writes under one lock (the Stop hook). */
  deferSave?: boolean;
}

export interface RunGatesResult {
  results: GateResult[];
  /** False when every gate was cached or skipped. */
  ranAny: boolean;
  gates: GateDef[];
  /** On Stop: the advisory gates it does not run, which a background run after it may (see after-stop.ts). */
  later: number;
  /** Saves the run (gate cache, ledger, baselines): already done unless `deferSave`. */
  save: () => Promise<void>;
}

const MAX_PARALLEL = 8;
/** A failure's summary as read from its output: the runner's totals, the first failures, the re-run command. */
const SUMMARY_LIMITS = { maxLines: 40, maxChars: 2000 };

interface RunContext {
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

/** A time from the gate cache, shown only if it is one (the cached summary is not redacted). */
const when = (t: string | undefined): string => (t !== undefined && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(t) ? t : '?');

/** The test gate narrowed to what the change can affect, on Stop with scope `affected`; else null (it runs whole). */
async function narrowed(gate: GateDef, ctx: RunContext): Promise<AffectedRun | null> {
  const { opts } = ctx;
  if (opts.trigger !== 'stop' || gate.kind !== 'test' || (gate.scope ?? opts.config.stop.scope) !== 'affected') return null;
  ctx.files ??= sessionFiles(opts.root, ctx.builtin.base);
  return affectedRun(gate, ctx.facts, opts.root, await ctx.files);
}

async function runOne(gate: GateDef, ctx: RunContext): Promise<GateResult> {
  const { opts, changes, cache } = ctx;
  const full = fingerprintOf(changes.entries, changes.head, gate, isBuiltin(gate) ? builtinSalt(gate, ctx.builtin) : '');
  const result = (o: CheckOutcome, durationMs: number, fingerprint: string, cached = false, scope?: 'affected'): GateResult => ({
    name: gate.name,
    status: o.status,
    // a gate that could not run never blocks; nor does a failure that was there before the session
    blocking: o.status === 'error' || (o.read?.preexisting === true && !opts.config.stop.blockOnPreexisting) ? false : gate.blocking,
    durationMs,
    command: gate.command,
    // Summaries go to the ledger (committed): redacted before clipping, as a cut secret is no longer
    // recognisable. A cached result's summary is csm's own sentence (no project output), so the
    // first Stop of a turn skips the redaction rules.
    summary: cached ? o.output : clipLines(redact(o.output), SUMMARY_LIMITS),
    fingerprint,
    cached,
    ...(o.read ?? {}),
    ...(scope ? { scope } : {}),
  });
  const cachedPass = (fp: string): GateResult => result({ status: 'pass', output: `unchanged since it passed (${when(cache.gates[gate.name]?.passedAt)})` }, 0, fp, true);
  if (!needsRun(gate, full, cache, opts.force)) return cachedPass(full);
  const narrow = await narrowed(gate, ctx);
  const fingerprint = narrow ? fingerprintOf(changes.entries, changes.head, gate, `affected:${narrow.command}`) : full;
  if (narrow && !needsRun(gate, fingerprint, cache, opts.force)) return cachedPass(fingerprint);
  if (opts.trigger === 'stop' && !opts.force && failedUnchanged(gate, fingerprint, cache) && cache.failed[gate.name]?.timedOut) {
    return { ...result({ status: 'error', output: `timed out at ${when(cache.failed[gate.name]?.failedAt)} on these same files — not started again until they change (csm gates --force runs it)` }, 0, fingerprint, true), blocking: false };
  }
  const judged = opts.trigger === 'stop' || opts.trigger === 'after-stop';
  if (judged && !opts.force && failedUnchanged(gate, fingerprint, cache)) {
    // Nothing it depends on changed since it failed and was reported: not re-run, not blocking.
    return { ...result({ status: 'fail', output: `still failing, unchanged since ${when(cache.failed[gate.name]?.failedAt)} (csm gates shows the output)` }, 0, fingerprint, true), blocking: false };
  }
  const t0 = performance.now();
  if (isBuiltin(gate)) return result(await runBuiltin(gate, ctx.builtin), Math.round(performance.now() - t0), fingerprint);
  const timeoutMs = Math.min(gate.timeout * 1000, opts.budgetMs ?? Infinity);
  const baseline = (): Baselines => (ctx.baselines ??= ctx.loadBaselines?.() ?? {});
  if (opts.trigger === 'stop' && !opts.force && !gate.blocking && baseline()[gate.name]?.status === 'fail') {
    // advisory and failing since before the session: it cannot block, and would say so again at every Stop (a build can take a minute)
    return { ...result({ status: 'fail', output: 'failing since before this session (the baseline) — advisory, so it runs at task-done and complete, not on every Stop', read: { preexisting: true } }, 0, fingerprint, true), blocking: false };
  }
  // a test gate that failed at the baseline part-way (a chained script's failing step, a runner's
  // --bail) runs every step to the end, as it did there; see domain/gates/bail.ts
  const chain = chainOf(gate, ctx.facts);
  const toEnd = runGateToTheEnd(gate, ctx.facts);
  // the baselines are read only for a gate that may run differently because of them
  const was = opts.trigger !== 'baseline' && (chain || toEnd) ? baseline()[gate.name] : undefined;
  let everyStep = (chain !== null && was?.everyStep === true) || (toEnd !== null && was?.toTheEnd === true);
  let toTheEnd = toEnd !== null && was?.toTheEnd === true;
  const steps = narrow?.steps ?? (narrow ? [narrow.command] : ((toTheEnd ? toEnd : chain) ?? [gate.command as string]));
  const ended = toTheEnd ? steps.map((s) => runToTheEnd(s) ?? s) : steps;
  const command = everyStep ? everyStepCommand(ended) : (narrow?.command ?? (gate.command as string));
  let r = await runCommand(command, { cwd: opts.root, timeoutMs, localBins: narrow !== null || everyStep });
  if (opts.trigger === 'baseline' && (chain || toEnd) && r.exitCode !== 0 && !r.timedOut && !r.notFound) {
    // what failed stopped the rest: every step runs, to the end, so Stop can tell the failures
    // after it from the session's
    const every = everyStepCommand(toEnd ?? chain ?? []);
    const again = await runCommand(every, { cwd: opts.root, timeoutMs, localBins: true });
    if (!again.timedOut && !again.notFound && again.exitCode !== 0) {
      [r, everyStep, toTheEnd] = [{ ...again, durationMs: r.durationMs + again.durationMs }, true, toEnd !== null];
    }
  }
  const base = r.exitCode !== 0 && ctx.loadBaselines ? baseline()[gate.name] ?? null : null;
  const packages = (ctx.facts.workspaces ?? []).map((p) => p.dir);
  const ran = commandOutcome(gate, { ...r, output: redact(r.output) }, opts.root, base, packages, narrow?.renames);
  const note = toTheEnd
    ? 'its tests ran to the end (--bail off: a failure from before this session would stop the rest)'
    : 'every step of its script ran (one failed before this session and would stop the rest)';
  const o = everyStep && ran.status !== 'pass' ? { ...ran, output: `${note}\n${ran.output}` } : ran;
  const done = (x: GateResult): GateResult => ({
    ...x,
    ...(everyStep ? { everyStep: true } : {}),
    ...(toTheEnd ? { toTheEnd: true } : {}),
  });
  if (!narrow) return done(result(o, r.durationMs, fingerprint));
  const said = o.status === 'pass' ? `${o.output} — the affected tests (${narrow.scope}); task-done and complete run them all` : `scope: the affected tests (${narrow.scope})\n${o.output}`;
  return done(result({ ...o, output: said }, r.durationMs, fingerprint, false, 'affected'));
}

/**
 * Runs the gates that apply to `trigger` in parallel, each with its own time limit; a gate whose
 * fingerprint equals the one it last passed with is reported as a cached pass without running.
 * Records the results as a 'gate.run' event.
 */
export async function runGates(opts: RunGatesOptions): Promise<RunGatesResult> {
  const { facts, gates: all } = await projectGates(opts.store.paths, opts.config);
  const gates = gatesFor(all, opts.trigger, opts.only);
  const unknown = (opts.only ?? []).filter((n) => !all.some((g) => g.name === n)).map((n) => unknownGate(n, all));
  const changes = opts.changes ?? (await changedFiles(opts.root));
  const base = opts.state?.baseCommit ?? opts.base ?? changes.head;
  const sid = opts.sessionId;
  const loadBaselineRun = opts.baselines ?? (sid && opts.trigger !== 'baseline' ? () => loadBaselines(opts.store, sid) : null);
  const ctx: RunContext = { opts, changes, cache: readGateCache(opts.store.paths), builtin: { root: opts.root, base, config: opts.config }, facts, loadBaselines: loadBaselineRun };
  const judged = opts.trigger === 'stop' || opts.trigger === 'after-stop';
  const untrusted = judged ? await untrustedGates(opts.store.paths, gates) : new Set<string>();
  opts.progress?.start(gates);
  const outcomes = await inBuildOrder(gates, facts, MAX_PARALLEL, async (g) => {
    const r = untrusted.has(g.name) ? notTrusted(g) : await runOne(g, ctx);
    opts.progress?.done(r);
    return r;
  });
  // at the baseline, every failure is one the session found: named so in status, context and reports
  const ran = opts.trigger === 'baseline' ? outcomes.map((r) => (r.status === 'fail' ? { ...r, preexisting: true } : r)) : outcomes;
  const results = [...ran, ...unknown];
  const save = (): Promise<void> => saveRun(opts.store, opts.sessionId, opts.trigger, opts.now(), ran, results);
  if (!opts.deferSave) await save();
  const later = opts.trigger === 'stop' ? gatesFor(all, 'after-stop').length : 0;
  return { results, ranAny: results.some((r) => !r.cached && r.status !== 'skipped'), gates, later, save };
}
