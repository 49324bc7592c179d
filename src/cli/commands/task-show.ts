import { filesEditedFor } from '../../domain/tasks/session-state.ts';
import { toTask } from '../../domain/tasks/projection.ts';
import { timeAgo } from '../../domain/text/time-ago.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import type { CliContext } from '../context.ts';
import { green } from '../output.ts';

const word = (status: string): string => status.replace('_', ' ');

/** `csm task show <id>`: one task in full — what it is for, how it is checked, its files (planned, edited), time. */
export function showTask(ctx: CliContext, sid: string, id: string): number {
  const { state } = ctx.store.load(sid);
  const t = state.tasks.find((x) => x.id === id);
  if (!t) {
    const ids = state.tasks.map((x) => x.id);
    throw new CsmError('NOT_FOUND', ...msg.refusal.noTask(id, sid, ids));
  }
  const now = ctx.now().getTime();
  const task = toTask(state, t, now, ctx.store.idleMs);
  const edited = filesEditedFor(state, id);
  if (ctx.out.json) {
    ctx.out.data({ ...task, edited });
    return 0;
  }
  const p = (line: string): void => ctx.out.print(line);
  const mark = green(ctx.out, t.status === 'completed' ? '✓' : '▶');
  p(`${mark} ${t.id} ${t.title} [${t.agent}] — ${word(t.status)}`);
  const est = t.estimatedMinutes === null ? 'no estimate' : `estimate ${t.estimatedMinutes} min`;
  p(`  time: ${task.actualMinutes === null ? 'not started' : `${task.actualMinutes} min active`}, ${est}`);
  if (t.startedAt)
    p(`  started ${timeAgo(t.startedAt, now)}${t.completedAt ? `, completed ${timeAgo(t.completedAt, now)}` : ''}`);
  if (t.carriedFrom) p(`  carried over from ${t.carriedFrom} (unfinished there)`);
  if (t.dependsOn.length) p(`  waits for: ${t.dependsOn.join(', ')}`);
  for (const c of t.criteria) p(`  criterion: ${c}`);
  for (const c of t.tests) p(`  test: ${c}`);
  if (t.files.length) p(`  files planned: ${t.files.join(', ')}`);
  p(`  files edited: ${edited.length ? edited.join(', ') : 'none recorded yet'}`);
  for (const b of t.blockers) p(`  blocked: ${b}`);
  for (const h of t.handoffs) p(`  handed off ${h.from ? `from ${h.from} ` : ''}to ${h.to}: ${h.note}`);
  if (t.output) p(`  output: ${t.output}`);
  return 0;
}
