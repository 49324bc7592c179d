/** Usage mistakes on the command line: what was wrong, and the fix line (`usageError(...msg.usage.x(…))`). */

export const usage = {
  modSubcommand: (name: string): [string, string] => [
    name ? `unknown mod subcommand "${name.slice(0, 40)}"` : 'csm mod needs a subcommand',
    'csm mod serve is started by the mod inside Claude Code',
  ],
  unknownCommand: (name: string, didYouMean: string): [string, string] => [
    `unknown command "${name.slice(0, 40)}"${didYouMean}`,
    'csm --help lists the commands',
  ],
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
  switchNeedsSession: ['name the session number', 'csm switch 007'] as [string, string],
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
  planUnexpectedArgument: (arg: string | undefined): [string, string] => [
    `unexpected argument "${arg}"`,
    'csm plan --from-json plan.json',
  ],
  unknownGate: (name: string, didYouMean: string, known: readonly string[]): [string, string] => [
    `no gate named ${name}${didYouMean} (the gates: ${known.join(', ') || 'none'})`,
    'csm gates --list shows them',
  ],
  demoDirNotEmpty: (dir: string): [string] => [`${dir} is not empty; csm demo needs a new or empty directory`],
};
