import type { CsmConfig } from '../../contracts/config.ts';
import type { GateResult, NewEvent } from '../../contracts/events.ts';
import { numstatSince } from '../../adapters/git/since-start.ts';
import { redact } from '../../domain/redact.ts';
import type { SessionStore } from './session-store.ts';
import { performanceRecord, type PerformanceRecord, type ReportData } from '../../domain/reports/report-data.ts';
import { formatSessionId } from '../../kernel/ids.ts';

import { errorMessage } from '../../errors.ts';
import { requireActive } from './open-store.ts';
import { writePlanDocs } from './session-docs.ts';
import { type NowInput, writeReports } from '../reports/write-reports.ts';
import { completionGates, hasRecord, learn, previousRun, recordHistory, refuseOpenTasks } from './complete-steps.ts';

export interface CompleteOptions {
  /** Run the gates that apply on complete first (their run goes to the ledger and the reports). */
  runGates: boolean;
  /** Completed by the Stop hook (`"autoComplete": true`), not by a person. */
  auto: boolean;
  /** Complete even with a task still in progress (the review says which). */
  force?: boolean;
  now: NowInput;
}

export interface CompleteResult {
  session: string;
  /** The session was completed before: reports and plan docs were rewritten, nothing else. */
  alreadyCompleted: boolean;
  /** It was completed by a run that stopped before the end: this run finished what was missing. */
  resumed: boolean;
  gates: GateResult[] | null;
  data: ReportData;
  files: { completed: string; review: string };
  /** The line appended to the metrics history, or null when the session already had one. */
  record: PerformanceRecord | null;
  memory: { errors: number; decisions: number };
  /** Steps that failed without stopping the completion (each names what to do). */
  warnings: string[];
}

/**
 * `csm complete`: gates (trigger 'complete'), the session.completed event, final reports (the
 * same body as the last interim write on the same ledger), memory (errors fixed, decisions), plan
 * docs with the post-session ticks, one line of metrics history, and the active pointer cleared.
 * Every step after the event can run again from the ledger, and the history line is written last
 * but one: a completion interrupted anywhere (no history line yet) is finished by the next run,
 * each memory entry and the history line present once. Completing a finished session rewrites
 * its reports.
 */
export async function completeSession(
  store: SessionStore,
  config: CsmConfig,
  sessionId: string,
  opts: CompleteOptions,
): Promise<CompleteResult> {
  const id = formatSessionId(Number(sessionId));
  const warnings: string[] = [];
  const before = store.load(id).state;
  const alreadyCompleted = before.status === 'completed';
  const resumed = alreadyCompleted && !hasRecord(store, id);
  const open = refuseOpenTasks(before, alreadyCompleted, opts);
  const gates = alreadyCompleted || !opts.runGates ? null : await completionGates(store, config, before, warnings);
  if (!alreadyCompleted) {
    const rows = await numstatSince(store.root, before.baseCommit, before.baseTree);
    const files = rows.map((r) => ({ ...r, path: redact(r.path) }));
    const forced = open.length ? { forced: true } : {};
    const done: NewEvent = { type: 'session.completed', auto: opts.auto, ...forced, files };
    await store.mutate(id, (s) => ({ events: s.status === 'completed' ? [] : [done], result: null }));
  } else {
    await store.refresh(id); // tasks.json level with the ledger, should a run before have stopped between the two
  }
  const written = await writeReports(store, config, id, { final: true, now: opts.now });
  const { state, data } = written;

  const memory =
    !alreadyCompleted || resumed ? await learn(store, config, state, warnings) : { errors: 0, decisions: 0 };

  try {
    await writePlanDocs(store, state, { previousRun: previousRun(store, id) });
  } catch (e) {
    warnings.push(`plan.md and tests.md were not refreshed (${errorMessage(e)})`);
  }

  const record = hasRecord(store, id)
    ? null
    : await recordHistory(store, performanceRecord(data, state.completedAt), warnings);
  if (store.activeSessionId() === id) await store.setActive(null);
  return { session: id, alreadyCompleted, resumed, gates, data, files: written.files, record, memory, warnings };
}

/**
 * The session `csm complete` means when none is named: the active one, else the newest session
 * when its completion was interrupted (completed in its ledger, no metrics-history line yet).
 */
export function sessionToComplete(store: SessionStore): string {
  const active = store.activeSessionId();
  if (active) return active;
  const last = store.listSessionIds().pop();
  if (last && !hasRecord(store, last) && completedInLedger(store, last)) return last;
  return requireActive(store);
}

function completedInLedger(store: SessionStore, id: string): boolean {
  try {
    return store.load(id).state.status === 'completed';
  } catch {
    return false;
  }
}
