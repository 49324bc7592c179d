/**
 * csm's mod: the hooks module Claude Code (2.1.287+) loads from this plugin, in its own worker — no
 * Node, every effect through `$`. Beside the command hooks, which stay the path everywhere a mod
 * does not run (`claude -p` with mods off, older CLIs, other agent CLIs):
 * - each edit is recorded by csm's PostToolUse use case in the helper (`csm mod serve`, one Node
 *   process a session, over a unix socket), and the payload handed on marked, so the command hook
 *   beneath returns at once in its shell filter instead of recording it again;
 * - `/csm status|task|gates|report…` answer through the CLI's own commands, with no model turn;
 * - a pane beside the transcript (a band above the prompt when it has no room) follows the session.
 * Whatever fails here is left to the command hooks: an edit the helper did not take goes on unmarked.
 */
import type { PaneView } from '../domain/reports/pane-view.ts';
import { MOD_RECORDED_MARK } from '../kernel/hook-events.ts';
import { msg } from '../messages/index.ts';
import { ask } from './helper-client.ts';
import type { Dollar, Next, On } from './mod-api.ts';
import { drawBand, drawPane } from './pane.ts';

/** Set on a PostToolUse payload whose edit the mod recorded; first, so the shell filter finds it at once. */
export const RECORDED = MOD_RECORDED_MARK;
const EDIT_TOOLS = new Set(['Write', 'Edit', 'NotebookEdit']);

const live = { cwd: '', view: null as PaneView | null, running: false, percent: null as number | null, placed: false };

async function refresh($: Dollar): Promise<void> {
  if (!live.cwd) return;
  const view = await ask($, '/pane', { cwd: live.cwd, percent: live.percent, running: live.running });
  if (view && typeof view === 'object') live.view = view as PaneView;
  $.ui.invalidate('ui.render');
}

async function runCsm($: Dollar, args: string): Promise<string> {
  const r = (await ask($, '/csm', { cwd: live.cwd, args })) as { code?: number; text?: string } | undefined;
  void refresh($);
  return r?.text?.trimEnd() || msg.modHelperMissing;
}

/** A pane button: the `/csm` step it names, its answer in the transcript as a notice. */
async function press($: Dollar, args: string): Promise<void> {
  $.ui.log(await runCsm($, args));
}

async function onSessionStart($: Dollar, e: Record<string, unknown>, next: Next): Promise<unknown> {
  // before the session goes on: a `claude -p "/csm status"` reads its prompt right after the start
  live.cwd = typeof e.cwd === 'string' ? e.cwd : live.cwd;
  await $.command.register({
    name: 'csm',
    description: 'csm at once, no model turn: status, task next|done|show|list, gates, report, metrics',
    argumentHint: 'status | task next | task done | gates | report',
  });
  const r = await next(e);
  void refresh($);
  // a pane when there is room for one beside the transcript; else the band above the prompt
  const opened = await $.ui.open({ id: 'csm', title: 'csm' }).catch(() => ({ isPlaced: false }));
  live.placed = opened.isPlaced === true;
  return r;
}

async function onEdit($: Dollar, e: Record<string, unknown>, next: Next): Promise<unknown> {
  if (!EDIT_TOOLS.has(String(e.tool_name)) || RECORDED in e) return next(e);
  const cwd = typeof e.cwd === 'string' ? e.cwd : live.cwd;
  live.cwd ||= cwd;
  const answer = await ask($, '/post-tool-use', { cwd, input: e });
  // not taken (no helper, or csm is off): handed on unmarked, the command hook does what it does without the mod
  if (answer === undefined || (answer as { skipped?: unknown } | null)?.skipped === true) return next(e);
  const note = (answer as { systemMessage?: unknown } | null)?.systemMessage;
  if (typeof note === 'string') $.ui.log(note);
  const r = await next({ [RECORDED]: true, ...e });
  void refresh($);
  return r;
}

async function onStop($: Dollar, e: Record<string, unknown>, next: Next): Promise<unknown> {
  live.running = true;
  void refresh($);
  try {
    return await next(e);
  } finally {
    live.running = false;
    void refresh($);
  }
}

async function onMeasure($: Dollar, e: Record<string, unknown>, next: Next): Promise<unknown> {
  const r = await next(e);
  const percent = (e.context as { percent?: unknown } | undefined)?.percent;
  if (typeof percent === 'number' && live.cwd) {
    live.percent = percent;
    await ask($, '/context', { cwd: live.cwd, sessionId: null, percent });
    void refresh($);
  }
  return r;
}

export function register(on: On): void {
  on('session.start', onSessionStart);
  on('classic.PostToolUse', onEdit);
  on('classic.Stop', onStop);
  on('session.measure', onMeasure);
  on('turn.complete', async ($, e, next) => {
    const r = await next(e);
    void refresh($);
    return r;
  });
  on('command.run', { command: 'csm' }, async ($, e) => ({
    text: await runCsm($, typeof e.args === 'string' ? e.args : ''),
    isTextDisplayOnly: true,
  }));
  on('ui.render', { component: 'Pane' }, ($, e) => drawPane($, e, live.view, (args) => press($, args)));
  on('ui.render', { component: 'AbovePrompt' }, ($, e, next) => (live.placed ? next(e) : drawBand($, e, live.view)));
}
