import path from 'node:path';
import type { CsmConfig } from '../contracts/config.ts';
import type { GateResult } from '../contracts/events.ts';
import { readProjectFacts } from '../adapters/gates/project-facts.ts';
import { changedFiles, type ChangedFiles } from '../adapters/git/changed-files.ts';
import { diffSince, numstatSince } from '../adapters/git/git-fast.ts';
import { runCommand, runParallel, type RunResult } from '../adapters/process/run-command.ts';
import { readTextIfExists } from '../adapters/store/atomic-file.ts';
import type { SessionStore } from '../adapters/store/session-store.ts';
import { consoleCheck } from '../domain/gates/console-check.ts';
import { detectGates, gatesFor } from '../domain/gates/detect-gates.ts';
import { docsCheck } from '../domain/gates/docs-check.ts';
import { failedUnchanged, fingerprintOf, needsRun, parseCache, updateCache, type GateCache } from '../domain/gates/fingerprint.ts';
import type { CheckOutcome, GateDef } from '../domain/gates/gate-def.ts';
import { clipLines, excerpt } from '../domain/gates/output-excerpt.ts';
import type { SessionState } from '../domain/tasks/session-state.ts';
import { redact } from '../domain/redact.ts';

export type GateTrigger = 'stop' | 'task-done' | 'complete' | 'manual';

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
}

export interface RunGatesResult {
  results: GateResult[];
  /** False when every gate was cached or skipped. */
  ranAny: boolean;
  gates: GateDef[];
}

const CACHE_FILE = 'gate-cache.json';
const MAX_PARALLEL = 8;
/** Shells exit 128+N when the command died of signal N: ILL, ABRT, BUS, FPE, KILL, SEGV, INT, TERM. */
const SIGNAL_EXITS = new Set([132, 134, 135, 136, 137, 139, 130, 143]);

/** Summaries go to the ledger (committed): this is the one place they pass through, redacted. */
const redactText = (text: string): string => redact(text);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A command's run as a gate status: a gate that could not run is an error, never a failure. */
export function commandOutcome(gate: GateDef, r: RunResult): CheckOutcome {
  if (r.timedOut) return { status: 'error', output: `timed out after ${seconds(r.durationMs)} (limit ${gate.timeout} s)\n${excerpt(r.output, { maxLines: 5, maxChars: 500 })}` };
  if (r.notFound) return { status: 'error', output: `command not found: ${gate.command} — install the tool, or set this gate in .claude/csm.json\n${excerpt(r.output, { maxLines: 3, maxChars: 300 })}` };
  if (r.signal || (r.exitCode !== null && SIGNAL_EXITS.has(r.exitCode))) {
    return { status: 'error', output: `crashed (${r.signal ?? `exit ${r.exitCode}`})\n${excerpt(r.output, { maxLines: 5, maxChars: 500 })}` };
  }
  if (r.exitCode === 126) return { status: 'error', output: `not executable: ${gate.command}` };
  if (r.exitCode !== 0) return { status: 'fail', output: excerpt(r.output) || `exit ${r.exitCode} with no output` };
  if (gate.maxMs !== null && r.durationMs > gate.maxMs) return { status: 'fail', output: `took ${r.durationMs} ms, limit ${gate.maxMs} ms` };
  return { status: 'pass', output: `passed in ${seconds(r.durationMs)}` };
}

interface RunContext {
  opts: RunGatesOptions;
  changes: ChangedFiles;
  cache: GateCache;
  base: string | null;
}

function builtinCheck(gate: GateDef, ctx: RunContext): Promise<CheckOutcome> {
  const { root, config } = ctx.opts;
  if (gate.kind === 'console') return diffSince(root, ctx.base).then((d) => consoleCheck(d, config.consoleCheck.patterns));
  return numstatSince(root, ctx.base).then((rows) => docsCheck(rows.map((r) => r.path)));
}

/** A time from the gate cache, shown only if it is one (the cached summary is not redacted). */
const when = (t: string | undefined): string => (t !== undefined && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(t) ? t : '?');

async function runOne(gate: GateDef, ctx: RunContext): Promise<GateResult> {
  const { opts, changes, cache } = ctx;
  const builtin = gate.command === null;
  const salt = builtin ? `base:${ctx.base ?? '-'}|${gate.kind === 'console' ? opts.config.consoleCheck.patterns.join('\n') : ''}` : '';
  const fingerprint = fingerprintOf(changes.entries, changes.head, gate, salt);
  const result = (o: CheckOutcome, durationMs: number, cached = false): GateResult => ({
    name: gate.name,
    status: o.status,
    blocking: o.status === 'error' ? false : gate.blocking,
    durationMs,
    command: gate.command,
    // redact before clipping: a cut secret is no longer recognisable. A cached result's summary
    // is csm's own sentence (no project output), so the first Stop of a turn skips the redaction rules.
    summary: cached ? o.output : clipLines(redactText(o.output)),
    fingerprint,
    cached,
  });
  if (!needsRun(gate, fingerprint, cache, opts.force)) {
    return result({ status: 'pass', output: `unchanged since it passed (${when(cache.gates[gate.name]?.passedAt)})` }, 0, true);
  }
  if (opts.trigger === 'stop' && !opts.force && failedUnchanged(gate, fingerprint, cache)) {
    // Nothing it depends on changed since it failed and was reported: not re-run, not blocking.
    return { ...result({ status: 'fail', output: `still failing, unchanged since ${when(cache.failed[gate.name]?.failedAt)} (csm gates shows the output)` }, 0, true), blocking: false };
  }
  const t0 = performance.now();
  if (builtin) {
    const o = await builtinCheck(gate, ctx).catch((e: unknown): CheckOutcome => ({ status: 'error', output: `could not check: ${(e as Error).message}` }));
    return result(o, Math.round(performance.now() - t0));
  }
  const timeoutMs = Math.min(gate.timeout * 1000, opts.budgetMs ?? Infinity);
  const r = await runCommand(gate.command as string, { cwd: opts.root, timeoutMs });
  return result(commandOutcome(gate, { ...r, output: redactText(r.output) }), r.durationMs);
}

function readCache(file: string): GateCache {
  try {
    return parseCache(readTextIfExists(file));
  } catch {
    return parseCache(null);
  }
}

/** Best effort: a cache that cannot be written only costs a re-run next time. */
async function saveCache(store: SessionStore, file: string, results: readonly GateResult[], at: string): Promise<void> {
  if (results.every((r) => r.cached)) return;
  try {
    await store.locked(() => store.writeLocal(file, `${JSON.stringify(updateCache(readCache(file), results, at), null, 2)}\n`));
  } catch {
    // ignored on purpose
  }
}

const unknownGate = (name: string, known: readonly GateDef[]): GateResult => ({
  name,
  status: 'skipped',
  blocking: false,
  durationMs: 0,
  command: null,
  summary: `no gate named ${name} (known: ${known.map((g) => g.name).join(', ') || 'none'})`,
  fingerprint: null,
  cached: false,
});

/**
 * Runs the gates that apply to `trigger` in parallel, each with its own time limit; a gate whose
 * fingerprint equals the one it last passed with is reported as a cached pass without running.
 * Records the results as a 'gate.run' event.
 */
export async function runGates(opts: RunGatesOptions): Promise<RunGatesResult> {
  const all = detectGates(readProjectFacts(opts.root), opts.config);
  const gates = gatesFor(all, opts.trigger, opts.only);
  const unknown = (opts.only ?? []).filter((n) => !all.some((g) => g.name === n)).map((n) => unknownGate(n, all));
  const cacheFile = path.join(opts.store.paths.local, CACHE_FILE);
  const changes = opts.changes ?? (await changedFiles(opts.root));
  const ctx: RunContext = { opts, changes, cache: readCache(cacheFile), base: opts.state?.baseCommit ?? opts.base ?? changes.head };
  const ran = await runParallel(gates.map((g) => () => runOne(g, ctx)), MAX_PARALLEL);
  const results = [...ran, ...unknown];
  await saveCache(opts.store, cacheFile, ran, opts.now().toISOString());
  // A run where every gate was a cached pass adds no fact: the pass it repeats is already in the ledger.
  const news = results.some((r) => !r.cached);
  if (opts.sessionId && results.length > 0 && (news || opts.trigger !== 'stop')) {
    await opts.store.append(opts.sessionId, [{ type: 'gate.run', trigger: opts.trigger, results }]);
  }
  return { results, ranAny: results.some((r) => !r.cached && r.status !== 'skipped'), gates };
}
