import path from 'node:path';
import { writeFileAtomic } from '../../adapters/store/atomic-file.ts';
import { openFile } from '../../adapters/open-file.ts';
import { localTimeZone } from '../../adapters/host.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import { renderHtmlReport } from '../../domain/reports/html-report.ts';
import { parseHistory } from '../../domain/reports/metrics-trend.ts';
import type { SessionStore } from '../session/session-store.ts';
import { type NowInput, timeOf, writeReports } from './write-reports.ts';

/** How many past sessions the trend shows. */
const TREND_SESSIONS = 20;

/**
 * `csm report --html`: the session's reports brought up to date, then one self-contained HTML page
 * of it written to `out` (default `.claude/.csm/report-NNN.html`, machine-local: it is made from
 * the committed ledger and history whenever wanted). Returns the file and its size.
 */
export async function writeHtmlReport(
  store: SessionStore,
  config: CsmConfig,
  sessionId: string,
  opts: { now: NowInput; out?: string },
): Promise<{ file: string; bytes: number }> {
  const w = await writeReports(store, config, sessionId, { now: opts.now });
  const history = parseHistory(store.files.history.read() ?? '').records.slice(-TREND_SESSIONS);
  const endMs = w.state.completedAt ? Date.parse(w.state.completedAt) : timeOf(opts.now).getTime();
  const input = { data: w.data, state: w.state, history, endMs, idleMs: store.idleMs, timeZone: localTimeZone() };
  const html = renderHtmlReport(input);
  const file = opts.out ? path.resolve(opts.out) : store.local.file(`report-${w.state.session}.html`);
  if (opts.out) writeFileAtomic(file, html);
  else await store.files.writeLocked(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}

/** Opens the page in the browser where there is one; false otherwise. */
export const openHtmlReport = (file: string): boolean => openFile(file);
