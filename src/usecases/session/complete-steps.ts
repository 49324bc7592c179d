import type { CsmConfig } from '../../contracts/config.ts';
import type { GateResult } from '../../contracts/events.ts';
import { sessionLearnings } from '../../domain/memory/session-learnings.ts';
import { parseHistory } from '../../domain/reports/metrics-trend.ts';
import type { PerformanceRecord } from '../../domain/reports/report-data.ts';
import type { GateRunRecord, SessionState } from '../../domain/tasks/session-state.ts';
import { CsmError, errorMessage } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { runGates } from '../gates/run-gates.ts';
import { addMemoryEntries } from './memory.ts';
import type { SessionStore } from './session-store.ts';

/**
 * The steps of `csm complete` that can each fail on their own: a failed step is a warning, and the next run redoes it.
 */

/**
 * Appends one JSON line to .claude/metrics-history.jsonl under the store lock; a torn last line is left as its own
 * (reported) line.
 */
export async function appendHistory(store: SessionStore, record: PerformanceRecord): Promise<void> {
  await store.locked(() => store.files.history.append(JSON.stringify(record)));
}

/**
 * The newest gate run of the session before this one: tests.md's pre-session evidence when this session ran none at
 * start.
 */
export function previousRun(store: SessionStore, id: string): GateRunRecord | undefined {
  const prev = store
    .listSessionIds()
    .filter((x) => Number(x) < Number(id))
    .pop();
  if (!prev) return undefined;
  try {
    const runs = store.load(prev).state.gateRuns;
    return runs[runs.length - 1];
  } catch {
    return undefined;
  }
}

export const hasRecord = (store: SessionStore, session: string): boolean =>
  parseHistory(store.files.history.read() ?? '').records.some((r) => r.session === session);

/**
 * Refuses to complete over tasks in progress (without --force) or not started (without --force or auto); the ones in
 * progress.
 */
export function refuseOpenTasks(
  before: SessionState,
  alreadyCompleted: boolean,
  opts: { force?: boolean; auto: boolean },
): string[] {
  const open = before.tasks.filter((t) => t.status === 'in_progress').map((t) => t.id);
  if (alreadyCompleted) return open;
  if (open.length && !opts.force) throw new CsmError('CONFLICT', ...msg.refusal.tasksInProgress(open));
  const pending = before.tasks.filter((t) => t.status === 'pending').map((t) => t.id);
  if (pending.length && !opts.force && !opts.auto)
    throw new CsmError('CONFLICT', ...msg.refusal.tasksNotStarted(pending));
  return open;
}

/** The gates with trigger 'complete'; null with a warning when they could not run. */
export async function completionGates(
  store: SessionStore,
  config: CsmConfig,
  before: SessionState,
  warnings: string[],
): Promise<GateResult[] | null> {
  try {
    const r = await runGates({
      root: store.root,
      store,
      sessionId: before.session,
      state: before,
      config,
      trigger: 'complete',
      now: () => store.now(),
    });
    return r.results;
  } catch (e) {
    warnings.push(
      `the gates could not run (${errorMessage(e)}); the session was completed without them — run csm gates to check`,
    );
    return null;
  }
}

/** What the session taught, into errors.md and decisions.md, each entry once. */
export async function learn(
  store: SessionStore,
  config: CsmConfig,
  state: SessionState,
  warnings: string[],
): Promise<{ errors: number; decisions: number }> {
  const memory = { errors: 0, decisions: 0 };
  const learned = sessionLearnings(state);
  const add = async (kind: 'errors' | 'decisions', texts: string[]): Promise<number> =>
    texts.length
      ? (await addMemoryEntries(store, kind, texts, state.session, config.memory.maxEntries, { once: true })).added
      : 0;
  try {
    memory.errors = await add('errors', learned.errors);
    memory.decisions = await add('decisions', learned.decisions);
  } catch (e) {
    warnings.push(`project memory was not updated (${errorMessage(e)}); csm complete again adds what is missing`);
  }
  return memory;
}

/** The session's line in the metrics history; null with a warning when it could not be written. */
export async function recordHistory(
  store: SessionStore,
  record: PerformanceRecord,
  warnings: string[],
): Promise<PerformanceRecord | null> {
  try {
    await appendHistory(store, record);
    return record;
  } catch (e) {
    warnings.push(`the metrics history was not updated (${errorMessage(e)}); csm complete again adds the missing line`);
    return null;
  }
}
