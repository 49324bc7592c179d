import path from 'node:path';
import { readFirstEvent, readLedger } from '../../adapters/store/ledger.ts';
import { assertWritable, type StorePaths } from '../../adapters/store/paths.ts';
import { listSessionIds, sessionExists } from '../../adapters/store/pointer.ts';
import { readTaskFiles, readTasksFile, type TaskFiles } from '../../adapters/store/tasks-file.ts';
import type { TasksFile } from '../../contracts/tasks.ts';
import { foldEvents } from '../../domain/tasks/fold-events.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { CsmError } from '../../errors.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import { activeOnThisMachine } from './active-pointer.ts';
import { foldWithSnapshot } from './fold-with-cache.ts';

export type { TaskFiles };

export interface Loaded {
  state: SessionState;
  warnings: string[];
  /** Older edits `state.edits` leaves out (SessionStart's cached fold keeps the newest only). */
  editsLeftOut?: number;
}

export interface StoreOptions {
  now: () => Date;
  idleMinutes: number;
}

/** The read side of the session store: which sessions there are, and a session's state folded from its ledger. */
export class SessionReader {
  readonly paths: StorePaths;
  protected readonly opts: StoreOptions;

  constructor(paths: StorePaths, opts: StoreOptions) {
    this.paths = paths;
    this.opts = opts;
  }

  get idleMs(): number {
    return this.opts.idleMinutes * 60_000;
  }

  now(): Date {
    return this.opts.now();
  }

  /**
   * The session active on this machine, and why a pointer there was not taken (it came with the repository, it is a
   * link …), null when there is none or it was taken.
   */
  activeSession(): { id: string | null; ignored: string | null } {
    return activeOnThisMachine(this.paths);
  }

  activeSessionId(): string | null {
    return this.activeSession().id;
  }

  listSessionIds(): string[] {
    return listSessionIds(this.paths);
  }

  load(id: string): Loaded {
    const { events, warnings } = readLedger(this.paths.sessionFile(id, 'events.jsonl'));
    if (events.length === 0 && !sessionExists(this.paths, id)) {
      throw new CsmError('NOT_FOUND', `session ${id} does not exist`, {
        fix: 'csm status lists the sessions; csm start "<objective>" begins one',
      });
    }
    return { state: foldEvents(formatSessionId(Number(id)), events), warnings };
  }

  /**
   * The state for SessionStart: folded from a machine-local cache plus what the ledger gained
   * since (its `edits` hold only the newest ones). Everything else uses `load`.
   */
  loadForDigest(id: string): Loaded {
    if (!sessionExists(this.paths, id)) return this.load(id);
    try {
      assertWritable(this.paths, path.join(this.paths.local, 'cache', 'x'));
    } catch {
      return this.load(id);
    }
    return foldWithSnapshot(
      this.paths.sessionFile(id, 'events.jsonl'),
      this.paths.local,
      formatSessionId(Number(id)),
      this.idleMs,
    );
  }

  /** The session's base commit and start tree from the ledger's first line, without reading the rest. */
  base(id: string): { commit: string | null; tree: string | null } {
    const e = readFirstEvent(this.paths.sessionFile(id, 'events.jsonl'));
    const text = (v: unknown): string | null => (e?.type === 'session.started' && typeof v === 'string' ? v : null);
    return { commit: text(e?.baseCommit), tree: text(e?.baseTree) };
  }

  /** When the session started (its first ledger line), without reading the rest. */
  startedAt(id: string): string | null {
    const e = readFirstEvent(this.paths.sessionFile(id, 'events.jsonl'));
    return typeof e?.t === 'string' ? e.t : null;
  }

  /**
   * Reads tasks.json and checks it against the schema; a file that fails is reported with its field, never replaced.
   */
  readTasksFile(id: string): TasksFile | null {
    return readTasksFile(this.paths, id);
  }

  /** tasks.json as recording one edit reads it (see tasks-file.ts); rewrite only after `readTasksFile`. */
  readTaskFiles(id: string): TaskFiles | null {
    return readTaskFiles(this.paths, id);
  }
}
