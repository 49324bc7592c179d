// src/kernel/hook-events.ts
var MOD_RECORDED_MARK = "csm_recorded_by_mod";

// src/messages/prefix.ts
var P = "csm: ";

// src/messages/cli.ts
var cli = {
  warning: (text) => `${P}warning: ${text}`,
  error: (message) => `${P}${message}`,
  bug: (message) => `${P}this is a bug: ${message}`,
  overMicroTaskLimit: (lines) => `${P}warning: over the ${lines}-line micro-task limit; consider splitting it`,
  historyLineSkipped: (file, line, problem) => `${P}warning: ${file} line ${line} ${problem} (skipped)`,
  statusLineNoSession: `${P}no session`,
  statusLineError: (first) => `${P}${first}`,
  pointerIgnored: (session, why) => `${P}session ${session} is not active here: ${why}. csm switch ${session} makes it active on this machine (after you check its gates in .claude/csm.json)`,
  pausedHere: (reason) => `${P}paused in this repository${reason ? ` (${reason})` : ""}: no context, no edit recording, no Stop checks \u2014 csm resume turns it back on`,
  pausedStatus: (since, reason) => `Paused (${since}${reason ? `: ${reason}` : ""}) \u2014 the hooks do nothing here until csm resume`,
  storeLinked: (link) => `${P}csm ignores this repository's sessions: ${link} is a symlink, and csm does not read or write through links under .claude/ (a committed link can hand this clone another clone's session). Replace it with a real file or folder: csm doctor shows how`,
  gateNotTrusted: (changes) => `what it runs changed since it was accepted (at csm start or csm gates --trust): ${changes.join("; ")} \u2014 not run on Stop until you confirm: csm gates --trust`,
  lockWaiting: (holder) => `${P}waiting for another csm process${holder === "?" ? "" : ` (pid ${holder})`} to finish writing .claude/ \u2026`,
  baselineRunning: (gates) => `${P}baseline \u2014 running ${gates} once before any change\u2026`,
  baselineGateDone: (name, status, seconds) => `${P}  ${name}: ${status} in ${seconds} s`
};

// src/messages/hooks.ts
var hooks = {
  hookFailed: (what, detailsIn) => `${P}${what} \u2014 details in ${detailsIn}`,
  editRecordedWithWarning: (warning) => `${P}${warning} \u2014 csm doctor --fix rebuilds tasks.json from the ledger`,
  gatesDeferred: `${P}gates deferred while background tasks run`,
  autoCompleted: (session) => `${P}every task is done and the gates pass \u2014 session ${session} completed (autoComplete); reports are final`,
  readyToComplete: (session) => `${P}every task of session ${session} is done and the gates pass \u2014 run /csm:complete to close it`,
  reportsNotRefreshed: `${P}could not bring the session reports up to date (see .claude/.csm/csm-debug.log)`,
  noActiveSessionHint: `${P}no csm session is active in this repository. \`/csm:start <objectives>\` (or \`csm start "<objective>"\`) starts one.`,
  // UserPromptSubmit: what changed since Claude was last told
  contextDelta: (session, facts) => `${P}session ${session} since the last update: ${facts.join("; ")}.`,
  sessionActiveNow: (session, detail) => `${P}session ${session} is active now (${detail}). \`csm status\` shows the rest.`,
  advisoryNowFailing: (names) => `advisory checks with new failures after the last edits (not blocking): ${names} \u2014 \`csm gates --only <name>\` shows why`,
  sessionNoLongerActive: (session) => `${P}session ${session} is no longer active here; no csm session is active now.`,
  bookkeepingOff: (why) => `${P}bookkeeping is off: ${why.slice(0, 160)} \u2014 Claude has the session's context; edits are not recorded until .claude/ is writable`,
  bookkeepingOffForClaude: "csm cannot write to .claude/ here: this context is as of the last record, and edits are not recorded now."
};

// src/messages/mod.ts
var mod = {
  modNoSession: `${P}no active session \u2014 /csm:start "<objective>" begins one`,
  modCommandUnknown: (name, known) => `${P}/csm ${name} is not a command that answers at once; these do: ${known.join(", ")} (planning and starting a session go through Claude: /csm:start, /csm:plan)`,
  modHelperStopped: (why) => `${P}the mod's helper stopped (${why})`,
  modHelperNoAnswer: (route, why) => `${P}the mod's helper did not answer ${route} (${why})`,
  modReading: `${P}reading the session\u2026`,
  modDisabled: `${P}off (CSM_DISABLE=1): no context, no recording, no Stop checks`,
  modHelperMissing: `${P}the mod's helper is not running; run csm in a terminal`
};

// src/messages/refusal.ts
var one = (items) => items.length === 1;
var refusal = {
  noAgent: (agent, agents) => [
    `no agent "${agent}" in .claude/agents/`,
    { fix: `use one of: ${agents.join(", ")}` }
  ],
  notAWorkflow: (name) => [`"${name.slice(0, 64)}" is not a workflow name`],
  noWorkflow: (name, names) => [
    `no workflow "${name}" in .claude/workflows/`,
    { fix: names.length ? `use one of: ${names.join(", ")}` : "run csm init to create the default workflows" }
  ],
  stillActive: (session) => [
    `session ${session} is still active`,
    { fix: "finish it with: csm complete   (or make another one current with: csm switch <NNN>)" }
  ],
  planNotJson: (why) => [
    `the plan is not valid JSON (${why}); nothing was changed`,
    { fix: "csm plan --schema shows the format" }
  ],
  planRefused: (problems, shape) => [
    `the plan was refused; nothing was changed:
  - ${problems.join("\n  - ")}`,
    { fix: shape ? "csm plan --schema shows the format" : "fix every problem listed and submit the whole plan again" }
  ],
  noSuchSession: (id, ids) => [
    `no session ${id}`,
    { fix: ids.length ? `sessions: ${ids.join(", ")}` : 'start one with csm start "<objective>"' }
  ],
  sessionMissing: (id) => [
    `session ${id} does not exist`,
    { fix: 'csm status lists the sessions; csm start "<objective>" begins one' }
  ],
  sessionExists: (id) => [`session ${id} already exists`],
  configInvalidForHook: (first) => [`.claude/csm.json is not valid: ${first ?? ""}`],
  configInvalid: (errors) => [
    `the csm config is not valid:
  ${errors.join("\n  ")}`,
    { fix: "correct the named fields in .claude/csm.json (or delete the file to use the defaults)" }
  ],
  noActiveSession: (ignored) => [
    `no active session${ignored ? ` (${ignored.replace(/^csm: /, "")})` : ""}`,
    { fix: 'start one with: csm start "<objective>" (or csm switch <NNN> to resume one)' }
  ],
  sessionCompleted: (id) => [
    `session ${id} is completed`,
    { fix: 'start a new one with csm start "<objective>"' }
  ],
  noTask: (id, session, ids) => [
    `no task ${id} in session ${session}`,
    { fix: ids.length ? `the tasks are ${ids.join(", ")} (csm task list)` : 'csm task add "<title>" adds one' }
  ],
  tasksInProgress: (open) => [
    `${open.join(", ")} ${one(open) ? "is" : "are"} still in progress`,
    {
      fix: `finish ${one(open) ? "it" : "them"} (csm task done ${open[0]}), or: csm complete --force (the review says so)`
    }
  ],
  tasksNotStarted: (pending) => [
    `${pending.join(", ")} ${one(pending) ? "is" : "are"} not started: completing now leaves ${one(pending) ? "it" : "them"} undone`,
    {
      fix: `do ${one(pending) ? "it" : "them"} first (csm task next --start), block ${one(pending) ? "it" : "each"} with a reason (csm task block ${pending[0]} --reason "\u2026"), or complete anyway with csm complete --force: the next csm start carries them over`
    }
  ],
  renumberGone: (id) => [`session ${id} no longer holds two sessions; nothing renumbered`],
  renumberRaced: (other) => [
    `session ${other} appeared while renumbering; run csm doctor --fix again`
  ]
};

// src/messages/setup.ts
var setup = {
  settingsNotJson: (file, why) => [
    `${file} is not valid JSON (${why}); csm will not touch it`,
    { fix: "repair the JSON by hand (claude --debug shows settings errors too), then run the command again" }
  ],
  settingsNotObject: (file) => [`${file} must hold a JSON object`],
  settingsHooksNotObject: (file) => [
    `${file}: "hooks" must be an object of events`,
    { fix: "repair the hooks field by hand" }
  ],
  codexHooksAdded: (added, file) => `  Codex hooks: added ${added} to ${file}`,
  codexHooksPresent: (file) => `  Codex hooks: already in ${file}`,
  codexHooksNeedPackage: (installLine) => `  note: the Codex hooks run node_modules/claude-session-manager; install it with: ${installLine}`,
  codexHooksTrust: "  Codex runs a project's hooks once you trust the project and review them: /hooks in Codex (the hooks of a project not trusted, or changed since reviewed, are skipped without a word)",
  codexPluginRemove: "If csm is installed into Codex as a plugin, also run: codex plugin remove csm@csm-marketplace",
  doctorCodexOnly: "no Claude Code hooks here; csm is installed for Codex (below)",
  doctorCodexInstall: (root) => `or for Codex: codex plugin marketplace add ${root} && codex plugin add csm@csm-marketplace`,
  doctorCodexInstalled: (where) => `Codex: csm's hooks installed (${where})`,
  doctorCodexTwice: (where) => `Codex: csm's hooks are installed twice (${where}): Codex runs both copies, so every hook runs twice`,
  doctorCodexTwiceFix: "keep one: csm uninstall takes them out of .codex/hooks.json, or: codex plugin remove csm@csm-marketplace"
};

// src/messages/stop-gate.ts
var stopGate = {
  gateUnchangedSincePass: (at) => `unchanged since it passed (${at})`,
  gateTimedOutUnchanged: (at) => `timed out at ${at} on these same files \u2014 not started again until they change (csm gates --force runs it)`,
  gateStillFailingUnchanged: (at) => `still failing, unchanged since ${at} (csm gates shows the output)`,
  gateAdvisoryFailingBefore: "failing since before this session (the baseline) \u2014 advisory, so it runs at task-done and complete, not on every Stop",
  gateRanToTheEnd: "its tests ran to the end (--bail off: a failure from before this session would stop the rest)",
  gateRanEveryStep: "every step of its script ran (one failed before this session and would stop the rest)",
  gateAffectedPass: (output, scope, kind) => kind === "test" ? `${output} \u2014 the affected tests (${scope}); task-done and complete run them all` : `${output} \u2014 the affected packages (${scope}); task-done and complete check them all`,
  gateAffectedScope: (scope, kind) => `scope: the affected ${kind === "test" ? "tests" : "packages"} (${scope})`,
  gatesFailed: (count, names) => `${P}${count === 1 ? "the gate" : `${count} gates`} ${names} failed \u2014 fix ${count === 1 ? "it" : "them"} before stopping.`,
  stopNote: (parts) => `${P}${parts.join("; ")}`,
  blockCapReached: (names, cap) => `${P}${names} still failing after ${cap} blocks in a row \u2014 letting Claude stop; recorded in .claude/memory/errors.md`,
  stopBlocked: (names, attempt, cap) => `${P}Stop blocked \u2014 ${names} failing (${attempt}/${cap})`
};

// src/messages/store.ts
var REWRITE_TASKS = "correct that field, or rebuild the file from the ledger with: csm doctor --fix";
var store = {
  brokenLink: (rel) => [
    `${rel} is a broken symlink; csm will not read or write through it`,
    { fix: "remove the link (csm creates a real file or directory there next time)" }
  ],
  linkIntoGit: (rel, real) => [
    `${rel} is a symlink into .git (${real}); csm never writes there`,
    { fix: "replace the link with a real file or directory" }
  ],
  linkOutside: (rel, real, root) => [
    `${rel} is a symlink to ${real}, outside the repository; csm will not read or write there`,
    { fix: `replace the link with a real file or directory, or move the target inside ${root}` }
  ],
  linkInside: (rel, real) => [
    `${rel} is a symlink (to ${real}); csm does not read or write through links under .claude/`,
    { fix: "replace the link with a real file or directory (csm doctor shows the command)" }
  ],
  outsideClaude: (target, claude) => [`refusing to write ${target}: it is outside ${claude}`],
  tasksOffSchema: (file, problems) => [
    `${file} does not match the tasks schema: ${problems}`,
    { fix: REWRITE_TASKS }
  ],
  /** `field`: a top-level field name, or the index of a task in `tasks`. */
  tasksFieldNotWritten: (file, field) => [
    `${file} does not match the tasks schema: ${typeof field === "string" ? field : `tasks[${field}]`} is not what csm wrote`,
    { fix: REWRITE_TASKS }
  ],
  tasksNotJson: (file, why, rel) => [
    `${file} is not valid JSON (${why})`,
    { fix: `restore it (git checkout -- ${rel}) or rebuild it from the ledger with: csm doctor --fix` }
  ],
  ledgerLineNotJson: (file, line) => [
    `${file} line ${line} is not valid JSON`,
    { fix: `repair or delete line ${line} (the ledger is append-only JSON lines; git diff shows what changed)` }
  ],
  ledgerLineNotEvent: (file, line) => [
    `${file} line ${line} is not a csm event (needs "type" and "t")`,
    { fix: `repair or delete line ${line}` }
  ],
  locked: (lockDir) => [
    `the store is locked by another csm process (${lockDir})`,
    { fix: "wait a moment and retry; if no csm process is running, delete that directory" }
  ],
  // what failed, for ioError(what, cause)
  couldNotRead: (file) => `could not read ${file}`,
  couldNotWrite: (file) => `could not write ${file}`,
  couldNotAppend: (file) => `could not append to ${file}`,
  couldNotCreate: (dir) => `could not create ${dir}`,
  couldNotLock: (lockDir) => `could not take the lock ${lockDir}`,
  /** A failed read or write with the system's error code, and the fix when the code says one. */
  ioFailed: (what, code) => [
    `${what}${code ? ` (${code})` : ""}`,
    code === "ENOSPC" ? { fix: "the disk is full: free some space and run the command again" } : code === "EACCES" || code === "EPERM" || code === "EROFS" ? { fix: "the store is not writable: check the permissions of .claude/ (csm doctor shows them)" } : {}
  ]
};

// src/messages/tools.ts
var WHY = {
  ENOENT: "there is no such file",
  EACCES: "you may not read it (permissions)",
  EISDIR: "it is a folder, not a file"
};
var tools = {
  demoGitFailed: (command, detail) => [
    `git ${command} failed in the demo repo: ${detail}`,
    { fix: "csm demo needs git on the PATH" }
  ],
  hookBundleMissing: (name) => [
    `the hook bundle ${name}.mjs is missing`,
    { fix: "run npm run build" }
  ],
  /** `source`: the path given, or `-` for stdin; `why`: the system's error code or text when it has no words here. */
  inputUnreadable: (what, source, why, cwd) => [
    `could not read ${what} from ${source === "-" ? "stdin" : source}: ${WHY[why] ?? why}`,
    { fix: source === "-" ? `pipe ${what} in: \u2026 | csm \u2026` : `check the path (from ${cwd}), or give - for stdin` }
  ]
};

// src/messages/usage.ts
var usage = {
  modSubcommand: (name) => [
    name ? `unknown mod subcommand "${name.slice(0, 40)}"` : "csm mod needs a subcommand",
    "csm mod serve is started by the mod inside Claude Code"
  ],
  unknownCommand: (name, didYouMean) => [
    `unknown command "${name.slice(0, 40)}"${didYouMean}`,
    "csm --help lists the commands"
  ],
  unknownOption: (option, command) => [
    `unknown option ${option} for csm ${command}`,
    `csm ${command} --help lists the options`
  ],
  takesNoValue: (name) => [`--${name} takes no value`],
  needsValue: (name, value) => [
    `--${name} needs a value${value ? ` (<${value}>)` : ""}`
  ],
  notANumber: (name, value) => [`--${name} must be a non-negative number, got "${value}"`],
  notASession: (id) => [`"${id.slice(0, 40)}" is not a session number (like 007)`],
  switchNeedsSession: ["name the session number", "csm switch 007"],
  notAMemoryKind: (kind, kinds) => [
    `"${kind.slice(0, 40)}" is not a memory kind`,
    `use one of: ${kinds.join(", ")}`
  ],
  memoryNeedsSub: [
    "csm memory needs add or show",
    'csm memory add decisions "Use zod/mini in hooks for start-up time"'
  ],
  memoryNeedsKind: (kinds) => [
    "name the memory kind",
    `use one of: ${kinds.join(", ")}`
  ],
  memoryTextEmpty: (kind) => ["the entry text is empty", `csm memory add ${kind} "<text>"`],
  taskNeedsTitle: ["the task needs a title", 'csm task add "Write the parser" --estimate 20'],
  taskNeedsReason: (id) => [
    "say why the task is blocked",
    `csm task block ${id ?? "<id>"} --reason "waiting for the API key"`
  ],
  taskNeedsSub: (subs, hint) => [
    `csm task needs one of: ${subs.join(", ")}${hint}`,
    "csm task --help"
  ],
  flagNotForSub: (flag, sub) => [`--${flag} does not apply to csm task ${sub}`],
  taskNeedsId: (sub) => [`csm task ${sub} needs a task id`, `csm task ${sub} task-1`],
  notATaskId: (raw) => [`"${raw.slice(0, 40)}" is not a task id (like task-3)`],
  fileUnusable: (file) => [`--file "${file.slice(0, 40)}\u2026" is not a usable path`],
  fileOutside: (file) => [`--file ${file} is outside the repository`],
  objectiveEmpty: ["the objective is empty", 'csm start "Add OAuth login"'],
  planUnexpectedArgument: (arg) => [
    `unexpected argument "${arg}"`,
    "csm plan --from-json plan.json"
  ],
  unknownGate: (name, didYouMean, known) => [
    `no gate named ${name}${didYouMean} (the gates: ${known.join(", ") || "none"})`,
    "csm gates --list shows them"
  ],
  demoDirNotEmpty: (dir) => [`${dir} is not empty; csm demo needs a new or empty directory`]
};

// src/messages/index.ts
var msg = {
  ...cli,
  ...hooks,
  ...stopGate,
  ...mod,
  /** Usage mistakes on the command line: `usageError(...msg.usage.x(…))`. */
  usage,
  /** A well-formed command refused: `new CsmError(code, ...msg.refusal.x(…))`. */
  refusal,
  store,
  setup,
  tools
};

// src/mod/helper-client.ts
var MAX_STARTS = 3;
var socket = null;
var starts = 0;
async function start($) {
  starts++;
  const env = await $.process.hookEnv();
  const stream = $.process.spawn({ argv: ["node", `${$.plugin.root}/dist/cli.mjs`, "mod", "serve"], env });
  return new Promise((resolve) => {
    let out = "";
    void (async () => {
      try {
        for await (const c of stream) {
          if (c.stream !== "stdout" || out.includes("\n")) continue;
          out += c.text;
          const first = out.split("\n")[0] ?? "";
          if (out.includes("\n")) resolve(listeningOn(first));
        }
      } catch (e) {
        $.ui.log(msg.modHelperStopped(String(e)), { to: "debug" });
      }
      socket = null;
      resolve(null);
    })();
  });
}
function listeningOn(line) {
  try {
    const v = JSON.parse(line);
    return typeof v.listening === "string" ? v.listening : null;
  } catch {
    return null;
  }
}
function helperSocket($) {
  if (!socket && starts < MAX_STARTS) socket = start($);
  return socket ?? Promise.resolve(null);
}
async function ask($, route, body) {
  const path = await helperSocket($);
  if (!path) return void 0;
  try {
    const r = await $.http.fetch(`http://csm${route}`, {
      method: "POST",
      body: JSON.stringify(body),
      socketPath: path
    });
    if (r.status !== 200) return void 0;
    return JSON.parse(typeof r.text === "function" ? await r.text() : r.text);
  } catch (e) {
    $.ui.log(msg.modHelperNoAnswer(route, String(e)), { to: "debug" });
    return void 0;
  }
}

// src/mod/pane.ts
var COLORS = {
  head: { bold: true },
  plain: {},
  dim: { dimColor: true },
  good: { color: "green" },
  bad: { color: "red" },
  warn: { color: "yellow" }
};
var BUTTONS = [
  { key: "csm-next", hotkey: "n", label: "next task", args: "task next --start" },
  { key: "csm-done", hotkey: "d", label: "task done", args: "task done" },
  { key: "csm-gates", hotkey: "g", label: "run gates", args: "gates" },
  { key: "csm-report", hotkey: "r", label: "report", args: "report" }
];
function drawPane($, e, view, press2) {
  const { Box, Text, Button } = $.ui.resolve(e);
  if (!view) return h(Text, { dimColor: true }, msg.modReading);
  const rows = view.lines.map((l) => h(Text, COLORS[l.tone], l.text));
  const buttons = BUTTONS.map(
    (b) => h(Button, { key: b.key, hotkey: b.hotkey, label: b.label, onPress: () => press2(b.args) })
  );
  return h(Box, { flexDirection: "column" }, ...rows, h(Box, { flexDirection: "row", gap: 1 }, ...buttons));
}
function drawBand($, e, view) {
  const { Text } = $.ui.resolve(e);
  return h(Text, { color: "cyan" }, view ? view.band : msg.modReading);
}

// src/mod/register.ts
var RECORDED = MOD_RECORDED_MARK;
var EDIT_TOOLS = /* @__PURE__ */ new Set(["Write", "Edit", "NotebookEdit"]);
var live = { cwd: "", view: null, running: false, percent: null, placed: false };
async function refresh($) {
  if (!live.cwd) return;
  const view = await ask($, "/pane", { cwd: live.cwd, percent: live.percent, running: live.running });
  if (view && typeof view === "object") live.view = view;
  $.ui.invalidate("ui.render");
}
async function runCsm($, args) {
  const r = await ask($, "/csm", { cwd: live.cwd, args });
  void refresh($);
  return r?.text?.trimEnd() || msg.modHelperMissing;
}
async function press($, args) {
  $.ui.log(await runCsm($, args));
}
async function onSessionStart($, e, next) {
  live.cwd = typeof e.cwd === "string" ? e.cwd : live.cwd;
  await $.command.register({
    name: "csm",
    description: "csm at once, no model turn: status, task next|done|show|list, gates, report, metrics",
    argumentHint: "status | task next | task done | gates | report"
  });
  const r = await next(e);
  void refresh($);
  const opened = await $.ui.open({ id: "csm", title: "csm" }).catch(() => ({ isPlaced: false }));
  live.placed = opened.isPlaced === true;
  return r;
}
async function onEdit($, e, next) {
  if (!EDIT_TOOLS.has(String(e.tool_name)) || RECORDED in e) return next(e);
  const cwd = typeof e.cwd === "string" ? e.cwd : live.cwd;
  live.cwd ||= cwd;
  const answer = await ask($, "/post-tool-use", { cwd, input: e });
  if (answer === void 0 || answer?.skipped === true) return next(e);
  const note = answer?.systemMessage;
  if (typeof note === "string") $.ui.log(note);
  const r = await next({ [RECORDED]: true, ...e });
  void refresh($);
  return r;
}
async function onStop($, e, next) {
  live.running = true;
  void refresh($);
  try {
    return await next(e);
  } finally {
    live.running = false;
    void refresh($);
  }
}
async function onMeasure($, e, next) {
  const r = await next(e);
  const percent = e.context?.percent;
  if (typeof percent === "number" && live.cwd) {
    live.percent = percent;
    await ask($, "/context", { cwd: live.cwd, sessionId: null, percent });
    void refresh($);
  }
  return r;
}
function register(on) {
  on("session.start", onSessionStart);
  on("classic.PostToolUse", onEdit);
  on("classic.Stop", onStop);
  on("session.measure", onMeasure);
  on("turn.complete", async ($, e, next) => {
    const r = await next(e);
    void refresh($);
    return r;
  });
  on("command.run", { command: "csm" }, async ($, e) => ({
    text: await runCsm($, typeof e.args === "string" ? e.args : ""),
    isTextDisplayOnly: true
  }));
  on("ui.render", { component: "Pane" }, ($, e) => drawPane($, e, live.view, (args) => press($, args)));
  on("ui.render", { component: "AbovePrompt" }, ($, e, next) => live.placed ? next(e) : drawBand($, e, live.view));
}
export {
  RECORDED,
  register
};
