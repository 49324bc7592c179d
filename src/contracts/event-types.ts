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
  'session.completed',
  'session.renumbered',
] as const;

export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/** A ledger line is a csm event when it is an object with a string `type` and a string time `t` (its type may be one a newer csm wrote). */
export const isLedgerEventShape = (x: unknown): x is LedgerEvent =>
  typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string' && typeof (x as { t?: unknown }).t === 'string';
