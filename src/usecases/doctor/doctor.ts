import { Backup } from '../../adapters/doctor/backup.ts';
import { loadConfig } from '../../adapters/config/load-config.ts';
import { storePaths } from '../../adapters/store/paths.ts';
import { DEFAULT_CONFIG } from '../../contracts/config.ts';
import { type Check, type DoctorSummary, fixPlan, summarize } from '../../domain/doctor/check.ts';
import { doctorChecks } from '../../domain/doctor/evaluate.ts';
import { SessionStore } from '../session/session-store.ts';
import { applyFixes, type FixOutcome } from './fixes.ts';
import { type DoctorEnv, gatherFacts } from './gather-facts.ts';

export type { DoctorEnv, FixOutcome };

export interface DoctorReport {
  root: string;
  checks: Check[];
  /** What --fix did (empty without --fix). */
  fixes: FixOutcome[];
  /** Where the files doctor changed were copied first, when it changed any. */
  backupDir: string | null;
  summary: DoctorSummary;
}

/** `2026-05-01T10:20:30.456Z` → `20260501T102030456Z`: safe in file names everywhere. */
export const fileStamp = (d: Date): string => d.toISOString().replace(/[-:.]/g, '');

/**
 * `csm doctor`: gathers the facts, turns them into checks; with `fix`, repairs what it can and
 * checks again, so the report shows what remains.
 */
export async function runDoctor(root: string, opts: DoctorEnv & { fix: boolean }): Promise<DoctorReport> {
  const paths = storePaths(root);
  let facts = await gatherFacts(paths, opts);
  let checks = doctorChecks(facts);
  const actions = opts.fix ? fixPlan(checks) : [];
  if (actions.length === 0) return { root, checks, fixes: [], backupDir: null, summary: summarize(checks) };

  const store = new SessionStore(paths, { now: opts.now, idleMinutes: facts.store.idleMs / 60_000 });
  const stamp = fileStamp(opts.now());
  const backup = new Backup(paths, stamp);
  const loaded = loadConfig(paths.config);
  const fixes = await applyFixes(
    { store, paths, backup, stamp, config: loaded.ok ? loaded.config : DEFAULT_CONFIG },
    actions,
  );
  facts = await gatherFacts(paths, opts);
  checks = doctorChecks(facts);
  return { root, checks, fixes, backupDir: backup.used ? backup.dir : null, summary: summarize(checks) };
}
