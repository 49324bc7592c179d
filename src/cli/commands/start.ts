import type { GateResult } from '../../contracts/events.ts';
import { type GateDef, originOf } from '../../domain/gates/gate-def.ts';
import { gatesFor } from '../../domain/gates/detect-gates.ts';
import { countOf } from '../../domain/runners/text-tools.ts';
import { startSession } from '../../usecases/session/start-session.ts';
import { list, str } from '../args.ts';
import type { Command } from '../command.ts';
import { bold, green, yellow } from '../output.ts';
import { checksFound, checksGap } from '../../domain/gates/checks-found.ts';
import { msg } from '../../messages/index.ts';

/** What the gates said before any change, one line each for the ones that fail. */
function baselineLines(results: readonly GateResult[] | null): string[] {
  if (!results) return [];
  const ran = results.filter((g) => g.status === 'pass' || g.status === 'fail');
  const failing = ran.filter((g) => g.status === 'fail');
  if (ran.length === 0) return [];
  const ranLine =
    `baseline: ran ${ran.map((g) => (g.command ? `${g.name} (${g.command})` : g.name)).join(', ')} before any ` +
    `change`;
  if (failing.length === 0) return [`${ranLine}: all pass`];
  const count = (g: GateResult): string =>
    g.totals
      ? g.totals.total
        ? ` (${g.totals.failed} of ${g.totals.total} ${g.totals.unit})`
        : ` (${countOf(g.totals.failed, g.totals.unit)})`
      : '';
  // a run that would stop at the old failure is run to the end, here and on Stop: said, as it costs time
  const whole = (g: GateResult): string =>
    g.toTheEnd ? '; its tests run to the end (--bail off)' : g.everyStep ? '; every step of its script runs' : '';
  const line = (g: GateResult): string =>
    `  ${g.name} fails already${count(g)}: Stop reports it and blocks only on failures this session adds${whole(g)}`;
  return [ranLine, ...failing.map(line)];
}

export const startCommand: Command = {
  name: 'start',
  summary: 'start the next session with its objectives; gathers context and writes plan, tests and tasks',
  usage: 'csm start "<objective>" [--objective "<more>"]… [--workflow <name>]',
  flags: {
    objective: { type: 'list', value: 'text', help: 'another objective' },
    workflow: {
      type: 'string',
      value: 'name',
      help: 'seed the plan from .claude/workflows/<name>.md (feature-development, bug-fix, performance-optimization)',
    },
    carry: { type: 'boolean', help: "carry the last session's unfinished tasks over (default; --no-carry)" },
    baseline: {
      type: 'boolean',
      help:
        'run the gates once before any change, so Stop blocks only on what this session breaks (default; ' +
        '--no-baseline skips it)',
    },
  },
  async run(ctx, args) {
    const objectives = [...args.positionals, ...list(args, 'objective')];
    // the baseline runs the project's checks (a minute on some projects): said on stderr as it goes
    const progress = {
      start: (gates: readonly GateDef[]): void => {
        const run = gates.filter((g) => g.command !== null);
        if (run.length) ctx.out.error(msg.baselineRunning(run.map((g) => `${g.name} (${g.command})`).join(', ')));
      },
      done: (g: GateResult): void => {
        if (g.command !== null && g.status !== 'skipped')
          ctx.out.error(msg.baselineGateDone(g.name, g.status, (g.durationMs / 1000).toFixed(1)));
      },
    };
    const [baseline, carry] = [args.flags.baseline !== false, args.flags.carry !== false];
    const workflow = str(args, 'workflow') ?? null;
    const r = await startSession(ctx.store, ctx.config, { objectives, workflow, baseline, carry, progress });
    const { gates, facts } = r.project;
    const found = checksFound(gates, facts);
    if (ctx.out.json) {
      const tasks = r.state.tasks.map((t) => ({ id: t.id, title: t.title, agent: t.agent }));
      const { session, objectives } = r.state;
      const { files, snapshot, baseline } = r;
      ctx.out.data({ session, objectives, tasks, files, snapshot, baseline, checks: found });
      return 0;
    }
    ctx.out.print(
      `${green(ctx.out, '✓')} ${bold(ctx.out, `Session ${r.state.session}`)} started: ${r.state.objectives.join('; ')}`,
    );
    ctx.out.print(
      `  branch ${r.snapshot.git.branch ?? '-'}, ${r.snapshot.git.uncommitted.length} uncommitted file(s), ` +
        `build ${r.snapshot.build.status}`,
    );
    const carried = r.snapshot.carriedOver;
    if (carried.length) {
      const from = r.snapshot.previous?.session;
      ctx.out.print(`  carried over ${carried.length} unfinished task(s) of session ${from} (--no-carry leaves them):`);
      for (const t of carried) ctx.out.print(`    ${t.id} ← ${t.from}/${t.was} ${t.title}`);
    }
    if (r.state.tasks.length) ctx.out.print(`  ${r.state.tasks.length} task(s) in the plan; csm task list shows them`);
    for (const f of r.files) ctx.out.print(`  ${f}`);
    for (const line of baselineLines(r.baseline)) ctx.out.print(`  ${line}`);
    // what Stop will run, and from where: a repository's csm.json can declare any command
    const onStop = gatesFor(gates, 'stop').filter((g) => g.command !== null);
    const runs = onStop.map((g) => `${g.name} (\`${g.command}\`, from ${originOf(g)})`);
    if (onStop.length) ctx.out.print(`  Stop runs: ${runs.join(', ')}`);
    const gap = checksGap(found);
    if (gap) ctx.out.print(`${yellow(ctx.out, `  ! ${gap.message}`)}\n    fix: ${gap.fix}`);
    ctx.out.print(
      r.state.tasks.length
        ? 'Next: csm task next --start   (or let Claude refine the plan: csm plan --from-json -)'
        : 'Next: let Claude plan the micro-tasks (/csm:plan), or add them: csm task add "<title>" --agent ' +
            '<name> --estimate <min>',
    );
    return 0;
  },
};
