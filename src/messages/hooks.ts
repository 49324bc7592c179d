/** What the hooks tell the person (systemMessage) and Claude (context): failures, notes, what changed. */
import { P } from './prefix.ts';

export const hooks = {
  hookFailed: (what: string, detailsIn: string): string => `${P}${what} — details in ${detailsIn}`,
  editRecordedWithWarning: (warning: string): string =>
    `${P}${warning} — csm doctor --fix rebuilds tasks.json from the ledger`,
  gatesDeferred: `${P}gates deferred while background tasks run`,
  autoCompleted: (session: string): string =>
    `${P}every task is done and the gates pass — session ${session} completed (autoComplete); reports are final`,
  readyToComplete: (session: string): string =>
    `${P}every task of session ${session} is done and the gates pass — run /csm:complete to close it`,
  reportsNotRefreshed: `${P}could not bring the session reports up to date (see .claude/.csm/csm-debug.log)`,
  noActiveSessionHint:
    `${P}no csm session is active in this repository. \`/csm:start <objectives>\` (or \`csm start ` +
    `"<objective>"\`) starts one.`,

  // UserPromptSubmit: what changed since Claude was last told
  contextDelta: (session: string, facts: readonly string[]): string =>
    `${P}session ${session} since the last update: ${facts.join('; ')}.`,
  sessionActiveNow: (session: string, detail: string): string =>
    `${P}session ${session} is active now (${detail}). \`csm status\` shows the rest.`,
  advisoryNowFailing: (names: string): string =>
    `advisory checks with new failures after the last edits (not blocking): ${names}` +
    ' — `csm gates --only <name>` shows why',
  sessionNoLongerActive: (session: string): string =>
    `${P}session ${session} is no longer active here; no csm session is active now.`,

  bookkeepingOff: (why: string): string =>
    `${P}bookkeeping is off: ${why.slice(0, 160)} — Claude has the session's context; ` +
    'edits are not recorded until .claude/ is writable',
  bookkeepingOffForClaude:
    'csm cannot write to .claude/ here: this context is as of the last record, and edits are not recorded now.',
} as const;
