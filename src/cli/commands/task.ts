import { toTask } from '../../domain/tasks/projection.ts';
import { statusView } from '../../domain/reports/status-view.ts';
import { usageError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { runTaskAction, taskIdArg, type TaskOutcome, type TaskRequest } from '../../usecases/session/task-actions.ts';
import { bool, list, num, type ParsedArgs, str } from '../args.ts';
import type { Command } from '../command.ts';
import { type CliContext, requireActive } from '../context.ts';
import { green, yellow } from '../output.ts';
import { renderStatus } from './status.ts';
import { listTasks } from '../../usecases/session/task-list.ts';
import type { Loaded } from '../../usecases/session/session-reader.ts';
import { didYouMean } from '../../domain/text/did-you-mean.ts';
import { showTask } from './task-show.ts';

const SUBS = ['add', 'start', 'done', 'block', 'list', 'next', 'show', 'handoff'] as const;
type Sub = (typeof SUBS)[number];

const ALLOWED: Record<Sub, string[]> = {
  add: ['agent', 'estimate', 'file', 'test', 'criterion', 'depends-on', 'lines'],
  start: [],
  done: ['output', 'force', 'no-code', 'take-edits'],
  block: ['reason'],
  list: [],
  next: ['start'],
  show: [],
  handoff: ['to', 'note'],
};

/** The command line as a task request (`list` and `show` are read-only and have none). */
function parse(sub: Exclude<Sub, 'list' | 'show'>, args: ParsedArgs): TaskRequest {
  switch (sub) {
    case 'add':
      if (args.positionals.slice(1).join(' ').trim() === '') {
        throw usageError(...msg.usage.taskNeedsTitle);
      }
      return {
        kind: 'add',
        title: args.positionals.slice(1).join(' '),
        agent: str(args, 'agent') ?? 'backend-specialist',
        estimatedMinutes: num(args, 'estimate') ?? null,
        files: list(args, 'file'),
        tests: list(args, 'test'),
        criteria: list(args, 'criterion'),
        dependsOn: list(args, 'depends-on'),
        expectedLines: num(args, 'lines') ?? null,
      };
    case 'next':
      return { kind: 'next', start: bool(args, 'start') };
    case 'start':
      return { kind: 'start', id: taskIdArg(args.positionals[1], sub) };
    case 'done':
      return {
        ...{ kind: 'done', id: taskIdArg(args.positionals[1], sub), output: str(args, 'output') ?? null },
        ...{ force: bool(args, 'force'), noCode: bool(args, 'no-code'), takeEdits: bool(args, 'take-edits') },
      };
    case 'block':
      if ((str(args, 'reason') ?? '').trim() === '') {
        throw usageError(...msg.usage.taskNeedsReason(args.positionals[1]));
      }
      return { kind: 'block', id: taskIdArg(args.positionals[1], sub), reason: str(args, 'reason') ?? '' };
    case 'handoff':
      return {
        kind: 'handoff',
        id: taskIdArg(args.positionals[1], sub),
        to: str(args, 'to') ?? '',
        note: str(args, 'note') ?? '',
      };
  }
}

function renderList(ctx: CliContext, { state, warnings }: Loaded): void {
  for (const w of warnings) ctx.out.error(msg.warning(w));
  const now = ctx.now().getTime();
  if (ctx.out.json) ctx.out.data(state.tasks.map((t) => toTask(state, t, now, ctx.store.idleMs)));
  else
    ctx.out.print(
      renderStatus(ctx.out, statusView(state, now, ctx.store.idleMs, ctx.config.timeBudgetMinutes)).split(
        '\nTasks\n',
      )[1] ?? 'No tasks yet.',
    );
}

function render(ctx: CliContext, req: TaskRequest, r: TaskOutcome): void {
  const { state, task: t } = r;
  const json = ctx.out.json;
  const task = t ? toTask(state, t, ctx.now().getTime(), ctx.store.idleMs) : null;
  const say = (text: string): void => {
    if (!json) ctx.out.print(text);
  };
  if (req.kind === 'add') {
    if (json) ctx.out.data(task);
    else say(`${green(ctx.out, '✓')} added ${t?.id}: ${t?.title.trim()} [${t?.agent}]`);
    if ((req.expectedLines ?? 0) > ctx.config.microTaskLines)
      ctx.out.error(msg.overMicroTaskLimit(ctx.config.microTaskLines));
    return;
  }
  if (req.kind === 'next') {
    if (!t) {
      const open = state.tasks.filter((x) => x.status !== 'completed');
      if (json) ctx.out.data({ task: null, open: open.map((x) => ({ id: x.id, status: x.status })) });
      else
        say(
          open.length
            ? `No task is ready: ${open.map((x) => `${x.id} ${x.status}`).join(', ')}`
            : 'Every task is completed. Next: csm complete',
        );
      return;
    }
    if (json) return ctx.out.data({ task });
    const est = t.estimatedMinutes !== null ? ` ~${t.estimatedMinutes} min` : '';
    const doing = t.status === 'in_progress';
    const how = doing ? ' — in progress' : ' — next; csm task next --start starts it';
    say(`${green(ctx.out, doing ? '▶' : '→')} ${t.id} ${t.title} [${t.agent}]${est}${how}`);
    for (const c of t.criteria) say(`  criterion: ${c}`);
    for (const c of t.tests) say(`  test: ${c}`);
    if (t.files.length) say(`  files: ${t.files.join(', ')}`);
    return;
  }
  if (json) return ctx.out.data({ task, notes: r.notes });
  for (const n of r.notes) say(n.startsWith('override') ? yellow(ctx.out, n) : n);
  if (t) say(`${green(ctx.out, '✓')} ${t.id} ${t.status.replace('_', ' ')}: ${t.title}`);
  if (req.kind === 'done' && state.tasks.every((x) => x.status === 'completed'))
    say('Every task is completed. Next: csm complete');
}

export const taskCommand: Command = {
  name: 'task',
  summary: 'add, start, finish, block, hand off and list the micro-tasks of the active session',
  usage: 'csm task <add|start|done|block|list|next|show|handoff> [id] [options]',
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
    start: { type: 'boolean', help: 'next: start the task it shows' },
    'take-edits': { type: 'boolean', help: 'done: record the files git saw change since it started (by hand)' },
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
  csm task next                (shows the task to work on; --start starts it)
  csm task show task-1         (its criteria, tests, files planned and edited, time)`,
  async run(ctx, args) {
    const sub = args.positionals[0] as Sub | undefined;
    if (!sub || !SUBS.includes(sub)) {
      const hint = sub ? didYouMean(sub, SUBS) : '';
      throw usageError(...msg.usage.taskNeedsSub(SUBS, hint));
    }
    for (const k of Object.keys(args.flags)) {
      if (!['help', 'json', 'debug', 'cwd', ...ALLOWED[sub]].includes(k))
        throw usageError(...msg.usage.flagNotForSub(k, sub));
    }
    const sid = requireActive(ctx);
    if (sub === 'list') {
      renderList(ctx, await listTasks(ctx.store, sid));
      return 0;
    }
    if (sub === 'show') return showTask(ctx, sid, taskIdArg(args.positionals[1], sub));
    const req = parse(sub, args);
    const r = await runTaskAction(ctx, sid, req);
    for (const w of r.warnings) ctx.out.error(msg.warning(w));
    render(ctx, req, r);
    return 0;
  },
};
