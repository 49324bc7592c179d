import path from 'node:path';
import { completeSession, type CompleteResult, sessionToComplete } from '../../usecases/session/complete-session.ts';
import type { ReportData } from '../../domain/reports/report-data.ts';
import { bugNote, timeNote } from '../../domain/reports/metric-notes.ts';
import { bool, sessionArg, str } from '../args.ts';
import type { Command } from '../command.ts';
import { bold, green, type Out, red, yellow } from '../output.ts';
import { percent as pct } from '../../domain/text/percent.ts';

/** The headline numbers on two lines, the second indented like the first (shared with `csm report`). */
export function headline(d: ReportData): string {
  const m = d.metrics;
  const first = [
    `completion ${m.completionRate.num}/${m.completionRate.den} (${pct(m.completionRate.value)})`,
    `quality ${pct(m.qualityScore.value)}`,
    timeNote(d),
  ];
  const lines = `lines +${d.counts.linesAdded}/−${d.counts.linesRemoved}`;
  const second = [bugNote(d), `docs ${pct(m.docCoverage.value)}`, lines];
  return `${first.join(' · ')}\n  ${second.join(' · ')}`;
}

const status = (r: CompleteResult): string =>
  r.resumed
    ? 'completed — finished what an interrupted csm complete left undone'
    : r.alreadyCompleted
      ? 'was already completed — its final reports are kept as they are'
      : 'completed';

function render(out: Out, root: string, r: CompleteResult): string {
  const d = r.data;
  const rel = (f: string): string => path.relative(root, f);
  const lines = [
    `${green(out, '✓')} ${bold(out, `Session ${r.session} ${status(r)}`)} — score ${d.score.value}/100`,
    `  ${headline(d)}`,
    `  Objectives ${d.objectivesMet.met ? green(out, 'met') : red(out, 'not met')}: ${d.objectivesMet.why.join('; ')}`,
  ];
  if (r.gates) {
    const failing = r.gates
      .filter((g) => g.status === 'fail')
      .map((g) => `${g.name}${g.blocking ? '' : ' (advisory)'}`);
    const verdict = failing.length
      ? red(out, `failing: ${failing.join(', ')}`)
      : green(out, `${r.gates.length} run, none failing`);
    lines.push(`  Gates     ${verdict}`);
  }
  lines.push(`  Reports   ${rel(r.files.completed)}`, `            ${rel(r.files.review)}`);
  if (!r.alreadyCompleted || r.resumed)
    lines.push(
      `  Memory    ${r.memory.errors} error entr${r.memory.errors === 1 ? 'y' : 'ies'}, ${r.memory.decisions} ` +
        `decision(s)`,
    );
  if (r.record) lines.push(`  History   one line added to .claude/metrics-history.jsonl (csm metrics shows the trend)`);
  for (const w of r.warnings) lines.push(`  ${yellow(out, 'warning')}: ${w}`);
  if (d.nextSteps.length) lines.push('  Next steps', ...d.nextSteps.map((s) => `    - ${s}`));
  lines.push('Next: csm start "<objective>"');
  return lines.join('\n');
}

export const completeCommand: Command = {
  name: 'complete',
  summary: 'finish the session: gates, final completion and review reports, memory, metrics history',
  usage: 'csm complete [--no-gates] [--session <NNN>] [--json]',
  flags: {
    gates: { type: 'boolean', help: 'run the gates first (default; --no-gates skips them)' },
    session: { type: 'string', value: 'NNN', help: 'complete another session than the active one' },
    force: { type: 'boolean', help: 'complete even with a task still in progress (the review says so)' },
  },
  details:
    'Without --session: the active session, or the last one when a csm complete of it was interrupted (run it ' +
    'again to finish).\nWrites .claude/sessions/session-NNN-completed.md and -review.md, adds fixed gate ' +
    'failures to memory/errors.md and\n"Decision:" task outputs to memory/decisions.md, appends one line to ' +
    '.claude/metrics-history.jsonl and clears the active session.',
  async run(ctx, args) {
    const given = str(args, 'session');
    const id = given === undefined ? sessionToComplete(ctx.store) : sessionArg(given);
    const runGates = args.flags.gates !== false;
    const r = await completeSession(ctx.store, ctx.config, id, {
      runGates,
      auto: false,
      force: bool(args, 'force'),
      now: ctx.now(),
    });
    if (ctx.out.json) {
      ctx.out.data({
        session: r.session,
        alreadyCompleted: r.alreadyCompleted,
        resumed: r.resumed,
        score: r.data.score.value,
        objectivesMet: r.data.objectivesMet,
        metrics: r.data.metrics,
        counts: r.data.counts,
        files: {
          completed: path.relative(ctx.root, r.files.completed),
          review: path.relative(ctx.root, r.files.review),
        },
        gates: r.gates,
        memory: r.memory,
        record: r.record,
        nextSteps: r.data.nextSteps,
        warnings: r.warnings,
      });
    } else ctx.out.print(render(ctx.out, ctx.root, r));
    return 0;
  },
};
