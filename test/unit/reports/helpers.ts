import type { GateResult, LedgerEvent, NewEvent } from '../../../src/contracts/events.ts';
import { type SessionState } from '../../../src/domain/tasks/session-state.ts';
import { foldEvents } from '../../../src/domain/tasks/fold-events.ts';
import { ev } from '../../support/events.ts';

export { at, edit, ev, spec, started } from '../../support/events.ts';

type Status = GateResult['status'];

export const result = (name: string, status: Status, over: Partial<GateResult> = {}): GateResult => ({
  name,
  status,
  blocking: true,
  durationMs: 10,
  command: `npm run ${name}`,
  summary:
    status === 'pass' ? 'passed in 0.1 s' : `${name} failed\nsrc/a.ts:3 expected 1 got 2\nthird line\nfourth line`,
  fingerprint: null,
  cached: false,
  ...over,
});

/** A gate.run event at minute `min`. */
export const gateRun = (min: number, results: GateResult[], trigger = 'stop'): LedgerEvent =>
  ev(min, { type: 'gate.run', trigger, results });

export const fold = (events: LedgerEvent[]): SessionState => foldEvents('001', events);
export const evs = (pairs: [number, NewEvent][]): LedgerEvent[] => pairs.map(([m, e]) => ev(m, e));
