import type { NewEvent } from '../../contracts/events.ts';
import { ATOMIC_APPEND_BYTES, appendEvents, appendLines, ledgerLines, stamp } from '../../adapters/store/ledger.ts';
import { takeProjectionBehind } from '../../adapters/store/projection-marker.ts';
import { assertWritable, type SessionFileKind } from '../../adapters/store/paths.ts';
import { sessionExists, writeActive } from '../../adapters/store/pointer.ts';
import { makeStoreDirs, writeStoreFileLocked } from '../../adapters/store/store-files.ts';
import { holdsStoreLock, lockStore } from '../../adapters/store/store-lock.ts';
import { writeTasksJson } from '../../adapters/store/tasks-file.ts';
import { applyEvent } from '../../domain/tasks/fold-events.ts';
import { toTasksFile } from '../../domain/tasks/projection.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { tidyMarkdown } from '../../domain/text/tidy-markdown.ts';
import { CsmError } from '../../errors.ts';
import { formatJson } from '../../kernel/format-json.ts';
import { SessionReader } from './session-reader.ts';

export type { Loaded, StoreOptions, TaskFiles } from './session-reader.ts';

/**
 * A session's record: its ledger (the facts, append-only) folded into state by the domain's
 * reducer, and tasks.json, the state's projection, rewritten after every change. Every change
 * goes through `mutate`/`create`/`append`, under the store lock, with the ledger re-read inside it.
 */
export class SessionStore extends SessionReader {
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
      if (sessionExists(this.paths, id)) throw new CsmError('CONFLICT', `session ${id} already exists`);
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

  /** Runs `fn` holding the store lock (here, when this process holds it already). */
  async locked<T>(fn: () => Promise<T> | T): Promise<T> {
    return holdsStoreLock(this.paths) ? fn() : lockStore(this.paths, fn);
  }

  private stampAll(events: NewEvent[]): ReturnType<typeof stamp>[] {
    const t = this.now().toISOString();
    return events.map((e) => stamp(e, t));
  }
}
