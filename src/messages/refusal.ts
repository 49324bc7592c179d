/**
 * Refusals of a command that was well formed: what stands in the way, and the fix line
 * (`new CsmError(code, ...msg.refusal.x(…))`).
 */

const one = (items: readonly string[]): boolean => items.length === 1;

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
  sessionMissing: (id: string): [string, { fix: string }] => [
    `session ${id} does not exist`,
    { fix: 'csm status lists the sessions; csm start "<objective>" begins one' },
  ],
  sessionExists: (id: string): [string] => [`session ${id} already exists`],
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
  noTask: (id: string, session: string, ids: readonly string[]): [string, { fix: string }] => [
    `no task ${id} in session ${session}`,
    { fix: ids.length ? `the tasks are ${ids.join(', ')} (csm task list)` : 'csm task add "<title>" adds one' },
  ],
  tasksInProgress: (open: readonly string[]): [string, { fix: string }] => [
    `${open.join(', ')} ${one(open) ? 'is' : 'are'} still in progress`,
    {
      fix:
        `finish ${one(open) ? 'it' : 'them'} (csm task done ${open[0]}), ` +
        'or: csm complete --force (the review says so)',
    },
  ],
  tasksNotStarted: (pending: readonly string[]): [string, { fix: string }] => [
    `${pending.join(', ')} ${one(pending) ? 'is' : 'are'} not started: completing now leaves ` +
      `${one(pending) ? 'it' : 'them'} undone`,
    {
      fix:
        `do ${one(pending) ? 'it' : 'them'} first (csm task next --start), block ` +
        `${one(pending) ? 'it' : 'each'} with a reason (csm task block ${pending[0]} --reason "…"), ` +
        'or complete anyway with csm complete --force: the next csm start carries them over',
    },
  ],
  renumberGone: (id: string): [string] => [`session ${id} no longer holds two sessions; nothing renumbered`],
  renumberRaced: (other: string): [string] => [
    `session ${other} appeared while renumbering; run csm doctor --fix again`,
  ],
};
