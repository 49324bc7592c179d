import type { StatusView } from '../../domain/reports/status-view.ts';
import { msg } from '../../messages/index.ts';
import { statusNow } from '../../usecases/session/status.ts';
import type { Command } from '../command.ts';
import { sessionArg } from '../args.ts';
import { bold, cyan, dim, green, type Out, progressBar, red, yellow } from '../output.ts';
import { timeAgo } from '../../domain/text/time-ago.ts';

const statusMark = (out: Out, s: string): string =>
  s === 'completed'
    ? green(out, '✓')
    : s === 'in_progress'
      ? cyan(out, '▶')
      : s === 'blocked'
        ? red(out, '■')
        : s === 'failed'
          ? red(out, '✗')
          : dim(out, '·');

/** The status view as text; `now` (epoch ms) turns the gates' time into "3 min ago". */
export function renderStatus(out: Out, v: StatusView, now?: number): string {
  const lines = [
    `${bold(out, `Session ${v.session}`)} — ${v.status === 'completed' ? 'completed' : `phase: ${v.phase}`}`,
    ...v.objectives.map((o, i) => `  ${i + 1}. ${o}`),
    '',
    `Progress  ${progressBar(v.progress.completed, v.progress.total)} (${v.progress.percent}%)`,
    `Time      ${v.time.spentMinutes} min active of ${v.time.estimatedMinutes} min estimated; budget ` +
      `${v.time.budgetMinutes} min${v.time.overBudget ? ` ${yellow(out, '(over budget)')}` : ''}`,
  ];
  if (v.activeTask) {
    lines.push(
      `Active    ${v.activeTask.id} ${v.activeTask.title} [${v.activeTask.agent}] — ${v.activeTask.minutes} min`,
    );
    for (const c of v.activeTask.criteria) lines.push(`          criterion: ${c}`);
    if (v.activeTask.files.length) lines.push(`          files: ${v.activeTask.files.join(', ')}`);
  } else if (v.nextTask) {
    lines.push(`Active    none — next ready: ${v.nextTask.id} ${v.nextTask.title} (csm task next --start)`);
  } else lines.push('Active    none');
  if (v.gates) {
    const g = v.gates;
    const parts = [
      ...(g.failing.length ? [red(out, `failing: ${g.failing.join(', ')}`)] : []),
      ...(g.preexisting.length ? [yellow(out, `failing since before this session: ${g.preexisting.join(', ')}`)] : []),
      ...(g.advisory.length ? [yellow(out, `advisory failing: ${g.advisory.join(', ')}`)] : []),
    ];
    const since = g.editsSince
      ? `, before ${g.editsSince} later edit${g.editsSince === 1 ? '' : 's'}: csm gates checks them`
      : '';
    const at = `${now === undefined ? g.at : `checked ${timeAgo(g.at, now)}`}${since}`;
    lines.push(`Gates     ${parts.length ? parts.join('; ') : green(out, 'passing')} (${at})`);
  }
  if (v.blockers.length) {
    lines.push(`Blockers`);
    for (const b of v.blockers) lines.push(`  ${red(out, '■')} ${b.task}: ${b.reason}`);
  }
  if (v.unassignedFiles.length)
    lines.push(`Unassigned edits: ${v.unassignedFiles.join(', ')} (no task was in progress)`);
  if (v.tasks.length) {
    lines.push('', 'Tasks');
    for (const t of v.tasks) {
      const from = t.carriedFrom ? dim(out, ` (← ${t.carriedFrom})`) : '';
      const time = `${t.actualMinutes ?? '-'}/${t.estimatedMinutes ?? '?'} min`;
      lines.push(`  ${statusMark(out, t.status)} ${t.id.padEnd(8)} ${t.title}${from} [${t.agent}] ${time}`);
    }
  }
  return lines.join('\n');
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'the current session at a glance: objectives, phase, progress, active task, blockers, time',
  usage: 'csm status [--json] [--session <NNN>]',
  flags: { session: { type: 'string', value: 'NNN', help: 'show another session' } },
  async run(ctx, args) {
    const session = typeof args.flags.session === 'string' ? sessionArg(args.flags.session) : null;
    const { status: r, paused, gap } = await statusNow(ctx, session, { checks: !ctx.out.json });
    if (r.kind === 'none') {
      if (ctx.out.json) ctx.out.data({ active: null, sessions: r.sessions, next: 'csm start "<objective>"' });
      else {
        ctx.out.print('No active session.');
        ctx.out.print(
          r.storeExists
            ? `Sessions so far: ${r.sessions.length ? r.sessions.join(', ') : 'none'}`
            : 'csm is not set up here yet (csm init, or just csm start).',
        );
        ctx.out.print(
          'Next: csm start "<objective>"' + (r.sessions.length ? '   or resume one: csm switch <NNN>' : ''),
        );
      }
      return 0;
    }
    for (const w of r.warnings) ctx.out.error(msg.warning(w));
    if (ctx.out.json) ctx.out.data({ ...r.view, paused });
    else {
      const since = paused ? timeAgo(paused.since, ctx.now().getTime()) : '';
      if (paused) ctx.out.print(yellow(ctx.out, msg.pausedStatus(since, paused.reason)));
      ctx.out.print(renderStatus(ctx.out, r.view, ctx.now().getTime()));
      if (gap) ctx.out.print(`\n${yellow(ctx.out, `Checks    ${gap.message}`)}\n          fix: ${gap.fix}`);
    }
    return 0;
  },
};
