import fs from 'node:fs';
import { isLedgerEventShape, KNOWN_EVENT_TYPES } from '../../contracts/event-types.ts';
import type { LedgerEvent, NewEvent } from '../../contracts/events.ts';
import { CsmError } from '../../errors.ts';
import { ioError } from './atomic-file.ts';

export interface LedgerRead {
  events: LedgerEvent[];
  warnings: string[];
  /** Bytes of the file that were whole lines. */
  size: number;
}

/**
 * Reads a ledger. A torn last line (a crash mid-append) is skipped with a warning; any other
 * unreadable line stops with an error naming the file and line, and the file is left as it is.
 * Events of types this version does not know are skipped (a newer csm wrote them).
 */
export function readLedger(file: string): LedgerRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], warnings: [], size: 0 };
    throw ioError(`could not read ${file}`, e);
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
        warnings.push(`${file}: skipped a torn last line (an interrupted write); it will be dropped on the next write`);
        continue;
      }
      throw new CsmError('INVALID_FILE', `${file} line ${i + 1} is not valid JSON`, {
        fix: `repair or delete line ${i + 1} (the ledger is append-only JSON lines; git diff shows what changed)`,
      });
    }
    if (!isLedgerEventShape(value)) {
      throw new CsmError('INVALID_FILE', `${file} line ${i + 1} is not a csm event (needs "type" and "t")`, {
        fix: `repair or delete line ${i + 1}`,
      });
    }
    if (KNOWN_EVENT_TYPES.has(value.type)) events.push(value);
  }
  return { events, warnings, size: torn ? text.lastIndexOf('\n') + 1 : text.length };
}

export const stamp = (e: NewEvent, t: string): LedgerEvent => ({ v: 1, t, ...e }) as LedgerEvent;

/**
 * Appends events as whole lines in one write. Call it holding the store lock: a torn tail left
 * by a crash is cut off first, so the new lines never glue onto it.
 */
export function appendEvents(file: string, events: readonly LedgerEvent[]): void {
  if (events.length === 0) return;
  const text = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'a+');
    const size = fs.fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        const keep = lastNewline(fd, size);
        fs.ftruncateSync(fd, keep);
      }
    }
    // a short write (disk full mid-line) is continued, or fails loudly: never a silent partial line
    const buf = Buffer.from(text);
    for (let off = 0; off < buf.length; ) {
      const n = fs.writeSync(fd, buf, off, buf.length - off);
      if (n <= 0) throw Object.assign(new Error('no space left to append to the ledger'), { code: 'ENOSPC' });
      off += n;
    }
  } catch (e) {
    throw ioError(`could not append to ${file}`, e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function lastNewline(fd: number, size: number): number {
  const chunk = Buffer.alloc(Math.min(size, 65536));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = fs.readSync(fd, chunk, 0, end - start, start);
    const idx = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (idx >= 0) return start + idx + 1;
    end = start;
  }
  return 0;
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
