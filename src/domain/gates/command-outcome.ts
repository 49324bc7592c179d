import type { RunResult } from '../../contracts/run-result.ts';
import type { CheckOutcome, GateDef } from './gate-def.ts';
import { excerpt } from './output-excerpt.ts';

/** Shells exit 128+N when the command died of signal N: ILL, ABRT, BUS, FPE, KILL, SEGV, INT, TERM. */
const SIGNAL_EXITS = new Set([132, 134, 135, 136, 137, 139, 130, 143]);

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
