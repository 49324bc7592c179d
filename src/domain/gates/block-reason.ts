import type { GateResult } from '../../contracts/events.ts';
import { rerunCommand } from './gate-def.ts';
import { clipLines } from './output-excerpt.ts';
import { msg } from '../../messages/index.ts';
import { quoteOutput } from '../reports/as-data.ts';

export const BLOCK_REASON_MAX_CHARS = 3800;

export interface BlockContext {
  /** This block's number in a row for the Claude session (1 = first). */
  attempt: number;
  cap: number;
}

/** The failed gates that stop Claude: blocking, status fail. Errors (could not run) never block. */
export const blockingFailures = (results: readonly GateResult[]): GateResult[] =>
  results.filter((r) => r.status === 'fail' && r.blocking);

/**
 * Stop's block reason, written for Claude: which gate failed, the first relevant lines of its
 * output (file:line where the tool gives it) and the command that re-runs it.
 */
export function blockReason(failed: readonly GateResult[], ctx?: BlockContext): string {
  if (failed.length === 0) return '';
  const names = failed.map((r) => r.name).join(', ');
  const head = msg.gatesFailed(failed.length, names);
  const perGate = Math.max(300, Math.floor((BLOCK_REASON_MAX_CHARS - head.length - 200) / failed.length) - 80);
  const parts = failed.map((r) => {
    // the project's output, quoted: nothing in it reaches Claude as the host's markup or a turn
    const lines = clipLines(quoteOutput(r.summary), { maxLines: 40, maxChars: Math.min(2000, perGate) });
    const body = lines ? `\n${lines.replace(/^/gm, '  ')}` : '';
    return `✗ ${r.name} — re-run: ${rerunCommand(r)}${body}`;
  });
  const tail = ctx
    ? [`(block ${ctx.attempt} of ${ctx.cap}; after ${ctx.cap} csm lets Claude stop and records the failure)`]
    : [];
  return [head, ...parts, ...tail].join('\n');
}
