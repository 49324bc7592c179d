import type { MemoryEntry } from '../memory/memory-entries.ts';
import { toMinutes } from '../tasks/active-time.ts';
import { taskActiveMs } from '../tasks/projection.ts';
import { filesEditedFor, type SessionState, type TaskState } from '../tasks/session-state.ts';
import { nextReadyTask } from '../tasks/task-actions.ts';
import { gateView } from './status-view.ts';
import { asData, fileAsData, oneLine, quoteOutput } from './as-data.ts';

/** Everything the SessionStart digest is built from; adapters gather it, this module only decides. */
export interface DigestInput {
  state: SessionState;
  source: string;
  budgetChars: number;
  now: number;
  idleMs: number;
  timeBudgetMinutes: number;
  /** uncommitted: undefined when not counted (a fresh conversation has Claude Code's own git status) */
  git: { branch: string | null; uncommitted?: number | null | undefined };
  decisions: MemoryEntry[];
  errors: MemoryEntry[];
  agents: string[];
  mcpServers: string[];
  coverage: string;
  files: { tasks: string; plan: string; context: string; memory: string };
  /** Time of the previous SessionStart of this session (for "since then"), if any. */
  previousContextAt: number | null;
  /** Older edits `state.edits` does not list (a cached fold keeps the newest): counts become "N+". */
  editsLeftOut?: number;
  /**
   * The hand-off written before this compaction (PreCompact, or the status line at a threshold): first in the context.
   */
  handoff?: { reason: string; text: string } | null;
}

/** The sections of the SessionStart digest, each a paragraph or null when it has nothing to say. */

export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max - 2);
  return `${text.slice(0, cut > max / 2 ? cut : max - 2)}\n…`;
}

export function taskSection(d: DigestInput): string {
  const s = d.state;
  const active = s.tasks.find((t) => t.status === 'in_progress');
  if (active) {
    const mins = toMinutes(taskActiveMs(s, active, d.now, d.idleMs));
    const lines = [
      `Active task: ${active.id} ${asData(active.title)} (agent: ${active.agent}; ${mins} of ` +
        `${active.estimatedMinutes ?? '?'} min).`,
    ];
    if (active.criteria.length)
      lines.push(`Success criteria:\n${active.criteria.map((c) => `- ${asData(c)}`).join('\n')}`);
    if (active.tests.length) lines.push(`Test cases:\n${active.tests.map((c) => `- ${asData(c)}`).join('\n')}`);
    // the files this task's edits touched (the plan's expected files are in the task's own list)
    const edited = filesEditedFor(s, active.id);
    if (edited.length) lines.push(`Files so far: ${edited.map(fileAsData).join(', ')}`);
    const h = active.handoffs[active.handoffs.length - 1];
    const from = fileAsData(h?.from ?? 'unknown');
    if (h) lines.push(`Handed off from ${from} to ${fileAsData(h.to)}: ${asData(h.note, 300)}`);
    return lines.join('\n');
  }
  const next = nextReadyTask(s);
  const starts = '`csm task next --start` starts it.';
  const ready = next ? `${next.id} ${asData(next.title)} (agent: ${next.agent})` : '';
  if (next) return `No task is in progress. Next ready task: ${ready}; ${starts}`;
  if (s.tasks.length === 0)
    return 'No tasks are planned yet; `/csm:plan` (or `csm plan --from-json -`) records a plan of micro-tasks.';
  if (s.tasks.every((t) => t.status === 'completed'))
    return 'Every planned task is completed; `csm complete` closes the session with its reports.';
  return 'No task is in progress and none is ready (the rest are blocked or waiting).';
}

export function gatesSection(s: SessionState, more: boolean): string | null {
  const run = s.gateRuns[s.gateRuns.length - 1];
  if (!run) return null;
  const v = gateView(s);
  const latest = new Map(s.gateRuns.flatMap((r) => r.results).map((r) => [r.name, r]));
  const line = (name: string): string => {
    const r = latest.get(name);
    // a gate's summary is the project's output: kept as printed, but no line of it poses as the host's markup
    const said = quoteOutput(clip(r?.summary ?? '', more ? 600 : 240)).replace(/\n/g, '\n  ');
    return `- ${name}${r?.command ? ` (\`${quoteOutput(oneLine(r.command))}\`)` : ''}: ${said}`;
  };
  const parts: string[] = [];
  if (v.failing.length) parts.push(`Failing gates (run ${run.t}):\n${v.failing.map(line).join('\n')}`);
  if (v.preexisting.length)
    parts.push(`Failing since before this session (not blocking; nothing new in them): ${v.preexisting.join(', ')}.`);
  if (v.advisory.length) parts.push(`Advisory gates failing (not blocking): ${v.advisory.join(', ')}.`);
  if (parts.length === 0)
    return `Gates passed at ${run.t} (${run.results.map((r) => `${r.name} ${r.status}`).join(', ')}).`;
  return parts.join('\n');
}

export const blockerLine = (t: TaskState): string =>
  `- ${t.id} ${asData(t.title, 120)}: ${asData(t.blockers[t.blockers.length - 1] ?? t.status)}`;

export function remainingSection(s: SessionState, more: boolean): string | null {
  const remaining = s.tasks.filter((t) => t.status === 'pending');
  if (!remaining.length) return null;
  const shown = remaining.slice(0, more ? 25 : 10);
  const line = (t: TaskState): string => {
    const minutes = t.estimatedMinutes !== null ? `, ${t.estimatedMinutes} min` : '';
    const after = t.dependsOn.length ? `, after ${t.dependsOn.join(', ')}` : '';
    return `- ${t.id} ${asData(t.title, 120)} (${t.agent}${minutes}${after})`;
  };
  const rest = remaining.length > shown.length ? `\n- … ${remaining.length - shown.length} more` : '';
  return `Remaining tasks:\n${shown.map(line).join('\n')}${rest}`;
}

export function gitAndTime(d: DigestInput, spent: number): string {
  const dirty = d.git.uncommitted === undefined ? '' : `, ${d.git.uncommitted ?? 'unknown'} uncommitted file(s)`;
  const over = spent > d.timeBudgetMinutes ? ' — over budget' : '';
  const time = `Time: ${spent} active min of a ${d.timeBudgetMinutes} min budget${over}.`;
  return `Git: branch ${fileAsData(d.git.branch ?? 'unknown')}${dirty}. ${time}`;
}

/** What happened since the previous context of this Claude session (resume/compact only). */
export function sinceSection(d: DigestInput, since: number): string {
  const s = d.state;
  const edits = s.edits.filter((e) => Date.parse(e.t) > since);
  const completed = s.tasks.filter((t) => t.completedAt && Date.parse(t.completedAt) > since);
  const runs = s.gateRuns.filter((r) => Date.parse(r.t) > since);
  const more = (d.editsLeftOut ?? 0) > 0 && edits.length === s.edits.length ? '+' : '';
  const paths = [...new Set(edits.map((e) => e.path))].slice(-8).map(fileAsData);
  const done = completed.length ? ` (${completed.map((t) => t.id).join(', ')})` : '';
  const files = edits.length ? ` (${paths.join(', ')})` : '';
  const tasks = `${completed.length} task(s) completed${done}`;
  return `Since the previous context: ${edits.length}${more} edit(s)${files}, ${tasks}, ${runs.length} gate run(s).`;
}

export function memorySection(title: string, entries: readonly MemoryEntry[], n: number): string | null {
  return entries.length
    ? `${title}:\n${entries
        .slice(0, n)
        .map((e) => `- ${asData(e.text.split('\n')[0] ?? '')} (${asData(e.heading, 80)})`)
        .join('\n')}`
    : null;
}
