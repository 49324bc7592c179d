import { isLedgerEventShape, KNOWN_EVENT_TYPES, salvageTornLine } from '../../contracts/event-types.ts';
import type { LedgerEvent } from '../../contracts/events.ts';

export interface LedgerScan {
  /** Events of known types, in order (unknown types are a newer csm's and are skipped, as the store does). */
  events: LedgerEvent[];
  /** A line cut short by an interrupted write (skipped when read; a whole event glued onto it is kept). */
  torn: boolean;
  /** 1-based numbers of lines that are not JSON or not csm events (a torn last line is not counted). */
  badLines: number[];
  /** 1-based line numbers of the `session.started` events. */
  sessionStarts: number[];
  /** Non-empty lines. */
  lineCount: number;
}

/** Reads ledger text the way the store does, but reports every bad line instead of stopping at the first. */
export function scanLedger(text: string): LedgerScan {
  const lines = text.split('\n');
  const tornTail = text.length > 0 && !text.endsWith('\n');
  const scan: LedgerScan = { events: [], torn: false, badLines: [], sessionStarts: [], lineCount: 0 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    scan.lineCount++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const salvaged = tornTail && i === lines.length - 1 ? null : salvageTornLine(line);
      if (salvaged === undefined) {
        scan.badLines.push(i + 1);
        continue;
      }
      scan.torn = true;
      if (salvaged === null) continue;
      value = salvaged;
    }
    if (!isLedgerEventShape(value)) {
      scan.badLines.push(i + 1);
      continue;
    }
    if (value.type === 'session.started') scan.sessionStarts.push(i + 1);
    if (KNOWN_EVENT_TYPES.has(value.type)) scan.events.push(value);
  }
  return scan;
}
