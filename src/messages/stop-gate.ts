/** What the Stop gate says about each gate it ran or skipped, and why it blocks or lets Claude stop. */
import { P } from './prefix.ts';

export const stopGate = {
  gateUnchangedSincePass: (at: string): string => `unchanged since it passed (${at})`,
  gateTimedOutUnchanged: (at: string): string =>
    `timed out at ${at} on these same files — not started again until they change (csm gates --force runs it)`,
  gateStillFailingUnchanged: (at: string): string =>
    `still failing, unchanged since ${at} (csm gates shows the output)`,
  gateAdvisoryFailingBefore:
    'failing since before this session (the baseline) — advisory, so it runs at task-done and complete, ' +
    'not on every Stop',
  gateRanToTheEnd: 'its tests ran to the end (--bail off: a failure from before this session would stop the rest)',
  gateRanEveryStep: 'every step of its script ran (one failed before this session and would stop the rest)',
  gateAffectedPass: (output: string, scope: string, kind: string): string =>
    kind === 'test'
      ? `${output} — the affected tests (${scope}); task-done and complete run them all`
      : `${output} — the affected packages (${scope}); task-done and complete check them all`,
  gateAffectedScope: (scope: string, kind: string): string =>
    `scope: the affected ${kind === 'test' ? 'tests' : 'packages'} (${scope})`,
  gatesFailed: (count: number, names: string): string =>
    `${P}${count === 1 ? 'the gate' : `${count} gates`} ${names} failed — fix ${count === 1 ? 'it' : 'them'} ` +
    `before stopping.`,
  stopNote: (parts: readonly string[]): string => `${P}${parts.join('; ')}`,
  blockCapReached: (names: string, cap: number): string =>
    `${P}${names} still failing after ${cap} blocks in a row — letting Claude stop; recorded in ` +
    `.claude/memory/errors.md`,
  stopBlocked: (names: string, attempt: number, cap: number): string =>
    `${P}Stop blocked — ${names} failing (${attempt}/${cap})`,
} as const;
