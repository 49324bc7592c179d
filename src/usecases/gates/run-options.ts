import type { ChangedFiles } from '../../adapters/git/changed-files.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import type { GateResult } from '../../contracts/events.ts';
import type { Baselines } from '../../domain/gates/baseline.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import type { SessionStore } from '../session/session-store.ts';

/**
 * `baseline`: the run `csm start` makes before any change (the gates Stop runs); `after-stop`: the
 * advisory gates, in the background once Stop let Claude go.
 */
/** A session's start as RunGatesOptions take it. */
type Start = { commit: string | null; tree: string | null };
export const startOf = (b: Start): Pick<RunGatesOptions, 'base' | 'baseTree'> => ({ base: b.commit, baseTree: b.tree });

export type GateTrigger = 'stop' | 'task-done' | 'complete' | 'manual' | 'baseline' | 'after-stop';

export interface RunGatesOptions {
  root: string;
  store: SessionStore;
  /** The session whose ledger gets the 'gate.run' event; null records nothing. */
  sessionId: string | null;
  state: SessionState | null;
  config: CsmConfig;
  trigger: GateTrigger;
  now: () => Date;
  only?: string[];
  force?: boolean;
  /** Caps every gate's time limit (ms), e.g. the Stop hook's own budget. */
  budgetMs?: number;
  /**
   * The session's base commit when the caller has it without `state` (the Stop hook reads only the
   * ledger's first line).
   */
  base?: string | null;
  /** And the tree it started from (see adapters/git/since-start.ts). */
  baseTree?: string | null;
  /** The working tree's changes, when the caller already read them (the Stop hook reads them once). */
  changes?: ChangedFiles;
  /** What the gates said before the session changed anything (read only when a gate fails). */
  baselines?: () => Baselines | null;
  /** Told which gates run, before they start, and each result as it comes (a long baseline is not silent). */
  progress?: { start(gates: readonly GateDef[]): void; done(result: GateResult): void };
  /** The caller saves the run (`RunGatesResult.save`), with its own writes under one lock (the Stop hook). */
  deferSave?: boolean;
}

export interface RunGatesResult {
  results: GateResult[];
  /** False when every gate was cached or skipped. */
  ranAny: boolean;
  gates: GateDef[];
  /** On Stop: the advisory gates it does not run, which a background run after it may (see after-stop.ts). */
  later: number;
  /** Saves the run (gate cache, ledger, baselines): already done unless `deferSave`. */
  save: () => Promise<void>;
}
