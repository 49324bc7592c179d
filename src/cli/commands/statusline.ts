import fs from 'node:fs';
import { msg } from '../../messages/index.ts';
import { handoffOnPressure } from '../../usecases/session/handoff.ts';
import { statusLineView } from '../../usecases/session/status.ts';
import type { Command } from '../command.ts';
import { progressBar } from '../output.ts';

function readStdinJson(): Record<string, unknown> {
  if (process.stdin.isTTY) return {};
  try {
    const v: unknown = JSON.parse(fs.readFileSync(0, 'utf8') || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One line for Claude Code's statusLine: session, active task, progress, gate state. Never fails. */
export function statusLine(input: Record<string, unknown>, now: Date): string {
  return statusLineData(input, now).line;
}

export interface StatusLineData {
  line: string;
  /** How full the context window is (the status line input's context_window.used_percentage), when given. */
  contextPercent?: number | null;
  /** The threshold passed that a hand-off note covers for this window (written now or earlier). */
  handoffAt?: number | null;
  /** This call wrote that note. */
  handoffWritten?: boolean;
  session: string | null;
  activeTask: string | null;
  progress: { completed: number; total: number } | null;
  gates: 'passing' | 'failing' | 'unknown' | null;
}

/** The directory Claude Code works in, from the status line input. */
function dirOf(input: Record<string, unknown>): string {
  const ws = (input.workspace && typeof input.workspace === 'object' ? input.workspace : {}) as Record<string, unknown>;
  return (
    [ws.current_dir, input.cwd, ws.project_dir].find((d): d is string => typeof d === 'string' && d.length > 0) ??
    process.cwd()
  );
}

/** context_window.used_percentage of the status line input, when it is a number from 0 to 100. */
function usedPercent(input: Record<string, unknown>): number | null {
  const cw = input.context_window as { used_percentage?: unknown } | undefined;
  const v = cw && typeof cw === 'object' ? cw.used_percentage : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100 ? v : null;
}

export function statusLineData(input: Record<string, unknown>, now: Date): StatusLineData {
  const v = statusLineView(dirOf(input), now);
  if (!v) return { line: msg.statusLineNoSession, session: null, activeTask: null, progress: null, gates: null };
  const task = v.activeTask
    ? `▶ ${v.activeTask.id} ${v.activeTask.title.slice(0, 40)}`
    : v.nextTask
      ? `next ${v.nextTask.id}`
      : v.phase;
  const bar = progressBar(v.progress.completed, v.progress.total, 8);
  const gates = v.gates ? (v.gates.failing.length ? `gates ✗ ${v.gates.failing.join(',')}` : 'gates ✓') : 'gates –';
  return {
    line: `csm ${v.session}${v.paused ? ' paused' : ''} ${task} · ${bar} · ${gates}`,
    session: v.session,
    activeTask: v.activeTask?.id ?? null,
    progress: { completed: v.progress.completed, total: v.progress.total },
    gates: v.gates ? (v.gates.failing.length ? 'failing' : 'passing') : 'unknown',
  };
}

export const statuslineCommand: Command = {
  name: 'statusline',
  summary: "print a one-line status for Claude Code's statusLine (reads its JSON on stdin)",
  usage: 'csm statusline',
  flags: {},
  details:
    'In ~/.claude/settings.json or .claude/settings.json:\n  "statusLine": { "type": "command", "command": ' +
    '"csm statusline" }\n(npx --no-install csm statusline for a devDependency install).',
  async run(ctx) {
    let data: StatusLineData;
    try {
      const input = readStdinJson();
      data = statusLineData(input, ctx.now());
      const used = usedPercent(input);
      if (used !== null && data.session) {
        const handoff = await handoffOnPressure(
          dirOf(input),
          typeof input.session_id === 'string' ? input.session_id : null,
          used,
        ).catch(() => null);
        data = {
          ...data,
          line: `${data.line} · ctx ${Math.round(used)}%${handoff === null ? '' : ' · hand-off saved'}`,
          contextPercent: used,
          handoffAt: handoff?.at ?? null,
          handoffWritten: handoff?.written ?? false,
        };
      }
    } catch (e) {
      data = {
        line: msg.statusLineError(e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'status unavailable'),
        session: null,
        activeTask: null,
        progress: null,
        gates: null,
      };
    }
    if (ctx.out.json) ctx.out.data(data);
    else ctx.out.print(data.line.slice(0, 200));
    return 0;
  },
};
