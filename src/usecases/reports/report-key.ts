import { statKey } from '../../adapters/store/file-stat.ts';
import type { ChangedFiles } from '../../contracts/changed-files.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import { parseReportKey, REPORT_FORMAT, type ReportKey } from '../../domain/reports/report-staleness.ts';
import { fnv1a64 } from '../../kernel/hash.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import type { SessionStore } from '../session/session-store.ts';

/**
 * What the last report write was made from (machine-local, `.claude/.csm/report-key-NNN.json`):
 * its key, plus what the unchanged path needs to answer without folding the ledger.
 */
export interface KeyCache {
  key: ReportKey;
  base: string | null;
  met: boolean;
  completed: boolean;
}

/**
 * The ledger's and tasks.json's stats, taken before the ledger is read: a write racing with us only makes the next
 * check stale.
 */
export interface FileStats {
  ledgerStat: string;
  tasksStat: string | null;
}

const keyName = (id: string): string => `report-key-${formatSessionId(Number(id))}.json`;

export function fileStats(store: SessionStore, id: string): FileStats & { ledgerExists: boolean } {
  const ledger = statKey(store.sessionFile(id, 'events.jsonl'));
  return {
    ledgerStat: ledger ?? '0:0',
    ledgerExists: ledger !== null,
    tasksStat: statKey(store.sessionFile(id, 'tasks.json')),
  };
}

export function readKeyCache(store: SessionStore, id: string): KeyCache | null {
  const raw = store.local.readJson(keyName(id)) as Partial<KeyCache> | null;
  if (!raw || typeof raw !== 'object') return null;
  const key = parseReportKey(raw.key === undefined ? null : JSON.stringify(raw.key));
  return key
    ? {
        key,
        base: typeof raw.base === 'string' ? raw.base : null,
        met: raw.met === true,
        completed: raw.completed === true,
      }
    : null;
}

/** Best effort: the cache only saves a rewrite next time. */
export async function writeKeyCache(store: SessionStore, id: string, cache: KeyCache): Promise<void> {
  try {
    await store.local.writeJson(keyName(id), cache);
  } catch {
    // ignored on purpose
  }
}

/**
 * The working tree as git status and file stats see it (HEAD is a key field of its own): changes whenever the numstat
 * could.
 */
const entriesKey = (c: ChangedFiles): string => fnv1a64(JSON.stringify(c.entries));

/**
 * Every input of the reports: the renderer's format, the ledger and tasks.json, HEAD, the working tree, the settings.
 */
export function reportKey(
  store: SessionStore,
  config: CsmConfig,
  id: string,
  stats: FileStats,
  tree: ChangedFiles,
): ReportKey {
  return {
    format: REPORT_FORMAT,
    session: formatSessionId(Number(id)),
    ledger: stats.ledgerStat,
    tasks: stats.tasksStat,
    head: tree.head,
    diff: entriesKey(tree),
    settings: JSON.stringify({ idleMs: store.idleMs, budget: config.timeBudgetMinutes }),
  };
}
