import type { Check } from './check.ts';
import { checksCheck } from './checks-check.ts';
import type { ChecksFound } from '../gates/checks-found.ts';
import { type ConfigFacts, configChecks, gitChecks, nodeCheck } from './environment-checks.ts';
import { type HooksFacts, hooksChecks } from './hooks-checks.ts';
import {
  type GitFileFacts,
  gitFileChecks,
  type LinkFact,
  type LockFact,
  lockChecks,
  symlinkChecks,
  type WritableProbe,
  writableChecks,
} from './setup-checks.ts';
import { type StoreFacts, storeChecks } from './store-checks.ts';

/** Everything `csm doctor` looked at, gathered by the app. */
export interface DoctorFacts {
  nodeVersion: string;
  gitVersion: string | null;
  isRepo: boolean;
  config: ConfigFacts;
  store: StoreFacts;
  writable: WritableProbe[];
  links: LinkFact[];
  locks: LockFact[];
  /** null when there is no `.claude/` to hold them. */
  gitFiles: GitFileFacts | null;
  hooks: HooksFacts;
  /** What of the project's checks Stop runs; null when not looked at (no csm store here). */
  checks?: ChecksFound | null;
}

/** Every check, in the order they are printed. */
export function doctorChecks(f: DoctorFacts): Check[] {
  return [
    nodeCheck(f.nodeVersion),
    ...gitChecks(f.gitVersion, f.isRepo),
    ...configChecks(f.config),
    ...storeChecks(f.store),
    ...(f.store.claudeExists ? writableChecks(f.writable) : []),
    ...symlinkChecks(f.links),
    ...lockChecks(f.locks),
    ...(f.gitFiles ? gitFileChecks(f.gitFiles) : []),
    ...hooksChecks(f.hooks),
    ...checksCheck(f.checks ?? null),
  ];
}
