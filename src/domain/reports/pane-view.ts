import type { SessionState } from '../tasks/session-state.ts';
import { oneLine } from './as-data.ts';
import type { StatusView } from './status-view.ts';

/**
 * What csm's pane beside Claude Code's transcript shows, and the one-line band above the prompt
 * when there is no room for a pane: the session and its objective, the task in progress with its
 * criteria and files, progress against the estimate, the gates, the last Stop, context use.
 * Plain lines with a tone each; the mod draws them and adds nothing of its own.
 */
export type PaneTone = 'head' | 'plain' | 'dim' | 'good' | 'bad' | 'warn';

export interface PaneLine {
  text: string;
  tone: PaneTone;
}

export interface PaneView {
  band: string;
  lines: PaneLine[];
}

export interface PaneExtras {
  /** The context window's fill (0–100) as Claude Code measured it, and the hand-off thresholds. */
  context: { percent: number; thresholds: readonly number[] } | null;
  /** A check is running now (Stop or `csm gates`). */
  running: boolean;
  /** Local clock time of an ISO instant, for people (`14:02`). */
  clock: (iso: string) => string;
}

const line = (text: string, tone: PaneTone = 'plain'): PaneLine => ({ text, tone });
/** The repository's words for a person's eyes: one line, capped. */
const shown = (text: string, max: number): string => {
  const t = oneLine(text);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
const MAX_FILES = 6;

/** The newest Stop: kept Claude working (with the gates it named) or let it go. */
export function lastStop(s: SessionState): { t: string; blocked: boolean; gates: string[] } | null {
  const run = s.gateRuns.filter((r) => r.trigger === 'stop').pop();
  const block = s.lastStopBlock;
  if (block && (!run || block.t >= run.t)) return { t: block.t, blocked: true, gates: block.gates };
  return run ? { t: run.t, blocked: false, gates: [] } : null;
}

function taskLines(v: StatusView): PaneLine[] {
  const a = v.activeTask;
  if (!a) {
    const next = v.nextTask ? `next: ${v.nextTask.id} ${shown(v.nextTask.title, 60)}` : `phase: ${v.phase}`;
    return [line(`no task in progress — ${next}`, 'dim')];
  }
  const out = [line(`▶ ${a.id} ${shown(a.title, 70)} (${a.agent}, ${a.minutes} min)`, 'head')];
  for (const c of a.criteria.slice(0, 4)) out.push(line(`  · ${shown(c, 90)}`));
  if (a.files.length) {
    const more = a.files.length > MAX_FILES ? ` (+${a.files.length - MAX_FILES})` : '';
    const files = a.files.slice(-MAX_FILES).map((f) => shown(f, 60));
    out.push(line(`  files: ${files.join(', ')}${more}`, 'dim'));
  } else out.push(line('  files: none recorded yet', 'dim'));
  return out;
}

function gateLines(v: StatusView, running: boolean): PaneLine[] {
  if (running) return [line('gates: running now…', 'warn')];
  const g = v.gates;
  if (!g) return [line('gates: not run yet', 'dim')];
  const out: PaneLine[] = [];
  if (g.failing.length) out.push(line(`gates ✗ ${g.failing.join(', ')} (broken in this session)`, 'bad'));
  if (g.preexisting.length)
    out.push(line(`gates: ${g.preexisting.join(', ')} failing since before the session`, 'warn'));
  if (g.advisory.length) out.push(line(`advisory ✗ ${g.advisory.join(', ')}`, 'warn'));
  if (!g.failing.length && g.passing.length) out.push(line(`gates ✓ ${g.passing.join(', ')}`, 'good'));
  if (out.length && g.editsSince)
    out.push(line(`  checked before the latest ${g.editsSince} edit(s): run gates (g) checks them`, 'dim'));
  return out.length ? out : [line('gates: none ran', 'dim')];
}

function contextText(c: PaneExtras['context']): string | null {
  if (!c) return null;
  const at = c.thresholds.length ? ` · hand-off at ${c.thresholds.map((t) => `${t}%`).join(', ')}` : '';
  return `context ${Math.round(c.percent)}%${at}`;
}

export function paneView(v: StatusView, stop: ReturnType<typeof lastStop>, x: PaneExtras): PaneView {
  const objective = v.objectives[0] ? shown(v.objectives[0], 80) : '(no objective)';
  const more = v.objectives.length > 1 ? ` (+${v.objectives.length - 1})` : '';
  const lines = [line(`csm ${v.session} · ${objective}${more}`, 'head'), ...taskLines(v)];
  const time = `${v.time.spentMinutes} of ${v.time.estimatedMinutes} min estimated`;
  lines.push(line(`progress ${v.progress.completed}/${v.progress.total} tasks done · ${time}`));
  lines.push(...gateLines(v, x.running));
  if (stop)
    lines.push(
      stop.blocked
        ? line(`last Stop ${x.clock(stop.t)}: kept Claude working (${stop.gates.join(', ') || 'checks'})`, 'bad')
        : line(`last Stop ${x.clock(stop.t)}: let Claude stop`, 'dim'),
    );
  const ctx = contextText(x.context);
  if (ctx) lines.push(line(ctx, x.context && x.context.percent >= (x.context.thresholds[0] ?? 101) ? 'warn' : 'dim'));
  for (const b of v.blockers.slice(0, 3)) lines.push(line(`blocked: ${b.task} ${shown(b.reason, 80)}`, 'warn'));
  const task = v.activeTask ? `▶ ${v.activeTask.id} ${shown(v.activeTask.title, 40)}` : `phase ${v.phase}`;
  const gates = x.running ? 'gates …' : !v.gates ? 'gates –' : v.gates.failing.length ? 'gates ✗' : 'gates ✓';
  const band = [`csm ${v.session} ${task}`, `${v.progress.completed}/${v.progress.total}`, gates, ctx]
    .filter(Boolean)
    .join(' · ');
  return { band, lines };
}
