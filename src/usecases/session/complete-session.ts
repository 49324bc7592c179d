import type { CsmConfig } from '../../contracts/config.ts';
import type { GateResult, NewEvent } from '../../contracts/events.ts';
import { numstatSince } from '../../adapters/git/since-start.ts';
import { redact } from '../../domain/redact.ts';
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import { appendStoreLine } from '../../adapters/store/store-files.ts';
import type { SessionStore } from './session-store.ts';
import { sessionLearnings } from '../../domain/memory/session-learnings.ts';
import { parseHistory } from '../../domain/reports/metrics-trend.ts';
import { performanceRecord, type PerformanceRecord, type ReportData } from '../../domain/reports/report-data.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import type { GateRunRecord } from '../../domain/tasks/session-state.ts';
import { CsmError, errorMessage } from '../../errors.ts';
import { addMemoryEntries } from './memory.ts';
import { requireActive } from './open-store.ts';
import { runGates } from '../gates/run-gates.ts';
import { writePlanDocs } from './session-docs.ts';
import { type NowInput, writeReports } from '../reports/write-reports.ts';

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

/** Appends one JSON line to .claude/metrics-history.jsonl under the store lock; a torn last line is left as its own (reported) line. */
export async function appendHistory(store: SessionStore, record: PerformanceRecord): Promise<void> {
  await store.locked(() => appendStoreLine(store.paths, store.paths.metricsHistory, JSON.stringify(record)));
}

/** The newest gate run of the session before this one: tests.md's pre-session evidence when this session ran none at start. */
function previousRun(store: SessionStore, id: string): GateRunRecord | undefined {
  const prev = store.listSessionIds().filter((x) => Number(x) < Number(id)).pop();
  if (!prev) return undefined;
  try {
    const runs = store.load(prev).state.gateRuns;
    return runs[runs.length - 1];
  } catch {
    return undefined;
  }
}

const hasRecord = (store: SessionStore, session: string): boolean =>
  parseHistory(readTextIfExists(store.paths.metricsHistory) ?? '').records.some((r) => r.session === session);

/**
 * `csm complete`: gates (trigger 'complete'), the session.completed event, final reports (the
 * same body as the last interim write on the same ledger), memory (errors fixed, decisions), plan
 * docs with the post-session ticks, one line of metrics history, and the active pointer cleared.
 * Every step after the event can run again from the ledger, and the history line is written last
 * but one: a completion interrupted anywhere (no history line yet) is finished by the next run,
 * each memory entry and the history line present once. Completing a finished session rewrites
 * its reports.
 */
export async function completeSession(store: SessionStore, config: CsmConfig, sessionId: string, opts: CompleteOptions): Promise<CompleteResult> {
  const id = formatSessionId(Number(sessionId));
  const warnings: string[] = [];
  const before = store.load(id).state;
  const alreadyCompleted = before.status === 'completed';
  const resumed = alreadyCompleted && !hasRecord(store, id);
  const open = before.tasks.filter((t) => t.status === 'in_progress').map((t) => t.id);
  if (!alreadyCompleted && open.length && !opts.force) {
    const what = `${open.join(', ')} ${open.length === 1 ? 'is' : 'are'} still in progress`;
    const them = open.length === 1 ? 'it' : 'them';
    const fix = `finish ${them} (csm task done ${open[0]}), or: csm complete --force (the review says so)`;
    throw new CsmError('CONFLICT', what, { fix });
  }
  const pending = before.tasks.filter((t) => t.status === 'pending').map((t) => t.id);
  if (!alreadyCompleted && pending.length && !opts.force && !opts.auto) {
    const one = pending.length === 1;
    const [it, are] = one ? ['it', 'is'] : ['them', 'are'];
    const what = `${pending.join(', ')} ${are} not started: completing now leaves ${it} undone`;
    const fix =
      `do ${it} first (csm task next --start), block ${one ? 'it' : 'each'} with a reason ` +
      `(csm task block ${pending[0]} --reason "…"), ` +
      'or complete anyway with csm complete --force: the next csm start carries them over';
    throw new CsmError('CONFLICT', what, { fix });
  }
  let gates: GateResult[] | null = null;
  if (!alreadyCompleted && opts.runGates) {
    try {
      const r = await runGates({ root: store.paths.root, store, sessionId: id, state: before, config, trigger: 'complete', now: () => store.now() });
      gates = r.results;
    } catch (e) {
      warnings.push(`the gates could not run (${errorMessage(e)}); the session was completed without them — run csm gates to check`);
    }
  }
  if (!alreadyCompleted) {
    const rows = await numstatSince(store.paths.root, before.baseCommit, before.baseTree);
    const files = rows.map((r) => ({ ...r, path: redact(r.path) }));
    const forced = open.length ? { forced: true } : {};
    const done: NewEvent = { type: 'session.completed', auto: opts.auto, ...forced, files };
    await store.mutate(id, (s) => ({ events: s.status === 'completed' ? [] : [done], result: null }));
  } else {
    await store.refresh(id); // tasks.json level with the ledger, should a run before have stopped between the two
  }
  const written = await writeReports(store, config, id, { final: true, now: opts.now });
  const { state, data } = written;

  const memory = { errors: 0, decisions: 0 };
  if (!alreadyCompleted || resumed) {
    const learned = sessionLearnings(state);
    const add = async (kind: 'errors' | 'decisions', texts: string[]): Promise<number> =>
      texts.length ? (await addMemoryEntries(store, kind, texts, id, config.memory.maxEntries, { once: true })).added : 0;
    try {
      memory.errors = await add('errors', learned.errors);
      memory.decisions = await add('decisions', learned.decisions);
    } catch (e) {
      warnings.push(`project memory was not updated (${errorMessage(e)}); csm complete again adds what is missing`);
    }
  }

  try {
    await writePlanDocs(store, state, { previousRun: previousRun(store, id) });
  } catch (e) {
    warnings.push(`plan.md and tests.md were not refreshed (${errorMessage(e)})`);
  }

  let record: PerformanceRecord | null = null;
  if (!hasRecord(store, id)) {
    record = performanceRecord(data, state.completedAt);
    try {
      await appendHistory(store, record);
    } catch (e) {
      record = null;
      warnings.push(`the metrics history was not updated (${errorMessage(e)}); csm complete again adds the missing line`);
    }
  }
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
