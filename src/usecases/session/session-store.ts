import type { NewEvent } from '../../contracts/events.ts';
import { ATOMIC_APPEND_BYTES, appendEvents, appendLines, ledgerLines, stamp } from '../../adapters/store/ledger.ts';
import { markProjectionBehind, takeProjectionBehind } from '../../adapters/store/projection-marker.ts';
import { assertWritable, type SessionFileKind } from '../../adapters/store/paths.ts';
import { sessionExists, writeActive } from '../../adapters/store/pointer.ts';
import { makeStoreDirs, writeStoreFileLocked } from '../../adapters/store/store-files.ts';
import { holdsStoreLock, lockStore } from '../../adapters/store/store-lock.ts';
import type { LockOptions } from '../../adapters/store/lock.ts';
import type { TasksFile } from '../../contracts/tasks.ts';
import { writeTasksJson } from '../../adapters/store/tasks-file.ts';
import { applyEvent } from '../../domain/tasks/fold-events.ts';
import { toTasksFile } from '../../domain/tasks/projection.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { tidyMarkdown } from '../../domain/text/tidy-markdown.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { formatJson } from '../../kernel/format-json.ts';
import { type InitReport, initStore } from '../setup/init-store.ts';
import { SessionReader } from './session-reader.ts';

export type { Loaded, StoreOptions, TaskFiles } from './session-reader.ts';

/**
 * A session's record: its ledger (the facts, append-only) folded into state by the domain's
 * reducer, and tasks.json, the state's projection, rewritten after every change. Every change
 * goes through `mutate`/`create`/`append`, under the store lock, with the ledger re-read inside it.
 */
export class SessionStore extends SessionReader {
  /** Creates what is missing of the store's layout (`.claude/` folders, templates, ignore files), under the lock. */
  init(): Promise<InitReport> {
    return this.locked(() => initStore(this.paths));
  }

  async setActive(id: string | null): Promise<void> {
    await lockStore(this.paths, () => writeActive(this.paths, id));
  }

  /**
   * The one way session state changes: under the lock, re-read the ledger, let `decide` look at
   * the fresh state, append what it returns, and rewrite tasks.json from the result.
   */
  async mutate<D>(
    id: string,
    decide: (state: SessionState) => { events: NewEvent[]; result: D },
  ): Promise<{ state: SessionState; result: D; warnings: string[] }> {
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
      if (sessionExists(this.paths, id)) throw new CsmError('CONFLICT', ...msg.refusal.sessionExists(id));
      makeStoreDirs(this.paths, [this.paths.sessions]);
      appendEvents(ledger, this.stampAll(events));
      const state = this.load(id).state;
      this.writeTasks(state);
      return state;
    });
  }

  /**
   * Appends facts (hooks), lock-free: one O_APPEND write keeps lines whole; tasks.json: see project-after-append.ts.
   */
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
    return lockStore(this.paths, () => this.rebuildTasks(id));
  }

  /**
   * tasks.json rebuilt from the whole ledger, the behind-mark taken. Refuses (and keeps the mark) over a
   * tasks.json that fails its schema. Call holding the store lock.
   */
  private rebuildTasks(id: string): SessionState {
    assertWritable(this.paths, this.paths.sessionFile(id, 'tasks.json'));
    this.readTasksFile(id);
    takeProjectionBehind(this.paths, id);
    const { state } = this.load(id);
    this.writeTasks(state);
    return state;
  }

  /** Rewrites tasks.json from `state` when it differs. Call holding the store lock. */
  writeTasks(state: SessionState): void {
    const at = state.lastEventAt ? Date.parse(state.lastEventAt) : this.now().getTime();
    writeTasksJson(this.paths, state.session, formatJson(toTasksFile(state, at, this.idleMs)));
  }

  /**
   * Writes one of the session's files, atomically, under the lock; Markdown as the common formatters would leave it.
   */
  writeSessionFile(id: string, kind: SessionFileKind, content: string): Promise<void> {
    return writeStoreFileLocked(
      this.paths,
      this.paths.sessionFile(id, kind),
      kind.endsWith('.md') ? tidyMarkdown(content) : content,
    );
  }

  /** Runs `fn` holding the store lock (here, when this process holds it already); `waitMs` bounds the wait. */
  async locked<T>(fn: () => Promise<T> | T, opts: Pick<LockOptions, 'waitMs'> = {}): Promise<T> {
    return holdsStoreLock(this.paths) ? fn() : lockStore(this.paths, fn, opts);
  }

  /** Notes that tasks.json is behind the ledger (a hook found the lock taken): the next writer rebuilds it. */
  markProjectionBehind(id: string): void {
    markProjectionBehind(this.paths, id);
  }

  /** Rebuilds tasks.json whole when a hook left it behind. Call holding the store lock. */
  catchUpInLock(id: string): void {
    if (this.projectionBehind(id)) this.rebuildTasks(id);
  }

  /** Rewrites tasks.json as `file` (checked with `checkTasks`). Call holding the store lock. */
  writeTasksFile(id: string, file: TasksFile): void {
    writeTasksJson(this.paths, id, formatJson(file), false);
  }

  private stampAll(events: NewEvent[]): ReturnType<typeof stamp>[] {
    const t = this.now().toISOString();
    return events.map((e) => stamp(e, t));
  }
}
