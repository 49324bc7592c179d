import path from 'node:path';
import { readFirstEvent, readLedger } from '../../adapters/store/ledger.ts';
import { localState, type LocalState } from '../../adapters/store/local-json.ts';
import { type ProjectFiles, projectFiles } from '../../adapters/store/project-files.ts';
import { assertWritable, type SessionFileKind, type StorePaths } from '../../adapters/store/paths.ts';
import { listSessionIds, nextSessionId, sessionExists, storeExists } from '../../adapters/store/pointer.ts';
import { isProjectionBehind } from '../../adapters/store/projection-marker.ts';
import { checkTasksFile, readTaskFiles, readTasksFile, type TaskFiles } from '../../adapters/store/tasks-file.ts';
import type { TasksFile } from '../../contracts/tasks.ts';
import { foldEvents } from '../../domain/tasks/fold-events.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
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
  protected readonly paths: StorePaths;
  protected readonly opts: StoreOptions;
  /** The repository's machine-local state (caches, counters, what Claude was told). */
  readonly local: LocalState;
  /** The project's files that outlive a session: memory, the metrics history, agents and workflows. */
  readonly files: ProjectFiles;

  constructor(paths: StorePaths, opts: StoreOptions) {
    this.paths = paths;
    this.opts = opts;
    this.local = localState(paths);
    this.files = projectFiles(paths);
  }

  /** The repository the store belongs to. */
  get root(): string {
    return this.paths.root;
  }

  /** Where one of a session's files is (to show a person, or to compare by its stat). */
  sessionFile(id: string, kind: SessionFileKind): string {
    return this.paths.sessionFile(id, kind);
  }

  /** The session's ledger as written, line by line (doctor and the reports read the raw events). */
  readEvents(id: string): ReturnType<typeof readLedger> {
    return readLedger(this.paths.sessionFile(id, 'events.jsonl'));
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

  /** Whether the store holds a sessions folder (csm init or start ran here). */
  exists(): boolean {
    return storeExists(this.paths);
  }

  /** The id the next session gets. */
  nextSessionId(): string {
    return nextSessionId(this.paths);
  }

  load(id: string): Loaded {
    const { events, warnings } = this.readEvents(id);
    if (events.length === 0 && !sessionExists(this.paths, id)) {
      throw new CsmError('NOT_FOUND', ...msg.refusal.sessionMissing(id));
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

  /** `raw` (tasks.json as read) checked whole against the schema: the file, or an error naming the field. */
  checkTasks(id: string, raw: unknown): TasksFile {
    return checkTasksFile(this.paths, id, raw);
  }

  /** Whether a hook left tasks.json behind the ledger (it found the lock taken); the next writer rebuilds it. */
  projectionBehind(id: string): boolean {
    return isProjectionBehind(this.paths, id);
  }

  /** tasks.json as recording one edit reads it (see tasks-file.ts); rewrite only after `readTasksFile`. */
  readTaskFiles(id: string): TaskFiles | null {
    return readTaskFiles(this.paths, id);
  }
}
