import type { RunResult } from '../../contracts/run-result.ts';
import type { AffectedRun, CheckOutcome, GateDef } from './gate-def.ts';
import type { ParsedRun } from '../runners/failure.ts';
import { readOutput, type OutputReading } from '../runners/parse-output.ts';
import { type AgainstBaseline, againstBaseline, type BaselineGate } from './baseline.ts';
import { failureSignature } from '../runners/failure-signature.ts';
import { failedStepIndexes, failedStepLines, stepCount } from '../runners/fallback.ts';
import { renderReading } from '../runners/render-failures.ts';
import { excerpt } from './output-excerpt.ts';
import { MISSING_PROGRAM, programOf } from './missing-program.ts';

/** Shells exit 128+N when the command died of signal N: ILL, ABRT, BUS, FPE, KILL, SEGV, INT, TERM. */
const SIGNAL_EXITS = new Set([132, 134, 135, 136, 137, 139, 130, 143]);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** How the project runs a package's binary, from how its check is run. */
export const execOf = (command: string | null): string =>
  /^\s*pnpm\b/.test(command ?? '')
    ? 'pnpm exec'
    : /^\s*yarn\b/.test(command ?? '')
      ? 'yarn'
      : /^\s*bunx?\b/.test(command ?? '')
        ? 'bunx'
        : 'npx';

const SEP = ' › ';
const MISSING_FIX = 'install it, or set this gate in .claude/csm.json';

/** A run's failures under the names the whole run gives them (see AffectedRun.renames). */
function renamed(run: ParsedRun, renames: NonNullable<AffectedRun['renames']>): ParsedRun {
  const rename = (id: string): string => {
    const hit = renames.find((x) => x.from === '' || id.startsWith(`${x.from}${SEP}`));
    if (!hit) return id;
    const title = hit.from === '' ? id : id.slice(hit.from.length + SEP.length);
    return hit.to === '' ? title : `${hit.to}${SEP}${title}`;
  };
  return { ...run, failures: run.failures.map((f) => ({ ...f, id: rename(f.id) })) };
}

/** A failed run: what each runner in the output says failed (or its failing lines), and the failures for the ledger. */
/** The reading with only the failures in `keep` (the new ones), each runner's totals kept. */
const only = (reading: OutputReading, keep: ReadonlySet<string>): OutputReading => ({
  ...reading,
  runs: reading.runs
    .map((x) => ({ ...x, failures: x.failures.filter((f) => keep.has(f.id)) }))
    .filter((x) => x.failures.length > 0),
});

function failed(
  gate: GateDef,
  r: RunResult,
  root: string | undefined,
  base: BaselineGate | null,
  packages: readonly string[],
  renames: AffectedRun['renames'],
): CheckOutcome {
  const read = readOutput(r.output, gate.command, root);
  const reading = renames ? { ...read, runs: read.runs.map((x) => renamed(x, renames)) } : read;
  const parsed = reading.runs.length > 0;
  const ids = parsed ? reading.runs.flatMap((x) => x.failures.map((f) => f.id)) : null;
  const signature = parsed ? null : failureSignature(reading.text);
  const count = parsed
    ? reading.runs.reduce((n, x) => n + (x.totals?.failed || x.failures.length), 0)
    : (signature?.failed ?? null);
  const steps = failedStepIndexes(reading.text);
  const chain = stepCount(reading.text);
  const vs = againstBaseline(base, { ids, failed: count, lines: signature?.lines ?? null, steps, stepCount: chain });
  const text = explain(gate, reading, base, vs, packages);
  const marks = {
    ...(vs.preexisting ? { preexisting: true } : {}),
    ...(base?.status === 'fail' && vs.newIds ? { newFailures: vs.newIds.length } : {}),
    ...(vs.newLines && vs.newLines.length > 0 ? { newFailures: vs.newLines.length } : {}),
    ...(vs.undecided ? { undecided: true } : {}),
    ...(steps ? { failedSteps: steps } : {}),
    ...(chain !== null ? { stepCount: chain } : {}),
    ...(vs.newSteps ? { newFailures: vs.newSteps.length } : {}),
  };
  if (!parsed)
    return {
      status: 'fail',
      output: text || `exit ${r.exitCode} with no output`,
      read: { ...marks, ...(signature ? { signature } : {}) },
    };
  const failures = reading.runs
    .flatMap((x) => x.failures)
    .slice(0, 50)
    .map((f) => ({ id: f.id, location: f.location }));
  const totals = reading.runs.reduce<{ failed: number; total: number | null; unit: string } | undefined>((acc, x) => {
    const t = x.totals ?? { failed: x.failures.length, total: null, unit: 'failures' };
    if (!acc) return { ...t, failed: t.failed || x.failures.length };
    return {
      failed: acc.failed + (t.failed || x.failures.length),
      total: acc.total !== null && t.total !== null ? acc.total + t.total : null,
      unit: acc.unit === t.unit ? acc.unit : 'failures',
    };
  }, undefined);
  return {
    status: 'fail',
    output: text,
    read: { failures, ...(totals ? { totals } : {}), runners: reading.runs.map((x) => x.runner), ...marks },
  };
}

/** The first line of a failing gate's reason, against the baseline. */
const AGAINST = {
  preexisting: 'failing since before this session (the baseline csm start recorded) — no failure is new:',
  newIds: (n: number, had: string): string => `${n} failure${n === 1 ? ' is' : 's are'} new this session (${had}):`,
  newLines: (n: number, had: string): string =>
    `failing since before this session, and ${n} failing line${n === 1 ? ' is' : 's are'} new this session ` +
    `(${had}; csm reads this output line by line):`,
  newSteps: (steps: readonly number[], had: string): string => {
    const which = steps.length === 1 ? 'a step' : `${steps.length} steps`;
    const verb = steps.length === 1 ? 'fails' : 'fail';
    const places = steps.map((i) => i + 1).join(', ');
    const said = `${which} of its script that passed then ${verb} now (step ${places})`;
    return `failing since before this session (${had}), and ${said}:`;
  },
  undecided:
    'failing since before this session, and csm cannot tell from the output whether a failure is new — ' +
    'it names no test and gives no count; blocking until it passes or you confirm:',
};

/** What the reason says of a failing run against the baseline. */
function explain(
  gate: GateDef,
  reading: OutputReading,
  base: BaselineGate | null,
  vs: AgainstBaseline,
  packages: readonly string[],
): string {
  const render = (rd: OutputReading): string =>
    renderReading(rd, { maxFailures: 5, maxChars: 1800, exec: execOf(gate.command), command: gate.command, packages });
  const had = base?.failed ? `${base.failed} failed before it` : 'it failed before it too, on something else';
  if (vs.preexisting) return `${AGAINST.preexisting}\n${render(reading)}`;
  if (vs.newSteps && vs.newSteps.length > 0) {
    // the new failures as a runner names them; else the new steps' own lines (what failed before,
    // rendered otherwise, is not what Claude must fix)
    if (vs.newIds && vs.newIds.length > 0) {
      return `${AGAINST.newSteps(vs.newSteps, had)}\n${render(only(reading, new Set(vs.newIds)))}`;
    }
    const shown = failedStepLines(reading.text, 12, vs.newSteps) ?? [];
    return [AGAINST.newSteps(vs.newSteps, had), ...shown.map((l) => `  ${l}`)].join('\n');
  }
  if (base?.status === 'fail' && vs.newIds && vs.newIds.length > 0) {
    return `${AGAINST.newIds(vs.newIds.length, had)}\n${render(only(reading, new Set(vs.newIds)))}`;
  }
  if (vs.newLines && vs.newLines.length > 0) {
    const shown = vs.newLines.slice(0, 8).map((l) => `  ${l}`);
    const more = vs.newLines.length > 8 ? [`  … and ${vs.newLines.length - 8} more`] : [];
    return [AGAINST.newLines(vs.newLines.length, had), ...shown, ...more, render(reading)].join('\n');
  }
  if (vs.undecided) return `${AGAINST.undecided}\n${render(reading)}`;
  return render(reading);
}

/**
 * A command's run as a gate status: a gate that could not run is an error, never a failure. Paths under `root` are
 * shown relative.
 */
export function commandOutcome(
  gate: GateDef,
  r: RunResult,
  root?: string,
  base: BaselineGate | null = null,
  /** The workspace's package folders (a re-run starts in the package's). */
  packages: readonly string[] = [],
  /** A narrowed run's test names, as the whole run (and so the baseline) has them. */
  renames?: AffectedRun['renames'],
): CheckOutcome {
  const tail = (maxLines: number, maxChars: number): string => excerpt(r.output, { maxLines, maxChars });
  if (r.timedOut)
    return {
      status: 'error',
      output: `timed out after ${seconds(r.durationMs)} (limit ${gate.timeout} s)\n${tail(5, 500)}`,
    };
  if (r.notFound || (r.exitCode !== 0 && MISSING_PROGRAM.test(r.output)))
    return {
      status: 'error',
      output: `command not found: ${programOf(r.output) ?? gate.command} — ${MISSING_FIX}\n${tail(3, 300)}`,
    };
  if (r.signal || (r.exitCode !== null && SIGNAL_EXITS.has(r.exitCode))) {
    return {
      status: 'error',
      output: `crashed (${r.signal ?? `exit ${r.exitCode}`})\n${excerpt(r.output, { maxLines: 5, maxChars: 500 })}`,
    };
  }
  if (r.exitCode === 126) return { status: 'error', output: `not executable: ${gate.command}` };
  if (r.exitCode !== 0) return failed(gate, r, root, base, packages, renames);
  if (gate.maxMs !== null && r.durationMs > gate.maxMs)
    return { status: 'fail', output: `took ${r.durationMs} ms, limit ${gate.maxMs} ms` };
  return { status: 'pass', output: `passed in ${seconds(r.durationMs)}` };
}
