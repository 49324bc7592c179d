import fs from 'node:fs';
import { isLedgerEventShape, KNOWN_EVENT_TYPES, salvageTornLine } from '../../contracts/event-types.ts';
import type { LedgerEvent, NewEvent } from '../../contracts/events.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { ioError, readNoFollow } from './atomic-file.ts';

export interface LedgerRead {
  events: LedgerEvent[];
  warnings: string[];
  /** Bytes of the file that were whole lines. */
  size: number;
}

/**
 * Reads a ledger. A line cut short by an interrupted write (a torn last line, or one a later
 * append started after) is skipped with a warning, and a whole event glued onto it is kept; any
 * other unreadable line stops with an error naming the file and line, and the file is left as it
 * is. Events of types this version does not know are skipped (a newer csm wrote them).
 */
export function readLedger(file: string): LedgerRead {
  let text: string;
  try {
    text = readNoFollow(file).toString('utf8');
  } catch (e) {
    if (e instanceof CsmError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], warnings: [], size: 0 };
    throw ioError(msg.store.couldNotRead(file), e);
  }
  const events: LedgerEvent[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  const torn = !text.endsWith('\n') && text.length > 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const last = i === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (last && torn) {
        warnings.push(
          `${file}: skipped a torn last line (an interrupted write); the next write starts a new line after it`,
        );
        continue;
      }
      const salvaged = salvageTornLine(line);
      if (salvaged === undefined) {
        throw new CsmError('INVALID_FILE', ...msg.store.ledgerLineNotJson(file, i + 1));
      }
      warnings.push(
        `${file} line ${i + 1}: skipped the part of a line an interrupted write cut ` +
          `short${salvaged ? ' (the event after it is kept)' : ''}`,
      );
      if (salvaged === null) continue;
      value = salvaged;
    }
    if (!isLedgerEventShape(value)) {
      throw new CsmError('INVALID_FILE', ...msg.store.ledgerLineNotEvent(file, i + 1));
    }
    if (KNOWN_EVENT_TYPES.has(value.type)) events.push(value);
  }
  return { events, warnings, size: torn ? text.lastIndexOf('\n') + 1 : text.length };
}

export const stamp = (e: NewEvent, t: string): LedgerEvent => ({ v: 1, t, ...e }) as LedgerEvent;

/** Above this, an append is not left to the OS's atomic O_APPEND write: it goes under the store lock. */
export const ATOMIC_APPEND_BYTES = 4096;

/**
 * Appends events as whole lines, in one write at the end of the file (O_APPEND), so that writers
 * need no lock to keep their lines whole and apart: the OS places each write after the others.
 * A tail left without its newline (a crash mid-append, or a write another process has under way)
 * is never cut: the new lines start on a fresh line after it, and readers skip the fragment.
 * Never through a link, never into a FIFO.
 */
export function appendEvents(file: string, events: readonly LedgerEvent[]): void {
  if (events.length > 0) appendLines(file, ledgerLines(events));
}

/** The ledger lines of `events`, each ended by a newline. */
export const ledgerLines = (events: readonly LedgerEvent[]): string =>
  events.map((e) => JSON.stringify(e)).join('\n') + '\n';

/**
 * Appends `text` (whole ledger lines, from ledgerLines) in one O_APPEND write, as appendEvents;
 * `settleMs`: how long a tail without its newline may take to be finished by its writer.
 */
export function appendLines(file: string, text: string, settleMs = 10): void {
  let fd: number | undefined;
  try {
    const { O_RDWR, O_APPEND, O_CREAT, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
    fd = fs.openSync(file, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o644);
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
    const fresh = endsMidLine(fd, st.size, settleMs) ? '\n' : '';
    // one write; a short one (disk full mid-line) is continued, or fails loudly
    const buf = Buffer.from(fresh + text);
    for (let off = 0; off < buf.length; ) {
      const n = fs.writeSync(fd, buf, off, buf.length - off);
      if (n <= 0) throw Object.assign(new Error('no space left to append to the ledger'), { code: 'ENOSPC' });
      off += n;
    }
  } catch (e) {
    throw ioError(msg.store.couldNotAppend(file), e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Whether the file ends inside a line that no one is still writing. Another process's append can
 * be seen half copied (neither fstat nor a read waits for a write under way), and a newline put
 * before ours then would leave a blank line; so a tail without its newline is looked at again each
 * millisecond for up to `settleMs`, and only a tail that stays cut (a crash mid-append) gets one.
 */
function endsMidLine(fd: number, size: number, settleMs: number): boolean {
  const last = Buffer.alloc(1);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let tries = 0; size > 0; tries++) {
    fs.readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return false;
    if (tries >= settleMs) return true;
    Atomics.wait(pause, 0, 0, 1);
    size = fs.fstatSync(fd).size;
  }
  return false;
}

/** The ledger's first line as JSON (the session.started event), read without the rest; null when there is none. */
export function readFirstEvent(file: string): Record<string, unknown> | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const v: unknown = JSON.parse(buf.subarray(0, n).toString('utf8').split('\n')[0] ?? '');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
