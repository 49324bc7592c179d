import { answerInProcess } from '../hooks/answer-in-process.ts';
import { hookBundle } from '../../kernel/hook-events.ts';
import { lastStop, type PaneView, paneView } from '../../domain/reports/pane-view.ts';
import { statusView } from '../../domain/reports/status-view.ts';
import { onPostToolUse } from '../hooks/on-post-tool-use.ts';
import { handoffOnPressure } from '../session/handoff.ts';
import { openProject } from '../session/open-store.ts';
import { msg } from '../../messages/index.ts';
import type { LocalState } from '../../adapters/store/local-json.ts';
import { markModPresent } from './mod-presence.ts';

/**
 * What csm's mod asks its helper — a Node process the mod starts once per Claude Code session and
 * talks to over a unix socket — so that nothing csm does inside Claude Code starts a process per
 * event: an edit recorded by the PostToolUse use case itself, the pane's lines, a hand-off when the
 * context fills, and `/csm …` answered by the CLI's own commands.
 */
export interface ModDeps {
  /** Runs `csm <args>` in this process and returns what it printed and its exit code. */
  runCli: (args: readonly string[]) => Promise<{ code: number; text: string }>;
  /** Local clock time of an ISO instant (`14:02`). */
  clock: (iso: string) => string;
  /** This helper's pid, for the presence mark `csm doctor` reads. */
  pid: number;
  /** CSM_DISABLE=1: every hook off, the mod's part of them too (edits go on to the command hooks, which do nothing). */
  disabled: boolean;
}

/** The `/csm` subcommands that answer at once, without Claude: the ones that need no model. */
export const MOD_COMMANDS = ['status', 'task', 'gates', 'report', 'metrics', 'pause', 'resume', 'doctor'];

const field = (body: unknown, name: string): unknown =>
  body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The pane for the repository holding `cwd`: its active session's, or a line that says how to start one. */
export function paneFor(cwd: string, deps: Pick<ModDeps, 'clock'>, percent: number | null, running: boolean): PaneView {
  const p = openProject(cwd, { lenientConfig: true });
  const id = p.store.activeSessionId();
  if (!id) return { band: msg.modNoSession, lines: [{ text: msg.modNoSession, tone: 'dim' }] };
  const state = p.store.load(id).state;
  const v = statusView(state, p.now().getTime(), p.store.idleMs, p.config.timeBudgetMinutes);
  const context = percent === null ? null : { percent, thresholds: p.config.context.handoffAt };
  return paneView(v, lastStop(state), { context, running, clock: deps.clock });
}

/** `/csm <words>`: one of MOD_COMMANDS run by the CLI in this repository, or a line that says which exist. */
async function csmCommand(deps: ModDeps, cwd: string, words: string): Promise<{ code: number; text: string }> {
  const args = words.trim().split(/\s+/).filter(Boolean);
  const name = args[0] ?? 'status';
  if (!MOD_COMMANDS.includes(name)) return { code: 2, text: msg.modCommandUnknown(name, MOD_COMMANDS) };
  return deps.runCli([...(args.length ? args : ['status']), '--cwd', cwd]);
}

export interface ModRouter {
  route: (req: { path: string; body: unknown }) => Promise<unknown>;
  /** The repositories served, each marked present until the helper ends. */
  served: () => LocalState[];
}

/** What each route answers with CSM_DISABLE=1: an edit not taken (the mod hands it on unmarked), a pane saying so. */
const DISABLED: Record<string, unknown> = {
  '/post-tool-use': { skipped: true },
  '/pane': { band: msg.modDisabled, lines: [{ text: msg.modDisabled, tone: 'dim' }] },
};

export function modRouter(deps: ModDeps): ModRouter {
  const served = new Map<string, LocalState>();
  const mark = async (cwd: string): Promise<void> => {
    if (served.has(cwd)) return;
    const p = openProject(cwd, { lenientConfig: true });
    served.set(cwd, p.store.local);
    await markModPresent(p.store.local, { pid: deps.pid, since: p.now().toISOString() }).catch(() => undefined);
  };
  const route = async ({ path, body }: { path: string; body: unknown }): Promise<unknown> => {
    const cwd = text(field(body, 'cwd'));
    if (path === '/health') return { ok: true };
    if (!cwd) throw new Error('no cwd');
    if (deps.disabled) return path === '/csm' ? csmCommand(deps, cwd, text(field(body, 'args')) ?? '') : DISABLED[path];
    await mark(cwd);
    switch (path) {
      case '/post-tool-use':
        return answerInProcess(hookBundle('post-tool-use'), onPostToolUse, field(body, 'input'));
      case '/pane':
        return paneFor(cwd, deps, num(field(body, 'percent')), field(body, 'running') === true);
      case '/context': {
        const percent = num(field(body, 'percent'));
        return percent === null ? null : handoffOnPressure(cwd, text(field(body, 'sessionId')), percent);
      }
      case '/csm':
        return csmCommand(deps, cwd, text(field(body, 'args')) ?? '');
      default:
        throw new Error(`no route ${path}`);
    }
  };
  return { route, served: () => [...served.values()] };
}
