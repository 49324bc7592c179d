import fs from 'node:fs';
import * as z from 'zod/mini';
import { listAgents } from '../../adapters/project/coverage.ts';
import { writePlanDocs } from '../../app/session-docs.ts';
import { PLAN_EXAMPLE, PlanSchema } from '../../contracts/plan.ts';
import { formatProblems, parseWith } from '../../contracts/validate.ts';
import { importPlan, type PlanImport } from '../../domain/plan/import-plan.ts';
import { renderExecutionOrder } from '../../domain/reports/plan-docs.ts';
import { CsmError, usageError } from '../../errors.ts';
import { redactDeep } from '../../domain/redact.ts';
import { bool, str } from '../args.ts';
import type { Command } from '../command.ts';
import { requireActive } from '../context.ts';
import { green, yellow } from '../output.ts';

function readInput(source: string): string {
  try {
    return fs.readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (e) {
    throw new CsmError('INVALID_INPUT', `could not read the plan from ${source === '-' ? 'stdin' : source} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

export const planCommand: Command = {
  name: 'plan',
  summary: "record Claude's plan of micro-tasks (validated), print the plan schema, or show the execution order",
  usage: 'csm plan --from-json <file|-> | csm plan --schema | csm plan [--json]',
  flags: {
    'from-json': { type: 'string', value: 'file|-', help: 'read a plan (JSON) from a file or stdin and record it' },
    schema: { type: 'boolean', help: 'print the plan JSON Schema and an example' },
  },
  details: `A plan is all or nothing: if any task names an unknown agent or dependency, fails the schema,
or the dependencies form a cycle, nothing changes and every problem is listed.
Re-planning keeps completed tasks and their history; open tasks the new plan leaves out are removed.`,
  async run(ctx, args) {
    if (bool(args, 'schema')) {
      const schema = z.toJSONSchema(PlanSchema, { io: 'input' });
      if (ctx.out.json) ctx.out.data({ schema, example: PLAN_EXAMPLE, agents: listAgents(ctx.paths.agents), microTaskLines: ctx.config.microTaskLines });
      else {
        ctx.out.print(`Plan JSON Schema:\n${JSON.stringify(schema, null, 2)}\n`);
        ctx.out.print(`Example:\n${JSON.stringify(PLAN_EXAMPLE, null, 2)}\n`);
        ctx.out.print(`Agents: ${listAgents(ctx.paths.agents).join(', ') || '(none in .claude/agents/)'}`);
        ctx.out.print(`Micro-task limit: ${ctx.config.microTaskLines} changed lines. dependsOn takes refs from this plan or ids of completed tasks.`);
      }
      return 0;
    }
    const sid = requireActive(ctx);
    const source = str(args, 'from-json');
    if (source === undefined) {
      const { state } = ctx.store.load(sid);
      if (ctx.out.json) ctx.out.data({ session: sid, tasks: state.tasks.map((t) => ({ id: t.id, title: t.title, dependsOn: t.dependsOn, status: t.status })), risks: state.risks });
      else ctx.out.print(state.tasks.length ? `Session ${sid} execution order:\n${renderExecutionOrder(state)}` : `Session ${sid} has no plan yet: csm plan --schema shows the format.`);
      return 0;
    }
    if (args.positionals.length) throw usageError(`unexpected argument "${args.positionals[0]}"`, 'csm plan --from-json plan.json');
    const text = readInput(source);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new CsmError('INVALID_INPUT', `the plan is not valid JSON (${(e as Error).message}); nothing was changed`, { fix: 'csm plan --schema shows the format' });
    }
    const parsed = parseWith(PlanSchema, raw);
    if (!parsed.ok) {
      throw new CsmError('INVALID_INPUT', `the plan was refused; nothing was changed:\n  - ${parsed.problems.map((p) => formatProblems([p])).join('\n  - ')}`, { fix: 'csm plan --schema shows the format' });
    }
    const agents = listAgents(ctx.paths.agents);
    const { state, result } = await ctx.store.mutate(sid, (s) => {
      const r = importPlan(s, redactDeep(parsed.value), agents, ctx.config.microTaskLines);
      return { events: r.ok ? r.value.events : [], result: r };
    });
    if (!result.ok) throw new CsmError('INVALID_INPUT', `the plan was refused; nothing was changed:\n  - ${result.problems.join('\n  - ')}`, { fix: 'fix every problem listed and submit the whole plan again' });
    const r: PlanImport = result.value;
    await writePlanDocs(ctx.store, state, { note: state.replans > 1 ? `Re-planned (${state.replans - 1} time(s)); completed tasks kept.` : null });
    if (ctx.out.json) ctx.out.data({ session: sid, ...r, events: undefined, order: renderExecutionOrder(state) });
    else {
      ctx.out.print(`${green(ctx.out, '✓')} plan recorded for session ${sid}: ${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed, ${r.kept.length} completed kept`);
      for (const w of r.warnings) ctx.out.print(yellow(ctx.out, `  warning: ${w}`));
      ctx.out.print(`Execution order:\n${renderExecutionOrder(state)}`);
      ctx.out.print('Next: csm task next');
    }
    return 0;
  },
};
