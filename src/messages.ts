/**
 * Every sentence csm says to a person with its "csm: " prefix — hook systemMessages, Stop block
 * reasons, CLI warnings and errors — in one place, so each has the one prefix and one wording.
 * Imports nothing: every layer may use it.
 */
const P = 'csm: ';

/** Prefixes a sentence once (a sentence that already has the prefix keeps it). */
export const csmSays = (text: string): string => (text.startsWith(P) ? text : `${P}${text}`);

export const msg = {
  // CLI
  warning: (text: string): string => `${P}warning: ${text}`,
  error: (message: string): string => `${P}${message}`,
  bug: (message: string): string => `${P}this is a bug: ${message}`,
  demoDirNotEmpty: (dir: string): string => `${P}${dir} is not empty; csm demo needs a new or empty directory`,
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

  // hooks
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
  // Stop gate
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

/** Usage mistakes on the command line: what was wrong, and the fix line (usageError(...usage.x(…))). */
export const usage = {
  unknownOption: (option: string, command: string): [string, string] => [
    `unknown option ${option} for csm ${command}`,
    `csm ${command} --help lists the options`,
  ],
  takesNoValue: (name: string): [string] => [`--${name} takes no value`],
  needsValue: (name: string, value: string | undefined): [string] => [
    `--${name} needs a value${value ? ` (<${value}>)` : ''}`,
  ],
  notANumber: (name: string, value: string): [string] => [`--${name} must be a non-negative number, got "${value}"`],
  notASession: (id: string): [string] => [`"${id.slice(0, 40)}" is not a session number (like 007)`],
  notAMemoryKind: (kind: string, kinds: readonly string[]): [string, string] => [
    `"${kind.slice(0, 40)}" is not a memory kind`,
    `use one of: ${kinds.join(', ')}`,
  ],
  memoryNeedsSub: [
    'csm memory needs add or show',
    'csm memory add decisions "Use zod/mini in hooks for start-up time"',
  ] as [string, string],
  memoryNeedsKind: (kinds: readonly string[]): [string, string] => [
    'name the memory kind',
    `use one of: ${kinds.join(', ')}`,
  ],
  memoryTextEmpty: (kind: string): [string, string] => ['the entry text is empty', `csm memory add ${kind} "<text>"`],
  taskNeedsTitle: ['the task needs a title', 'csm task add "Write the parser" --estimate 20'] as [string, string],
  taskNeedsReason: (id: string | undefined): [string, string] => [
    'say why the task is blocked',
    `csm task block ${id ?? '<id>'} --reason "waiting for the API key"`,
  ],
  taskNeedsSub: (subs: readonly string[], hint: string): [string, string] => [
    `csm task needs one of: ${subs.join(', ')}${hint}`,
    'csm task --help',
  ],
  flagNotForSub: (flag: string, sub: string): [string] => [`--${flag} does not apply to csm task ${sub}`],
  taskNeedsId: (sub: string): [string, string] => [`csm task ${sub} needs a task id`, `csm task ${sub} task-1`],
  notATaskId: (raw: string): [string] => [`"${raw.slice(0, 40)}" is not a task id (like task-3)`],
  fileUnusable: (file: string): [string] => [`--file "${file.slice(0, 40)}…" is not a usable path`],
  fileOutside: (file: string): [string] => [`--file ${file} is outside the repository`],
  objectiveEmpty: ['the objective is empty', 'csm start "Add OAuth login"'] as [string, string],
};

/** Refusals of a command that was well formed: what stands in the way, and the fix line. */
export const refusal = {
  noAgent: (agent: string, agents: readonly string[]): [string, { fix: string }] => [
    `no agent "${agent}" in .claude/agents/`,
    { fix: `use one of: ${agents.join(', ')}` },
  ],
  notAWorkflow: (name: string): [string] => [`"${name.slice(0, 64)}" is not a workflow name`],
  noWorkflow: (name: string, names: readonly string[]): [string, { fix: string }] => [
    `no workflow "${name}" in .claude/workflows/`,
    { fix: names.length ? `use one of: ${names.join(', ')}` : 'run csm init to create the default workflows' },
  ],
  stillActive: (session: string): [string, { fix: string }] => [
    `session ${session} is still active`,
    { fix: 'finish it with: csm complete   (or make another one current with: csm switch <NNN>)' },
  ],
  planNotJson: (why: string): [string, { fix: string }] => [
    `the plan is not valid JSON (${why}); nothing was changed`,
    { fix: 'csm plan --schema shows the format' },
  ],
  planRefused: (problems: readonly string[], shape: boolean): [string, { fix: string }] => [
    `the plan was refused; nothing was changed:\n  - ${problems.join('\n  - ')}`,
    { fix: shape ? 'csm plan --schema shows the format' : 'fix every problem listed and submit the whole plan again' },
  ],
  noSuchSession: (id: string, ids: readonly string[]): [string, { fix: string }] => [
    `no session ${id}`,
    { fix: ids.length ? `sessions: ${ids.join(', ')}` : 'start one with csm start "<objective>"' },
  ],
  configInvalidForHook: (first: string | undefined): [string] => [`.claude/csm.json is not valid: ${first ?? ''}`],
  configInvalid: (errors: readonly string[]): [string, { fix: string }] => [
    `the csm config is not valid:\n  ${errors.join('\n  ')}`,
    { fix: 'correct the named fields in .claude/csm.json (or delete the file to use the defaults)' },
  ],
  noActiveSession: (ignored: string | null): [string, { fix: string }] => [
    `no active session${ignored ? ` (${ignored.replace(/^csm: /, '')})` : ''}`,
    { fix: 'start one with: csm start "<objective>" (or csm switch <NNN> to resume one)' },
  ],
  sessionCompleted: (id: string): [string, { fix: string }] => [
    `session ${id} is completed`,
    { fix: 'start a new one with csm start "<objective>"' },
  ],
};
