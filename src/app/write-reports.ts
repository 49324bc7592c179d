import fs from 'node:fs';
import path from 'node:path';
import type { CsmConfig } from '../contracts/config.ts';
import type { LedgerEvent } from '../contracts/events.ts';
import { changedFiles, type ChangedFiles } from '../adapters/git/changed-files.ts';
import { numstatSince, type NumstatRow } from '../adapters/git/git-fast.ts';
import { readTextIfExists } from '../adapters/store/atomic-file.ts';
import { readLedger } from '../adapters/store/ledger.ts';
import type { SessionStore } from '../adapters/store/session-store.ts';
import { formatSessionId } from '../domain/ids.ts';
import { finalHeading, interimHeading, renderCompleted, renderReview } from '../domain/reports/report-render.ts';
import { parseReportKey, REPORT_FORMAT, type ReportKey, reportsStale } from '../domain/reports/report-staleness.ts';
import { buildReportData, type ReportData } from '../domain/reports/session-report.ts';
import { foldEvents, type SessionState } from '../domain/tasks/session-state.ts';
import { errorMessage } from '../errors.ts';
import { fnv1a64 } from '../domain/gates/fingerprint.ts';

export interface WrittenReports {
  data: ReportData;
  state: SessionState;
  heading: string;
  /** Absolute paths of session-NNN-completed.md and session-NNN-review.md. */
  files: { completed: string; review: string };
  completedMd: string;
  reviewMd: string;
}

interface Loaded {
  events: LedgerEvent[];
  state: SessionState;
  /** Stats taken before the ledger was read: a write racing with us only makes the next check stale. */
  ledgerStat: string;
  tasksStat: string | null;
}

/** The machine-local cache of the last write: its key, plus what the unchanged path needs to answer. */
interface KeyCache {
  key: ReportKey;
  base: string | null;
  met: boolean;
  completed: boolean;
}

/** A time, or a clock to read it from (the hooks pass `() => store.now()`). */
export type NowInput = Date | (() => Date);
export const timeOf = (now: NowInput): Date => (typeof now === 'function' ? now() : now);

const statOf = (file: string): string | null => {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
};

const keyFile = (store: SessionStore, id: string): string => path.join(store.paths.local, `report-key-${formatSessionId(Number(id))}.json`);
/** The working tree as git status and file stats see it (HEAD is a key field of its own): changes whenever the numstat could. */
const entriesKey = (c: ChangedFiles): string => fnv1a64(JSON.stringify(c.entries));
const settingsOf = (store: SessionStore, config: CsmConfig): string => JSON.stringify({ idleMs: store.idleMs, budget: config.timeBudgetMinutes });

function load(store: SessionStore, id: string): Loaded {
  const file = store.paths.sessionFile(id, 'events.jsonl');
  const ledgerStat = statOf(file);
  const tasksStat = statOf(store.paths.sessionFile(id, 'tasks.json'));
  if (ledgerStat === null) store.load(id); // throws the store's NOT_FOUND error with its fix
  const { events } = readLedger(file);
  return { events, state: foldEvents(formatSessionId(Number(id)), events), ledgerStat: ledgerStat ?? '0:0', tasksStat };
}

function readCache(store: SessionStore, id: string): KeyCache | null {
  try {
    const raw = JSON.parse(readTextIfExists(keyFile(store, id)) ?? 'null') as Partial<KeyCache> | null;
    const key = parseReportKey(raw?.key === undefined ? null : JSON.stringify(raw.key));
    return key && raw ? { key, base: typeof raw.base === 'string' ? raw.base : null, met: raw.met === true, completed: raw.completed === true } : null;
  } catch {
    return null;
  }
}

function keyOf(store: SessionStore, config: CsmConfig, id: string, l: Pick<Loaded, 'ledgerStat' | 'tasksStat'>, tree: ChangedFiles): ReportKey {
  return { format: REPORT_FORMAT, session: formatSessionId(Number(id)), ledger: l.ledgerStat, tasks: l.tasksStat, head: tree.head, diff: entriesKey(tree), settings: settingsOf(store, config) };
}

async function writeFrom(store: SessionStore, config: CsmConfig, l: Loaded, numstat: NumstatRow[], key: ReportKey, final: boolean, now: Date): Promise<WrittenReports> {
  const { state } = l;
  const data = buildReportData({ state, numstat, idleMs: store.idleMs, config, ledger: l.events });
  const heading = final ? finalHeading(state.completedAt ?? now.toISOString()) : interimHeading(now.toISOString());
  const completedMd = renderCompleted(data, heading);
  const reviewMd = renderReview(data, heading);
  await store.writeSessionFile(state.session, 'completed.md', completedMd);
  await store.writeSessionFile(state.session, 'review.md', reviewMd);
  const cache: KeyCache = { key, base: state.baseCommit, met: data.objectivesMet.met, completed: state.status === 'completed' };
  try {
    await store.locked(() => store.writeLocal(keyFile(store, state.session), `${JSON.stringify(cache, null, 2)}\n`));
  } catch {
    // the cache only saves a rewrite next time
  }
  const files = { completed: store.paths.sessionFile(state.session, 'completed.md'), review: store.paths.sessionFile(state.session, 'review.md') };
  return { data, state, heading, files, completedMd, reviewMd };
}

/**
 * Writes session-NNN-completed.md and session-NNN-review.md (each atomically) from the ledger and
 * git numstat since the session's base commit. `final` defaults to whether the session is
 * completed: the final heading names the completion time, the interim one `now`.
 */
export async function writeReports(store: SessionStore, config: CsmConfig, sessionId: string, opts: { final?: boolean; now: NowInput }): Promise<WrittenReports> {
  const l = load(store, sessionId);
  const root = store.paths.root;
  const [tree, numstat] = await Promise.all([changedFiles(root), numstatSince(root, l.state.baseCommit)]);
  const key = keyOf(store, config, sessionId, l, tree);
  return writeFrom(store, config, l, numstat, key, opts.final ?? l.state.status === 'completed', timeOf(opts.now));
}

export type RefreshResult =
  | { status: 'written'; changed: string[]; files: string[]; readyToComplete: boolean; score: number }
  | { status: 'unchanged'; readyToComplete: boolean }
  | { status: 'skipped'; reason: string }
  | { status: 'error'; message: string };

/**
 * For the Stop hook: rewrites the interim reports only when an input changed since the last
 * write (ledger, tasks.json, HEAD, the working tree's numstat, settings). Never throws.
 * `readyToComplete`: every planned task is completed and the newest gate run passed.
 */
export async function refreshInterimReports(store: SessionStore, config: CsmConfig, sessionId: string, now: NowInput, known?: ChangedFiles): Promise<RefreshResult> {
  try {
    const id = formatSessionId(Number(sessionId));
    const ledgerFile = store.paths.sessionFile(id, 'events.jsonl');
    const stats = { ledgerStat: statOf(ledgerFile) ?? '0:0', tasksStat: statOf(store.paths.sessionFile(id, 'tasks.json')) };
    const cache = readCache(store, id);
    const reportsExist = fs.existsSync(store.paths.sessionFile(id, 'completed.md')) && fs.existsSync(store.paths.sessionFile(id, 'review.md'));
    let loaded: Loaded | null = null;
    let base: string | null;
    const skipped = { status: 'skipped', reason: `session ${id} is completed; its reports are final` } as const;
    if (cache && reportsExist && cache.key.ledger === stats.ledgerStat) {
      if (cache.completed) return skipped;
      base = cache.base;
    } else {
      loaded = load(store, id);
      if (loaded.state.status === 'completed') return skipped;
      base = loaded.state.baseCommit;
    }
    const root = store.paths.root;
    const tree = known ?? (await changedFiles(root));
    const decision = reportsStale(reportsExist ? (cache?.key ?? null) : null, keyOf(store, config, id, loaded ?? stats, tree));
    if (!decision.stale && cache) return { status: 'unchanged', readyToComplete: cache.met };
    loaded ??= load(store, id);
    if (loaded.state.status === 'completed') return skipped;
    const numstat = await numstatSince(root, base);
    const key = keyOf(store, config, id, loaded, tree);
    const w = await writeFrom(store, config, loaded, numstat, key, false, timeOf(now));
    const ready = w.data.counts.tasksPlanned > 0 && w.data.objectivesMet.met;
    return { status: 'written', changed: decision.changed, files: [w.files.completed, w.files.review], readyToComplete: ready, score: w.data.score.value };
  } catch (e) {
    return { status: 'error', message: `could not write the session reports: ${errorMessage(e)}` };
  }
}
