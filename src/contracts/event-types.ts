import type { LedgerEvent } from './events.ts';

/**
 * The event types this version writes and reads. A plain list so the ledger reader (on every
 * hook's path) does not construct the zod union; test/unit/contracts.test.ts keeps it equal to
 * the schema's.
 */
export const EVENT_TYPES = [
  'session.started',
  'task.added',
  'task.updated',
  'task.removed',
  'task.started',
  'task.paused',
  'task.completed',
  'task.blocked',
  'task.failed',
  'task.handoff',
  'file.edited',
  'evidence.command',
  'gate.run',
  'claude.session',
  'stop.blocked',
  'stop.released',
  'plan.imported',
  'memory.added',
  'context.handoff',
  'session.completed',
  'session.renumbered',
] as const;

export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * A ledger line is a csm event when it is an object with a string `type` and a string time `t` (its type may be one a
 * newer csm wrote).
 */
export const isLedgerEventShape = (x: unknown): x is LedgerEvent =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as { type?: unknown }).type === 'string' &&
  typeof (x as { t?: unknown }).t === 'string';

/** How every line csm writes begins (`stamp` puts `v` and `t` first). */
const CSM_LINE_START = '{"v":1,"t":"';

/**
 * A line that does not parse but begins as csm's lines do was cut short by an interrupted write;
 * the next writer started a fresh line, or (a write continued after another process's) glued a
 * whole line onto it. Returns the glued event when there is one, null when the line is only a
 * fragment, undefined when the line is not csm's (a hand edit: an error, not a skip).
 */
export function salvageTornLine(line: string): LedgerEvent | null | undefined {
  if (!line.startsWith(CSM_LINE_START)) return undefined;
  const at = line.lastIndexOf(CSM_LINE_START);
  if (at <= 0) return null;
  try {
    const value: unknown = JSON.parse(line.slice(at));
    return isLedgerEventShape(value) ? value : null;
  } catch {
    return null;
  }
}
