import fs from 'node:fs';
import path from 'node:path';
import { KNOWN_EVENT_TYPES } from '../../contracts/event-types.ts';
import type { LedgerEvent } from '../../contracts/events.ts';
import { compactActivity } from '../../domain/tasks/active-time.ts';
import { applyEvent, foldEvents, type SessionState } from '../../domain/tasks/session-state.ts';
import { readLedger } from './ledger.ts';
import { writeFileAtomic } from './atomic-file.ts';

/**
 * A machine-local cache of a folded ledger, for SessionStart: the state up to byte N, so the next
 * start parses only what was appended since (a 10,000-event ledger is ~1.5 MB of JSON). The cache
 * keeps the newest edits only — the digest needs no more — and the activity points active time
 * can still need (compactActivity: exact for the idle threshold it was made with); reports and
 * metrics always fold the whole ledger. A cache that does not match the ledger file, its bytes or
 * the idle threshold is ignored and rebuilt.
 */
const KEEP_EDITS = 300;
/** The cache is rewritten once this many events (or bytes) were appended since it was written. */
const RESAVE_EVENTS = 64;
const RESAVE_BYTES = 32 * 1024;
const VERSION = 4;

interface Snapshot {
  version: number;
  bytes: number;
  /** The idle threshold the activity was compacted with: another one needs the whole ledger. */
  idleMs: number;
  /** How many older edits the state no longer lists (it keeps the newest KEEP_EDITS). */
  editsLeftOut: number;
  /** The ledger file's identity (device:inode): a ledger replaced by a rename, a git checkout or a merge is another file. */
  file: string;
  /** The ledger's bytes just before `bytes` (base64): a rewritten ledger no longer matches. */
  tail: string;
  state: SessionState;
}

const snapshotFile = (localDir: string, id: string): string => path.join(localDir, 'cache', `fold-${id}.json`);

function readRange(fd: number, start: number, end: number): Buffer {
  const buf = Buffer.alloc(Math.max(0, end - start));
  let off = 0;
  while (off < buf.length) {
    const n = fs.readSync(fd, buf, off, buf.length - off, start + off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

const TAIL = 64;

function parseLines(text: string): LedgerEvent[] {
  const out: LedgerEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const v = JSON.parse(line) as LedgerEvent;
    if (v && typeof v === 'object' && typeof v.type === 'string' && typeof v.t === 'string' && KNOWN_EVENT_TYPES.has(v.type)) out.push(v);
  }
  return out;
}

/** The folded state of a session's ledger, using and refreshing the snapshot. Falls back to a full fold. */
export function foldWithSnapshot(ledgerFile: string, localDir: string, id: string, idleMs: number): { state: SessionState; warnings: string[]; editsLeftOut: number } {
  const file = snapshotFile(localDir, id);
  let fd: number | undefined;
  try {
    const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
    fd = fs.openSync(ledgerFile, 'r');
    const st = fs.fstatSync(fd);
    const size = st.size;
    const tail = Buffer.from(snap.tail, 'base64');
    if (snap.version === VERSION && snap.file === identity(st) && snap.idleMs === idleMs && Number.isInteger(snap.editsLeftOut) && snap.bytes <= size && snap.bytes >= tail.length && readRange(fd, snap.bytes - tail.length, snap.bytes).equals(tail)) {
      const added = readRange(fd, snap.bytes, size).toString('utf8');
      // a torn last line is left to the full fold, which reports it
      if (added.length === 0 || added.endsWith('\n')) {
        const state = snap.state;
        const events = parseLines(added);
        for (const e of events) applyEvent(state, e);
        // a few new lines are cheaper to fold again next time than to rewrite the cache now
        if (events.length >= RESAVE_EVENTS || added.length >= RESAVE_BYTES) save(file, state, size, readRange(fd, Math.max(0, size - TAIL), size), idleMs, snap.editsLeftOut, identity(st));
        return { state, warnings: [], editsLeftOut: snap.editsLeftOut };
      }
    }
  } catch {
    // no snapshot, or one that does not fit: fold the whole ledger below
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const { events, warnings, size } = readLedger(ledgerFile);
  const state = foldEvents(id, events);
  if (warnings.length === 0) {
    try {
      const st = fs.statSync(ledgerFile);
      const text = fs.readFileSync(ledgerFile);
      // the file changed between the fold and this read: no cache (the next start folds again)
      if (text.length === size) save(file, state, size, text.subarray(Math.max(0, size - TAIL), size), idleMs, 0, identity(st));
    } catch {
      // the cache is only a speed-up
    }
  }
  return { state, warnings, editsLeftOut: 0 };
}

/** device:inode, or '' where the file system reports none (the tail check still applies). */
const identity = (st: fs.Stats): string => (st.ino ? `${st.dev}:${st.ino}` : '');

function save(file: string, state: SessionState, bytes: number, tail: Buffer, idleMs: number, leftOut: number, ledgerId: string): void {
  try {
    const compact: SessionState = { ...state, edits: state.edits.slice(-KEEP_EDITS), activity: compactActivity(state.activity, idleMs) };
    const editsLeftOut = leftOut + state.edits.length - compact.edits.length;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify({ version: VERSION, bytes, file: ledgerId, idleMs, editsLeftOut, tail: tail.toString('base64'), state: compact } satisfies Snapshot));
  } catch {
    // the cache is only a speed-up
  }
}
