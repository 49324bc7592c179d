import { changedFiles, type ChangedFiles } from '../../adapters/git/changed-files.ts';
import { redact } from '../../domain/redact.ts';
import type { NumstatRow } from '../../adapters/git/git-fast.ts';
import { numstatSince } from '../../adapters/git/since-start.ts';
import { fileExists } from '../../adapters/store/file-stat.ts';
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import type { LedgerEvent } from '../../contracts/events.ts';
import type { ReportData } from '../../domain/reports/report-data.ts';
import { finalHeading, interimHeading, renderCompleted } from '../../domain/reports/report-render.ts';
import { renderReview } from '../../domain/reports/review-render.ts';
import type { ReportKey } from '../../domain/reports/report-staleness.ts';
import { reportsStale } from '../../domain/reports/report-staleness.ts';
import { buildReportData } from '../../domain/reports/session-report.ts';
import { foldEvents } from '../../domain/tasks/fold-events.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { errorMessage } from '../../errors.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import type { SessionStore } from '../session/session-store.ts';
import { type FileStats, fileStats, readKeyCache, reportKey, writeKeyCache } from './report-key.ts';

export interface WrittenReports {
  data: ReportData;
  state: SessionState;
  heading: string;
  /** Absolute paths of session-NNN-completed.md and session-NNN-review.md. */
  files: { completed: string; review: string };
  completedMd: string;
  reviewMd: string;
}

interface Loaded extends FileStats {
  events: LedgerEvent[];
  state: SessionState;
}

/** A time, or a clock to read it from (the hooks pass `() => store.now()`). */
export type NowInput = Date | (() => Date);
export const timeOf = (now: NowInput): Date => (typeof now === 'function' ? now() : now);

/** A report with its final heading (`> completed …`), not an interim one. */
const isFinal = (text: string | null): boolean =>
  text !== null && /^> completed /m.test(text.split('\n').slice(0, 4).join('\n'));

function load(store: SessionStore, id: string): Loaded {
  const stats = fileStats(store, id);
  if (!stats.ledgerExists) store.load(id); // throws the store's NOT_FOUND error with its fix
  const { events } = store.readEvents(id);
  return {
    events,
    state: foldEvents(formatSessionId(Number(id)), events),
    ledgerStat: stats.ledgerStat,
    tasksStat: stats.tasksStat,
  };
}

async function writeFrom(
  store: SessionStore,
  config: CsmConfig,
  l: Loaded,
  numstat: NumstatRow[],
  key: ReportKey,
  final: boolean,
  now: Date,
): Promise<WrittenReports> {
  const { state } = l;
  // file names come from git, not the ledger: a token in one is redacted here as it is there
  const files = state.finalFiles ?? numstat.map((r) => ({ ...r, path: redact(r.path) }));
  const data = buildReportData({ state, numstat: files, idleMs: store.idleMs, config, ledger: l.events });
  const heading = final ? finalHeading(state.completedAt ?? now.toISOString()) : interimHeading(now.toISOString());
  const completedMd = renderCompleted(data, heading);
  const reviewMd = renderReview(data, heading);
  // a completed session's final reports are frozen: written once, never rewritten
  const frozen = state.status === 'completed' && state.finalFiles !== null;
  for (const [kind, text] of [
    ['completed.md', completedMd],
    ['review.md', reviewMd],
  ] as const) {
    const final = frozen && isFinal(readTextIfExists(store.sessionFile(state.session, kind)));
    if (!final) await store.writeSessionFile(state.session, kind, text);
  }
  await writeKeyCache(store, state.session, {
    key,
    base: state.baseCommit,
    met: data.objectivesMet.met,
    completed: state.status === 'completed',
  });
  const fileOf = (kind: 'completed.md' | 'review.md'): string => store.sessionFile(state.session, kind);
  const written = { completed: fileOf('completed.md'), review: fileOf('review.md') };
  return { data, state, heading, files: written, completedMd, reviewMd };
}

/**
 * Writes session-NNN-completed.md and session-NNN-review.md (each atomically) from the ledger and
 * git numstat since the session's base commit. `final` defaults to whether the session is
 * completed: the final heading names the completion time, the interim one `now`.
 */
export async function writeReports(
  store: SessionStore,
  config: CsmConfig,
  sessionId: string,
  opts: { final?: boolean; now: NowInput },
): Promise<WrittenReports> {
  const l = load(store, sessionId);
  const root = store.root;
  // a completed session's figures are its own, stored at completion: git is not asked again
  const numstat = l.state.finalFiles ? Promise.resolve([]) : numstatSince(root, l.state.baseCommit, l.state.baseTree);
  const [tree, rows] = await Promise.all([changedFiles(root), numstat]);
  const key = reportKey(store, config, sessionId, l, tree);
  return writeFrom(store, config, l, rows, key, opts.final ?? l.state.status === 'completed', timeOf(opts.now));
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
export async function refreshInterimReports(
  store: SessionStore,
  config: CsmConfig,
  sessionId: string,
  now: NowInput,
  known?: ChangedFiles,
): Promise<RefreshResult> {
  try {
    const id = formatSessionId(Number(sessionId));
    const stats = fileStats(store, id);
    const cache = readKeyCache(store, id);
    const reportsExist =
      fileExists(store.sessionFile(id, 'completed.md')) && fileExists(store.sessionFile(id, 'review.md'));
    let loaded: Loaded | null = null;
    const skipped = { status: 'skipped', reason: `session ${id} is completed; its reports are final` } as const;
    if (cache && reportsExist && cache.key.ledger === stats.ledgerStat) {
      if (cache.completed) return skipped;
    } else {
      loaded = load(store, id);
      if (loaded.state.status === 'completed') return skipped;
    }
    const root = store.root;
    const tree = known ?? (await changedFiles(root));
    const decision = reportsStale(
      reportsExist ? (cache?.key ?? null) : null,
      reportKey(store, config, id, loaded ?? stats, tree),
    );
    if (!decision.stale && cache) return { status: 'unchanged', readyToComplete: cache.met };
    loaded ??= load(store, id);
    if (loaded.state.status === 'completed') return skipped;
    const numstat = await numstatSince(root, loaded.state.baseCommit, loaded.state.baseTree);
    const w = await writeFrom(
      store,
      config,
      loaded,
      numstat,
      reportKey(store, config, id, loaded, tree),
      false,
      timeOf(now),
    );
    const ready = w.data.counts.tasksPlanned > 0 && w.data.objectivesMet.met;
    return {
      status: 'written',
      changed: decision.changed,
      files: [w.files.completed, w.files.review],
      readyToComplete: ready,
      score: w.data.score.value,
    };
  } catch (e) {
    return { status: 'error', message: `could not write the session reports: ${errorMessage(e)}` };
  }
}
