import type { RunResult } from '../../contracts/run-result.ts';
import type { CheckOutcome, GateDef } from './gate-def.ts';
import { readOutput, type OutputReading } from '../runners/parse-output.ts';
import { againstBaseline, type BaselineGate } from './baseline.ts';
import { renderReading } from '../runners/render-failures.ts';
import { excerpt } from './output-excerpt.ts';

/** Shells exit 128+N when the command died of signal N: ILL, ABRT, BUS, FPE, KILL, SEGV, INT, TERM. */
const SIGNAL_EXITS = new Set([132, 134, 135, 136, 137, 139, 130, 143]);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** How the project runs a package's binary, from how its check is run. */
export const execOf = (command: string | null): string =>
  /^\s*pnpm\b/.test(command ?? '') ? 'pnpm exec' : /^\s*yarn\b/.test(command ?? '') ? 'yarn' : /^\s*bunx?\b/.test(command ?? '') ? 'bunx' : 'npx';

/** The program the shell could not find (`sh: 1: ruff: not found`, `ruff: command not found`), when it says. */
function programOf(output: string): string | null {
  const m = /(?:^|\n)(?:\S*sh: (?:\d+: |line \d+: )?)?([\w@./+-]+): (?:command )?not found/.exec(output);
  return m?.[1] ?? null;
}

/** A failed run: what each runner in the output says failed (or its failing lines), and the failures for the ledger. */
/** The reading with only the failures in `keep` (the new ones), each runner's totals kept. */
const only = (reading: OutputReading, keep: ReadonlySet<string>): OutputReading => ({
  ...reading,
  runs: reading.runs.map((x) => ({ ...x, failures: x.failures.filter((f) => keep.has(f.id)) })).filter((x) => x.failures.length > 0),
});

function failed(gate: GateDef, r: RunResult, root: string | undefined, base: BaselineGate | null): CheckOutcome {
  const reading = readOutput(r.output, gate.command, root);
  const ids = reading.runs.length ? reading.runs.flatMap((x) => x.failures.map((f) => f.id)) : null;
  const count = reading.runs.length ? reading.runs.reduce((n, x) => n + (x.totals?.failed || x.failures.length), 0) : null;
  const vs = againstBaseline(base, ids, count);
  const render = (rd: OutputReading): string => renderReading(rd, { maxFailures: 5, maxChars: 1800, exec: execOf(gate.command), command: gate.command });
  const before = base?.status === 'fail';
  const text = vs.preexisting
    ? `failing since before this session (the baseline csm start recorded) — no failure is new:\n${render(reading)}`
    : before && vs.newIds && vs.newIds.length > 0
      ? `${vs.newIds.length} failure${vs.newIds.length === 1 ? ' is' : 's are'} new this session (${base?.failed != null ? `${base.failed} failed before it` : 'it failed before it too, on something else'}):\n${render(only(reading, new Set(vs.newIds)))}`
      : render(reading);
  const marks = { ...(vs.preexisting ? { preexisting: true } : {}), ...(before && vs.newIds ? { newFailures: vs.newIds.length } : {}) };
  if (reading.runs.length === 0) return { status: 'fail', output: text || `exit ${r.exitCode} with no output`, ...(vs.preexisting ? { read: marks } : {}) };
  const failures = reading.runs.flatMap((x) => x.failures).slice(0, 50).map((f) => ({ id: f.id, location: f.location }));
  const totals = reading.runs.reduce<{ failed: number; total: number | null; unit: string } | undefined>((acc, x) => {
    const t = x.totals ?? { failed: x.failures.length, total: null, unit: 'failures' };
    if (!acc) return { ...t, failed: t.failed || x.failures.length };
    return { failed: acc.failed + (t.failed || x.failures.length), total: acc.total !== null && t.total !== null ? acc.total + t.total : null, unit: acc.unit === t.unit ? acc.unit : 'failures' };
  }, undefined);
  return { status: 'fail', output: text, read: { failures, ...(totals ? { totals } : {}), runners: reading.runs.map((x) => x.runner), ...marks } };
}

/** A command's run as a gate status: a gate that could not run is an error, never a failure. Paths under `root` are shown relative. */
export function commandOutcome(gate: GateDef, r: RunResult, root?: string, base: BaselineGate | null = null): CheckOutcome {
  if (r.timedOut) return { status: 'error', output: `timed out after ${seconds(r.durationMs)} (limit ${gate.timeout} s)\n${excerpt(r.output, { maxLines: 5, maxChars: 500 })}` };
  if (r.notFound) return { status: 'error', output: `command not found: ${programOf(r.output) ?? gate.command} — install it, or set this gate in .claude/csm.json\n${excerpt(r.output, { maxLines: 3, maxChars: 300 })}` };
  if (r.signal || (r.exitCode !== null && SIGNAL_EXITS.has(r.exitCode))) {
    return { status: 'error', output: `crashed (${r.signal ?? `exit ${r.exitCode}`})\n${excerpt(r.output, { maxLines: 5, maxChars: 500 })}` };
  }
  if (r.exitCode === 126) return { status: 'error', output: `not executable: ${gate.command}` };
  if (r.exitCode !== 0) return failed(gate, r, root, base);
  if (gate.maxMs !== null && r.durationMs > gate.maxMs) return { status: 'fail', output: `took ${r.durationMs} ms, limit ${gate.maxMs} ms` };
  return { status: 'pass', output: `passed in ${seconds(r.durationMs)}` };
}
