import * as z from 'zod/mini';
import { PLAN_EXAMPLE, PlanSchema } from '../../contracts/plan.ts';
import { renderExecutionOrder } from '../../domain/reports/plan-docs.ts';
import { usageError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { importPlanFrom, planAgents } from '../../usecases/session/plan.ts';
import { bool, str } from '../args.ts';
import type { Command } from '../command.ts';
import { requireActive } from '../context.ts';
import { green, yellow } from '../output.ts';

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
      if (ctx.out.json)
        ctx.out.data({
          schema,
          example: PLAN_EXAMPLE,
          agents: planAgents(ctx),
          microTaskLines: ctx.config.microTaskLines,
        });
      else {
        // stdout is the schema alone (`csm plan --schema > plan.schema.json`); the notes go to stderr
        ctx.out.print(JSON.stringify(schema, null, 2));
        ctx.out.error(`Example plan:\n${JSON.stringify(PLAN_EXAMPLE, null, 2)}`);
        ctx.out.error(`Agents: ${planAgents(ctx).join(', ') || '(none in .claude/agents/)'}`);
        ctx.out.error(
          `Micro-task limit: ${ctx.config.microTaskLines} changed lines. dependsOn takes refs from this plan ` +
            `or ids of completed tasks.`,
        );
      }
      return 0;
    }
    const sid = requireActive(ctx);
    const source = str(args, 'from-json');
    if (source === undefined) {
      const { state } = ctx.store.load(sid);
      if (ctx.out.json)
        ctx.out.data({
          session: sid,
          tasks: state.tasks.map((t) => ({ id: t.id, title: t.title, dependsOn: t.dependsOn, status: t.status })),
          risks: state.risks,
        });
      else
        ctx.out.print(
          state.tasks.length
            ? `Session ${sid} execution order:\n${renderExecutionOrder(state)}`
            : `Session ${sid} has no plan yet: csm plan --schema shows the format.`,
        );
      return 0;
    }
    if (args.positionals.length) throw usageError(...msg.usage.planUnexpectedArgument(args.positionals[0]));
    const { state, plan: r } = await importPlanFrom(ctx, sid, source);
    if (ctx.out.json) ctx.out.data({ session: sid, ...r, events: undefined, order: renderExecutionOrder(state) });
    else {
      ctx.out.print(
        `${green(ctx.out, '✓')} plan recorded for session ${sid}: ${r.added.length} added, ${r.updated.length} ` +
          `updated, ${r.removed.length} removed, ${r.kept.length} completed kept`,
      );
      for (const w of r.warnings) ctx.out.print(yellow(ctx.out, `  warning: ${w}`));
      ctx.out.print(`Execution order:\n${renderExecutionOrder(state)}`);
      ctx.out.print('Next: csm task next --start');
    }
    return 0;
  },
};
