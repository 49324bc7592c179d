/** What the CLI says around a command: warnings, the error and bug lines, the status line, pause and store notes. */
import { P } from './prefix.ts';

export const cli = {
  warning: (text: string): string => `${P}warning: ${text}`,
  error: (message: string): string => `${P}${message}`,
  bug: (message: string): string => `${P}this is a bug: ${message}`,
  overMicroTaskLimit: (lines: number): string =>
    `${P}warning: over the ${lines}-line micro-task limit; consider splitting it`,
  historyLineSkipped: (file: string, line: number, problem: string): string =>
    `${P}warning: ${file} line ${line} ${problem} (skipped)`,
  statusLineNoSession: `${P}no session`,
  statusLineError: (first: string): string => `${P}${first}`,
  pointerIgnored: (session: string, why: string): string =>
    `${P}session ${session} is not active here: ${why}. csm switch ${session} makes it active on this machine ` +
    `(after you check its gates in .claude/csm.json)`,
  pausedHere: (reason: string | null): string =>
    `${P}paused in this repository${reason ? ` (${reason})` : ''}: no context, no edit recording, no Stop checks — ` +
    'csm resume turns it back on',
  pausedStatus: (since: string, reason: string | null): string =>
    `Paused (${since}${reason ? `: ${reason}` : ''}) — the hooks do nothing here until csm resume`,
  storeLinked: (link: string): string =>
    `${P}csm ignores this repository's sessions: ${link} is a symlink, and csm does not read or write through ` +
    "links under .claude/ (a committed link can hand this clone another clone's session). " +
    'Replace it with a real file or folder: csm doctor shows how',
  gateNotTrusted: (changes: readonly string[]): string =>
    `what it runs changed since it was accepted (at csm start or csm gates --trust): ${changes.join('; ')} — ` +
    'not run on Stop until you confirm: csm gates --trust',
  lockWaiting: (holder: string): string =>
    `${P}waiting for another csm process${holder === '?' ? '' : ` (pid ${holder})`} to finish writing .claude/ …`,
  baselineRunning: (gates: string): string => `${P}baseline — running ${gates} once before any change…`,
  baselineGateDone: (name: string, status: string, seconds: string): string =>
    `${P}  ${name}: ${status} in ${seconds} s`,
} as const;
