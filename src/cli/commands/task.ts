import { writePlanDocs } from '../../app/session-docs.ts';
import { normalizeTaskId } from '../../domain/ids.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import {
  addTask,
  blockTask,
  completeTask,
  type Decision,
  handoffTask,
  nextReadyTask,
  startTask,
} from '../../domain/tasks/task-actions.ts';
import { toTask } from '../../domain/tasks/projection.ts';
import { CsmError, usageError } from '../../errors.ts';
import { redact } from '../../domain/redact.ts';
import { listAgents } from '../../adapters/project/coverage.ts';
import { bool, list, num, type ParsedArgs, str } from '../args.ts';
import type { Command } from '../command.ts';
import { type CliContext, requireActive } from '../context.ts';
import { green, yellow } from '../output.ts';
import { renderStatus } from './status.ts';
import { statusView } from '../../domain/reports/status-view.ts';
import path from 'node:path';

const maybe = (text: string | undefined): string | null => (text === undefined ? null : redact(text));

const SUBS = ['add', 'start', 'done', 'block', 'list', 'next', 'handoff'] as const;
type Sub = (typeof SUBS)[number];

const ALLOWED: Record<Sub, string[]> = {
  add: ['agent', 'estimate', 'file', 'test', 'criterion', 'depends-on', 'lines'],
  start: [],
  done: ['output', 'force', 'no-code'],
  block: ['reason'],
  list: [],
  next: [],
  handoff: ['to', 'note'],
};

function taskIdArg(args: ParsedArgs, sub: string): string {
  const raw = args.positionals[1];
  if (!raw) throw usageError(`csm task ${sub} needs a task id`, `csm task ${sub} task-1`);
  const id = normalizeTaskId(raw);
  if (!id) throw usageError(`"${raw.slice(0, 40)}" is not a task id (like task-3)`);
  return id;
}

/** Applies a domain decision through the store; a refusal becomes a user error naming the fix. */
async function apply(ctx: CliContext, sessionId: string, decide: (s: SessionState) => Decision): Promise<{ state: SessionState; decision: Extract<Decision, { ok: true }> }> {
  const { state, result, warnings } = await ctx.store.mutate(sessionId, (s) => {
    const d = decide(s);
    return { events: d.ok ? d.events : [], result: d };
  });
  for (const w of warnings) ctx.out.error(`csm: warning: ${w}`);
  if (!result.ok) throw new CsmError('INVALID_INPUT', result.reason, result.fix === undefined ? {} : { fix: result.fix });
  return { state, decision: result };
}

function checkAgent(ctx: CliContext, agent: string): void {
  const agents = listAgents(ctx.paths.agents);
  if (agents.length && !agents.includes(agent)) {
    throw new CsmError('INVALID_INPUT', `no agent "${agent}" in .claude/agents/`, { fix: `use one of: ${agents.join(', ')}` });
  }
}

function safeRepoPath(ctx: CliContext, p: string): string {
  if (p.includes('\0') || p.length > 1024) throw usageError(`--file "${p.slice(0, 40)}…" is not a usable path`);
  const abs = path.resolve(ctx.cwd, p);
  const rel = path.relative(ctx.root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw usageError(`--file ${p} is outside the repository`);
  return rel.split(path.sep).join('/');
}

export const taskCommand: Command = {
  name: 'task',
  summary: 'add, start, finish, block, hand off and list the micro-tasks of the active session',
  usage: 'csm task <add|start|done|block|list|next|handoff> [id] [options]',
  flags: {
    agent: { type: 'string', value: 'name', help: 'add: the agent for the task (default backend-specialist)' },
    estimate: { type: 'number', value: 'minutes', help: 'add: estimated minutes' },
    file: { type: 'list', value: 'path', help: 'add: an expected file' },
    test: { type: 'list', value: 'case', help: 'add: a test case' },
    criterion: { type: 'list', value: 'text', help: 'add: a success criterion' },
    'depends-on': { type: 'list', value: 'id', help: 'add: a task this one waits for' },
    lines: { type: 'number', value: 'n', help: 'add: expected size in changed lines' },
    output: { type: 'string', value: 'text', help: 'done: one line on what the task produced' },
    force: { type: 'boolean', help: 'done: record an override when evidence is missing' },
    'no-code': { type: 'boolean', help: 'done: the task has no code (no edits expected)' },
    reason: { type: 'string', value: 'text', help: 'block: why the task is blocked' },
    to: { type: 'string', value: 'agent', help: 'handoff: the next agent' },
    note: { type: 'string', value: 'text', help: 'handoff: what the next agent needs to know' },
  },
  details: `Examples:
  csm task add "Parse the OAuth callback" --agent backend-specialist --estimate 30 --test "rejects a bad state"
  csm task start task-1        (pauses any other task in progress)
  csm task done task-1 --output "callback parsed and verified"
  csm task block task-2 --reason "waiting for client id"
  csm task handoff task-1 --to test-engineer --note "edge cases in callback.ts"
  csm task next                (starts the first task whose dependencies are done)`,
  async run(ctx, args) {
    const sub = args.positionals[0] as Sub | undefined;
    if (!sub || !SUBS.includes(sub)) throw usageError(`csm task needs one of: ${SUBS.join(', ')}`, 'csm task --help');
    for (const k of Object.keys(args.flags)) {
      if (!['help', 'json', 'debug', 'cwd', ...ALLOWED[sub]].includes(k)) throw usageError(`--${k} does not apply to csm task ${sub}`);
    }
    const sid = requireActive(ctx);
    const now = ctx.now().getTime();
    const say = (text: string): void => {
      if (!ctx.out.json) ctx.out.print(text);
    };
    switch (sub) {
      case 'list': {
        const { state, warnings } = ctx.store.load(sid);
        for (const w of warnings) ctx.out.error(`csm: warning: ${w}`);
        if (ctx.out.json) ctx.out.data(state.tasks.map((t) => toTask(state, t, now, ctx.store.idleMs)));
        else ctx.out.print(renderStatus(ctx.out, statusView(state, now, ctx.store.idleMs, ctx.config.timeBudgetMinutes)).split('\nTasks\n')[1] ?? 'No tasks yet.');
        return 0;
      }
      case 'add': {
        const title = redact(args.positionals.slice(1).join(' '));
        const agent = str(args, 'agent') ?? 'backend-specialist';
        checkAgent(ctx, agent);
        const deps = list(args, 'depends-on').map((d) => normalizeTaskId(d) ?? d);
        const { state, decision } = await apply(ctx, sid, (s) =>
          addTask(s, {
            title,
            agent,
            estimatedMinutes: num(args, 'estimate') ?? null,
            files: list(args, 'file').map((f) => safeRepoPath(ctx, f)),
            tests: list(args, 'test').map(redact),
            criteria: list(args, 'criterion').map(redact),
            dependsOn: deps,
            expectedLines: num(args, 'lines') ?? null,
          }),
        );
        await writePlanDocs(ctx.store, state);
        const added = state.tasks[state.tasks.length - 1];
        if (ctx.out.json) ctx.out.data(added ? toTask(state, added, now, ctx.store.idleMs) : null);
        else say(`${green(ctx.out, '✓')} added ${decision.task?.id}: ${title.trim()} [${agent}]`);
        if ((num(args, 'lines') ?? 0) > ctx.config.microTaskLines) {
          ctx.out.error(`csm: warning: over the ${ctx.config.microTaskLines}-line micro-task limit; consider splitting it`);
        }
        return 0;
      }
      case 'next': {
        const { state: before } = ctx.store.load(sid);
        const current = before.tasks.find((t) => t.status === 'in_progress');
        const ready = current ?? nextReadyTask(before);
        if (!ready) {
          const open = before.tasks.filter((t) => t.status !== 'completed');
          if (ctx.out.json) ctx.out.data({ task: null, open: open.map((t) => ({ id: t.id, status: t.status })) });
          else say(open.length ? `No task is ready: ${open.map((t) => `${t.id} ${t.status}`).join(', ')}` : 'Every task is completed. Next: csm complete');
          return 0;
        }
        const { state } = await apply(ctx, sid, (s) => startTask(s, ready.id));
        const t = state.tasks.find((x) => x.id === ready.id);
        if (ctx.out.json) ctx.out.data({ task: t ? toTask(state, t, now, ctx.store.idleMs) : null });
        else if (t) {
          say(`${green(ctx.out, '▶')} ${t.id} ${t.title} [${t.agent}]${t.estimatedMinutes !== null ? ` ~${t.estimatedMinutes} min` : ''}`);
          for (const c of t.criteria) say(`  criterion: ${c}`);
          for (const c of t.tests) say(`  test: ${c}`);
          if (t.files.length) say(`  files: ${t.files.join(', ')}`);
        }
        return 0;
      }
      default: {
        const id = taskIdArg(args, sub);
        const decide =
          sub === 'start'
            ? (s: SessionState) => startTask(s, id)
            : sub === 'done'
              ? (s: SessionState) => completeTask(s, id, { output: maybe(str(args, 'output')), force: bool(args, 'force'), noCode: bool(args, 'no-code') })
              : sub === 'block'
                ? (s: SessionState) => blockTask(s, id, redact(str(args, 'reason') ?? ''))
                : (s: SessionState) => {
                    const to = str(args, 'to') ?? '';
                    if (to) checkAgent(ctx, to);
                    return handoffTask(s, id, to, redact(str(args, 'note') ?? ''));
                  };
        const { state, decision } = await apply(ctx, sid, decide);
        const t = state.tasks.find((x) => x.id === id);
        if (ctx.out.json) ctx.out.data({ task: t ? toTask(state, t, now, ctx.store.idleMs) : null, notes: decision.notes ?? [] });
        else {
          for (const n of decision.notes ?? []) say(n.startsWith('override') ? yellow(ctx.out, n) : n);
          if (t) say(`${green(ctx.out, '✓')} ${t.id} ${t.status.replace('_', ' ')}: ${t.title}`);
          if (sub === 'done' && state.tasks.every((x) => x.status === 'completed')) say('Every task is completed. Next: csm complete');
        }
        return 0;
      }
    }
  },
};

