import reportFormatFile from '../../../schema/report-format.json' with { type: 'json' };

/**
 * Whether the interim reports must be rewritten: the Stop hook writes them only when something
 * they are built from changed since the last write. The adapter builds the key; this decides.
 */

/**
 * What the report renderer makes of a fixed sample session, hashed at build time
 * (scripts/report-sample.ts): a renderer that writes anything differently has another format,
 * so reports written by an older csm are rewritten. Nothing to bump by hand.
 */
export const REPORT_FORMAT: string = reportFormatFile.format;

export interface ReportKey {
  format: string;
  session: string;
  /** The ledger file: `<size>:<mtimeMs>` (append-only, so any new event changes it). */
  ledger: string;
  /** tasks.json: `<size>:<mtimeMs>`, or null when absent. */
  tasks: string | null;
  head: string | null;
  /** A hash of the git numstat rows since the base commit (working tree included). */
  diff: string;
  /** Settings the report body depends on. */
  settings: string;
}

const FIELDS: readonly (keyof ReportKey)[] = ['format', 'session', 'ledger', 'tasks', 'head', 'diff', 'settings'];

export interface Staleness {
  stale: boolean;
  /** The inputs that changed, or `no previous write`. */
  changed: string[];
}

export function reportsStale(previous: ReportKey | null, current: ReportKey): Staleness {
  if (previous === null) return { stale: true, changed: ['no previous write'] };
  const changed = FIELDS.filter((k) => previous[k] !== current[k]);
  return { stale: changed.length > 0, changed };
}

/** A cached key as read back from disk; anything malformed reads as "no previous write". */
export function parseReportKey(text: string | null): ReportKey | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
  if (
    r.format !== REPORT_FORMAT ||
    typeof r.session !== 'string' ||
    typeof r.ledger !== 'string' ||
    !strOrNull(r.tasks) ||
    !strOrNull(r.head)
  )
    return null;
  if (typeof r.diff !== 'string' || typeof r.settings !== 'string') return null;
  return {
    format: REPORT_FORMAT,
    session: r.session,
    ledger: r.ledger,
    tasks: r.tasks,
    head: r.head,
    diff: r.diff,
    settings: r.settings,
  };
}
