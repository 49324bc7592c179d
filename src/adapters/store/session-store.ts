import fs from 'node:fs';
import path from 'node:path';
import type { LedgerEvent, NewEvent } from '../../contracts/events.ts';
import type { TasksFile } from '../../contracts/tasks.ts';
import { formatSessionId, SESSION_FILE_RE } from '../../domain/ids.ts';
import { applyEvent, foldEvents, type SessionState } from '../../domain/tasks/session-state.ts';
import { toTasksFile } from '../../domain/tasks/projection.ts';
import { CsmError } from '../../errors.ts';
import { readTextIfExists, writeFileAtomic, ioError } from './atomic-file.ts';
import { appendEvents, readLedger, stamp } from './ledger.ts';
import { foldWithSnapshot } from './fold-snapshot.ts';
import { holdsLock, withLock } from './lock.ts';
import { assertWritable, type SessionFileKind, type StorePaths } from './paths.ts';
import { readTaskFiles, readTasksFile, type TaskFiles } from './tasks-file.ts';

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

const LOCK = 'store';

/** The `.claude/` tree: locked, atomic writes; the ledger is the record, tasks.json its projection. */
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

  exists(): boolean {
    return fs.existsSync(this.paths.sessions);
  }

  /** The active session on this machine, or null. A pointer to a missing session is ignored. */
  activeSessionId(): string | null {
    const text = readTextIfExists(this.paths.active)?.trim();
    if (!text || !/^[0-9]{3,9}$/.test(text)) return null;
    return fs.existsSync(this.paths.sessionFile(text, 'events.jsonl')) ? text : null;
  }

  async setActive(id: string | null): Promise<void> {
    await this.locked(() => {
      if (id === null) fs.rmSync(this.paths.active, { force: true });
      else this.writeLocal(this.paths.active, `${formatSessionId(Number(id))}\n`);
    });
  }

  listSessionIds(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.paths.sessions);
    } catch {
      return [];
    }
    const ids = new Set<number>();
    for (const n of names) {
      const m = SESSION_FILE_RE.exec(n);
      if (m) ids.add(Number(m[1]));
    }
    return [...ids].sort((a, b) => a - b).map(formatSessionId);
  }

  nextSessionId(): string {
    const ids = this.listSessionIds();
    return formatSessionId(ids.length ? Number(ids[ids.length - 1]) + 1 : 1);
  }

  load(id: string): Loaded {
    const file = this.paths.sessionFile(id, 'events.jsonl');
    const { events, warnings } = readLedger(file);
    if (events.length === 0 && !fs.existsSync(file)) {
      throw new CsmError('NOT_FOUND', `session ${id} does not exist`, { fix: 'csm status lists the sessions; csm start "<objective>" begins one' });
    }
    return { state: foldEvents(formatSessionId(Number(id)), events), warnings };
  }

  /**
   * The state for SessionStart: folded from a machine-local snapshot plus what the ledger gained
   * since (its `edits` hold only the newest ones). Everything else uses `load`.
   */
  loadForDigest(id: string): Loaded {
    const ledger = this.paths.sessionFile(id, 'events.jsonl');
    if (!fs.existsSync(ledger)) return this.load(id);
    try {
      assertWritable(this.paths, path.join(this.paths.local, 'cache', 'x'));
    } catch {
      return this.load(id);
    }
    return foldWithSnapshot(ledger, this.paths.local, formatSessionId(Number(id)), this.idleMs);
  }

  /** The session's base commit from the ledger's first line, without reading the rest. */
  baseCommit(id: string): string | null {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.paths.sessionFile(id, 'events.jsonl'), 'r');
      const buf = Buffer.alloc(4096);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const first = buf.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
      const e = JSON.parse(first) as { type?: unknown; baseCommit?: unknown };
      return e.type === 'session.started' && typeof e.baseCommit === 'string' ? e.baseCommit : null;
    } catch {
      return null;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
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
    return this.locked(() => {
      const ledger = this.paths.sessionFile(id, 'events.jsonl');
      assertWritable(this.paths, ledger);
      assertWritable(this.paths, this.paths.sessionFile(id, 'tasks.json'));
      this.readTasksFile(id); // refuse to go on over a file that fails its schema
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
    return this.locked(() => {
      const ledger = this.paths.sessionFile(id, 'events.jsonl');
      assertWritable(this.paths, ledger);
      if (fs.existsSync(ledger)) throw new CsmError('CONFLICT', `session ${id} already exists`);
      fs.mkdirSync(this.paths.sessions, { recursive: true });
      appendEvents(ledger, this.stampAll(events));
      const state = this.load(id).state;
      this.writeTasks(state);
      return state;
    });
  }

  /** Appends events without a decision step (hooks recording facts). */
  async append(id: string, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.locked(() => {
      const ledger = this.paths.sessionFile(id, 'events.jsonl');
      assertWritable(this.paths, ledger);
      appendEvents(ledger, this.stampAll(events));
    });
  }

  /** Rebuilds tasks.json from the ledger (the projection is always reproducible). */
  async refresh(id: string): Promise<SessionState> {
    return this.locked(() => {
      assertWritable(this.paths, this.paths.sessionFile(id, 'tasks.json'));
      this.readTasksFile(id);
      const { state } = this.load(id);
      this.writeTasks(state);
      return state;
    });
  }

  writeTasks(state: SessionState): void {
    const at = state.lastEventAt ? Date.parse(state.lastEventAt) : this.now().getTime();
    const file = this.paths.sessionFile(state.session, 'tasks.json');
    const next = `${JSON.stringify(toTasksFile(state, at, this.idleMs), null, 2)}\n`;
    if (readTextIfExists(file) !== next) writeFileAtomic(file, next);
  }

  /** Writes a file under `.claude/` (session markdown, memory, reports) atomically, under the lock. */
  async writeFile(file: string, content: string): Promise<void> {
    await this.locked(() => {
      assertWritable(this.paths, file);
      writeFileAtomic(file, content);
    });
  }

  writeSessionFile(id: string, kind: SessionFileKind, content: string): Promise<void> {
    return this.writeFile(this.paths.sessionFile(id, kind), content);
  }

  /** Machine-local state (git-ignored). Call inside the lock. */
  writeLocal(file: string, content: string): void {
    assertWritable(this.paths, file);
    writeFileAtomic(file, content);
  }

  locked<T>(fn: () => Promise<T> | T): Promise<T> {
    // already held (a write inside a locked section): the checks below were made when it was taken
    if (holdsLock(this.paths.locks, LOCK)) return withLock(this.paths.locks, LOCK, fn);
    // never create the lock directory through a symlink that leads out of the repository
    assertWritable(this.paths, path.join(this.paths.locks, 'store.lock'));
    try {
      fs.mkdirSync(this.paths.local, { recursive: true });
    } catch (e) {
      throw ioError(`could not create ${this.paths.local}`, e);
    }
    return withLock(this.paths.locks, LOCK, fn);
  }

  private stampAll(events: NewEvent[]): LedgerEvent[] {
    const t = this.now().toISOString();
    return events.map((e) => stamp(e, t));
  }
}
