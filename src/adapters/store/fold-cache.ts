import fs from 'node:fs';
import path from 'node:path';
import { isLedgerEventShape, KNOWN_EVENT_TYPES } from '../../contracts/event-types.ts';
import type { LedgerEvent } from '../../contracts/events.ts';
import { formatJson } from '../../kernel/format-json.ts';
import { writeFileAtomic } from './atomic-file.ts';

/**
 * A machine-local cache of a folded ledger (`.claude/.csm/cache/fold-NNN.json`): some state up to
 * byte N of the ledger, so the next reader parses only what was appended since. This module
 * knows the file and when it still matches the ledger — the ledger file (device:inode), its
 * bytes just before N and the idle threshold the state was made with; what the state is and how
 * events fold into it is the caller's.
 */
const VERSION = 5;
/** The cache is worth rewriting once this many events (or bytes) were appended since it was written. */
const RESAVE_EVENTS = 64;
const RESAVE_BYTES = 32 * 1024;
const TAIL = 64;

interface CacheFile<S> {
  version: number;
  bytes: number;
  /** The idle threshold the state was made with: another one needs the whole ledger. */
  idleMs: number;
  /** How many older edits the state no longer lists. */
  editsLeftOut: number;
  /**
   * The ledger file's identity (device:inode): a ledger replaced by a rename, a git checkout or a merge is another
   * file.
   */
  file: string;
  /** The ledger's bytes just before `bytes` (base64): a rewritten ledger no longer matches. */
  tail: string;
  state: S;
}

export interface FoldCacheHit<S> {
  state: S;
  editsLeftOut: number;
  /** Whole events appended to the ledger since the cache was written (known types only). */
  added: LedgerEvent[];
  /** Enough was appended that the cache should be rewritten (`resave`) once `added` is folded in. */
  stale: boolean;
  /** Rewrites the cache at the ledger's end as read now. */
  resave(state: S, editsLeftOut: number): void;
}

const cacheFile = (localDir: string, id: string): string => path.join(localDir, 'cache', `fold-${id}.json`);

/** device:inode, or '' where the file system reports none (the tail check still applies). */
const identity = (st: fs.Stats): string => (st.ino ? `${st.dev}:${st.ino}` : '');

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

function parseLines(text: string): LedgerEvent[] {
  const out: LedgerEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const v: unknown = JSON.parse(line);
    if (isLedgerEventShape(v) && KNOWN_EVENT_TYPES.has(v.type)) out.push(v);
  }
  return out;
}

function write<S>(file: string, c: Omit<CacheFile<S>, 'version' | 'tail'> & { tail: Buffer }): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(
      file,
      formatJson({
        version: VERSION,
        bytes: c.bytes,
        file: c.file,
        idleMs: c.idleMs,
        editsLeftOut: c.editsLeftOut,
        tail: c.tail.toString('base64'),
        state: c.state,
      }),
    );
  } catch {
    // the cache is only a speed-up
  }
}

/**
 * The cached state and what the ledger gained since, or null when there is no cache that matches
 * the ledger (or the ledger ends in a torn line, which a whole read reports).
 */
export function readFoldCache<S>(
  ledgerFile: string,
  localDir: string,
  id: string,
  idleMs: number,
): FoldCacheHit<S> | null {
  const file = cacheFile(localDir, id);
  let fd: number | undefined;
  try {
    const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile<S>;
    fd = fs.openSync(ledgerFile, 'r');
    const st = fs.fstatSync(fd);
    const size = st.size;
    const tail = Buffer.from(snap.tail, 'base64');
    const fits =
      snap.version === VERSION &&
      snap.file === identity(st) &&
      snap.idleMs === idleMs &&
      Number.isInteger(snap.editsLeftOut);
    if (
      !fits ||
      snap.bytes > size ||
      snap.bytes < tail.length ||
      !readRange(fd, snap.bytes - tail.length, snap.bytes).equals(tail)
    )
      return null;
    const text = readRange(fd, snap.bytes, size).toString('utf8');
    if (text.length > 0 && !text.endsWith('\n')) return null;
    const added = parseLines(text);
    const stale = added.length >= RESAVE_EVENTS || text.length >= RESAVE_BYTES;
    const newTail = stale ? readRange(fd, Math.max(0, size - TAIL), size) : Buffer.alloc(0);
    const ledgerId = identity(st);
    return {
      state: snap.state,
      editsLeftOut: snap.editsLeftOut,
      added,
      stale,
      resave: (state, editsLeftOut) =>
        write(file, { bytes: size, file: ledgerId, idleMs, editsLeftOut, tail: newTail, state }),
    };
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes the cache for a state folded from the ledger's first `size` bytes; nothing when the ledger has changed since.
 */
export function saveFoldCache<S>(
  ledgerFile: string,
  localDir: string,
  id: string,
  idleMs: number,
  size: number,
  state: S,
  editsLeftOut: number,
): void {
  try {
    const st = fs.statSync(ledgerFile);
    const text = fs.readFileSync(ledgerFile);
    if (text.length !== size) return; // changed between the fold and this read: the next reader folds again
    write(cacheFile(localDir, id), {
      bytes: size,
      file: identity(st),
      idleMs,
      editsLeftOut,
      tail: text.subarray(Math.max(0, size - TAIL), size),
      state,
    });
  } catch {
    // the cache is only a speed-up
  }
}
