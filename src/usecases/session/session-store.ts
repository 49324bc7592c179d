import path from 'node:path';
import type { NewEvent } from '../../contracts/events.ts';
import type { TasksFile } from '../../contracts/tasks.ts';
import { ATOMIC_APPEND_BYTES, appendEvents, appendLines, ledgerLines, readFirstEvent, readLedger, stamp } from '../../adapters/store/ledger.ts';
import { takeProjectionBehind } from '../../adapters/store/projection-marker.ts';
import { assertWritable, type SessionFileKind, type StorePaths } from '../../adapters/store/paths.ts';
import { listSessionIds, sessionExists, writeActive } from '../../adapters/store/pointer.ts';
import { activeOnThisMachine } from './active-pointer.ts';
import { makeStoreDirs, writeStoreFileLocked } from '../../adapters/store/store-files.ts';
import { lockStore } from '../../adapters/store/store-lock.ts';
import { readTaskFiles, readTasksFile, type TaskFiles, writeTasksJson } from '../../adapters/store/tasks-file.ts';
import { applyEvent, foldEvents } from '../../domain/tasks/fold-events.ts';
import { toTasksFile } from '../../domain/tasks/projection.ts';
import { formatJson } from '../../kernel/format-json.ts';
import { tidyMarkdown } from '../../domain/text/tidy-markdown.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { CsmError } from '../../errors.ts';
import { formatSessionId } from '../../kernel/ids.ts';
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

/**
 * A session's record: its ledger (the facts, append-only) folded into state by the domain's
 * reducer, and tasks.json, the state's projection, rewritten after every change. Every change
 * goes through `mutate`/`create`/`append`, under the store lock, with the ledger re-read inside it.
 */
export class SessionStore {
  readonly paths: StorePaths;
  private readonly opts: StoreOptions;

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

  /** A pointer there that is not this machine's (it came with the repository), once read; null when none. */
  ignoredPointer: string | null = null;

  activeSessionId(): string | null {
    const a = activeOnThisMachine(this.paths);
    this.ignoredPointer = a.ignored;
    return a.id;
  }

  async setActive(id: string | null): Promise<void> {
    await lockStore(this.paths, () => writeActive(this.paths, id));
  }

  listSessionIds(): string[] {
    return listSessionIds(this.paths);
  }

  load(id: string): Loaded {
    const { events, warnings } = readLedger(this.paths.sessionFile(id, 'events.jsonl'));
    if (events.length === 0 && !sessionExists(this.paths, id)) {
      throw new CsmError('NOT_FOUND', `session ${id} does not exist`, { fix: 'csm status lists the sessions; csm start "<objective>" begins one' });
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
    return foldWithSnapshot(this.paths.sessionFile(id, 'events.jsonl'), this.paths.local, formatSessionId(Number(id)), this.idleMs);
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

  /** Reads tasks.json and checks it against the schema; a file that fails is reported with its field, never replaced. */
  readTasksFile(id: string): TasksFile | null {
    return readTasksFile(this.paths, id);
  }

  /** tasks.json as recording one edit reads it (see tasks-file.ts); rewrite only after `readTasksFile`. */
  readTaskFiles(id: string): TaskFiles | null {
    return readTaskFiles(this.paths, id);
  }

  /**
   * The one way session state changes: under the lock, re-read the ledger, let `decide` look at
   * the fresh state, append what it returns, and rewrite tasks.json from the result.
   */
  async mutate<D>(id: string, decide: (state: SessionState) => { events: NewEvent[]; result: D }): Promise<{ state: SessionState; result: D; warnings: string[] }> {
    return lockStore(this.paths, () => {
      const ledger = this.paths.sessionFile(id, 'events.jsonl');
      assertWritable(this.paths, ledger);
      assertWritable(this.paths, this.paths.sessionFile(id, 'tasks.json'));
      this.readTasksFile(id); // refuse to go on over a file that fails its schema
      takeProjectionBehind(this.paths, id); // tasks.json is rebuilt from the whole ledger below
      const { state, warnings } = this.load(id);
      const { events, result } = decide(state);
      const stamped = this.stampAll(events);
      appendEvents(ledger, stamped);
      for (const e of stamped) applyEvent(state, e);
      this.writeTasks(state);
      return { state, result, warnings };
    });
  }

  /** Creates a new session's ledger with its first events. Refuses if the files already exist. */
  async create(id: string, events: NewEvent[]): Promise<SessionState> {
    return lockStore(this.paths, () => {
      const ledger = this.paths.sessionFile(id, 'events.jsonl');
      assertWritable(this.paths, ledger);
      if (sessionExists(this.paths, id)) throw new CsmError('CONFLICT', `session ${id} already exists`);
      makeStoreDirs(this.paths, [this.paths.sessions]);
      appendEvents(ledger, this.stampAll(events));
      const state = this.load(id).state;
      this.writeTasks(state);
      return state;
    });
  }

  /** Appends facts (hooks), lock-free: one O_APPEND write keeps lines whole; tasks.json: see project-after-append.ts. */
  async append(id: string, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    const ledger = this.paths.sessionFile(id, 'events.jsonl');
    assertWritable(this.paths, ledger);
    const text = ledgerLines(this.stampAll(events));
    // three bytes per character bounds the UTF-8 size without encoding it
    if (text.length * 3 <= ATOMIC_APPEND_BYTES) {
      appendLines(ledger, text);
      return;
    }
    await lockStore(this.paths, () => appendLines(ledger, text));
  }

  /** Rebuilds tasks.json from the ledger (the projection is always reproducible). */
  async refresh(id: string): Promise<SessionState> {
    return lockStore(this.paths, () => {
      assertWritable(this.paths, this.paths.sessionFile(id, 'tasks.json'));
      this.readTasksFile(id);
      takeProjectionBehind(this.paths, id);
      const { state } = this.load(id);
      this.writeTasks(state);
      return state;
    });
  }

  /** Rewrites tasks.json from `state` when it differs. Call holding the store lock. */
  writeTasks(state: SessionState): void {
    const at = state.lastEventAt ? Date.parse(state.lastEventAt) : this.now().getTime();
    writeTasksJson(this.paths, state.session, formatJson(toTasksFile(state, at, this.idleMs)));
  }

  /** Writes one of the session's files, atomically, under the lock; Markdown as the common formatters would leave it. */
  writeSessionFile(id: string, kind: SessionFileKind, content: string): Promise<void> {
    return writeStoreFileLocked(this.paths, this.paths.sessionFile(id, kind), kind.endsWith('.md') ? tidyMarkdown(content) : content);
  }

  /** Runs `fn` holding the store lock. */
  locked<T>(fn: () => Promise<T> | T): Promise<T> {
    return lockStore(this.paths, fn);
  }

  private stampAll(events: NewEvent[]): ReturnType<typeof stamp>[] {
    const t = this.now().toISOString();
    return events.map((e) => stamp(e, t));
  }
}
