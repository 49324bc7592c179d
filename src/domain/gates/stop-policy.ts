import type { GateResult } from '../../contracts/events.ts';
import { blockingFailures, blockReason } from './block-reason.ts';
import { clipLines } from './output-excerpt.ts';
import { msg } from '../../messages/index.ts';

/** What the Stop hook knows before running any gate. */
export interface StopPreflightInput {
  /** config.stop.enabled */
  stopEnabled: boolean;
  sessionActive: boolean;
  /** stop_hook_active: Claude is already continuing because of a Stop block. */
  stopHookActive: boolean;
  /** agent_id: the event comes from a subagent. */
  agentId: string | null;
  backgroundTasks: number;
}

export interface StopCounters {
  /** Blocks issued in a row for this Claude session (reset by a pass or a release). */
  consecutiveBlocks: number;
  blockCap: number;
}

export interface StopInput extends StopPreflightInput, StopCounters {
  gateOutcome?: { results: readonly GateResult[] } | null;
}

export type SkipReason = 'stop-disabled' | 'no-session' | 'stop-hook-active' | 'subagent' | 'background-tasks';

export type Preflight = { action: 'skip'; reason: SkipReason } | { action: 'run-gates' };

export type StopDecision =
  | { action: 'skip'; reason: SkipReason }
  | { action: 'run-gates' }
  | { action: 'block'; reason: string; systemMessage: string; failed: string[]; consecutiveBlocks: number }
  | {
      action: 'allow';
      why: 'passed' | 'cap-reached';
      systemMessage: string | null;
      consecutiveBlocks: number;
      /** Set when the cap let Stop through: the caller writes an errors.md entry from it. */
      recordError: { gates: string[]; summary: string } | null;
    };

/**
 * The cases where Stop is never judged: nothing is run, counters are left as they are. (CSM_DISABLE=1 never gets
 * here: the hook runtime answers before any hook's code runs.)
 */
export function preflight(i: StopPreflightInput): Preflight {
  const skip = (reason: SkipReason): Preflight => ({ action: 'skip', reason });
  if (!i.stopEnabled) return skip('stop-disabled');
  if (!i.sessionActive) return skip('no-session');
  if (i.stopHookActive) return skip('stop-hook-active');
  if (i.agentId) return skip('subagent');
  if (i.backgroundTasks > 0) return skip('background-tasks');
  return { action: 'run-gates' };
}

/** One line for gates that could not run and advisory failures; they never block. */
function notes(results: readonly GateResult[]): string | null {
  const errors = results
    .filter((r) => r.status === 'error')
    .map((r) => `${r.name} (${r.summary.split('\n')[0] ?? ''})`);
  const before = results.filter((r) => r.status === 'fail' && r.preexisting && !r.cached).map((r) => r.name);
  const advisory = results
    .filter((r) => r.status === 'fail' && !r.blocking && !r.cached && !r.preexisting)
    .map((r) => r.name);
  const unchanged = results.filter((r) => r.status === 'fail' && r.cached && !r.preexisting).map((r) => r.name);
  // advisory, failing at the baseline: not run on Stop
  const later = results.filter((r) => r.status === 'fail' && r.cached && r.preexisting).map((r) => r.name);
  const untrusted = results
    .filter((r) => r.status === 'skipped' && r.untrusted)
    .map((r) => `${r.name} (${r.untrusted?.join('; ')})`);
  const parts: string[] = [];
  if (untrusted.length > 0) {
    const list = untrusted.join(', ');
    const how = 'csm gates --trust runs it from now on';
    parts.push(`not run, what it runs changed since it was accepted: ${list} — ${how}`);
  }
  if (before.length > 0)
    parts.push(`${before.join(', ')} failing since before this session, nothing new — not blocking`);
  if (later.length > 0)
    parts.push(`${later.join(', ')} failing since before this session — advisory, run at task-done and complete`);
  if (unchanged.length > 0)
    parts.push(
      `${unchanged.join(', ')} still failing, unchanged since reported — not blocking a turn that changed nothing`,
    );
  if (errors.length > 0) parts.push(`could not run ${errors.join(', ')} — not blocking`);
  if (advisory.length > 0)
    parts.push(`advisory gate${advisory.length > 1 ? 's' : ''} failed: ${advisory.join(', ')} (csm gates shows why)`);
  return parts.length > 0 ? msg.stopNote(parts) : null;
}

/** After the gates ran: block on a blocking failure, until the cap of blocks in a row. */
export function afterGates(results: readonly GateResult[], c: StopCounters): StopDecision {
  const failed = blockingFailures(results);
  const note = notes(results);
  if (failed.length === 0)
    return { action: 'allow', why: 'passed', systemMessage: note, consecutiveBlocks: 0, recordError: null };
  const names = failed.map((r) => r.name);
  if (c.consecutiveBlocks >= c.blockCap) {
    const released = msg.blockCapReached(names.join(', '), c.blockCap);
    const summary = clipLines(failed.map((r) => `${r.name}: ${r.summary}`).join('\n'), { maxLines: 12, maxChars: 800 });
    return {
      action: 'allow',
      why: 'cap-reached',
      systemMessage: released,
      consecutiveBlocks: 0,
      recordError: { gates: names, summary },
    };
  }
  const attempt = c.consecutiveBlocks + 1;
  return {
    action: 'block',
    reason: blockReason(failed, { attempt, cap: c.blockCap }),
    systemMessage: msg.stopBlocked(names.join(', '), attempt, c.blockCap),
    failed: names,
    consecutiveBlocks: attempt,
  };
}

/** The whole Stop decision: preflight, then (once the caller ran the gates) the verdict. */
export function decideStop(input: StopInput): StopDecision {
  const pre = preflight(input);
  if (pre.action === 'skip') return pre;
  if (!input.gateOutcome) return { action: 'run-gates' };
  return afterGates(input.gateOutcome.results, input);
}
