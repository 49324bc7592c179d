import { runGates } from '../../usecases/gates/run-gates.ts';
import { projectGates } from '../../usecases/gates/project-gates.ts';
import { trustGates } from '../../usecases/gates/gate-trust.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { narrowingOf } from '../../domain/gates/affected.ts';
import { blockReason, blockingFailures } from '../../domain/gates/block-reason.ts';
import { bool, list } from '../args.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { dim, green, red, yellow } from '../output.ts';
import { didYouMean } from '../did-you-mean.ts';
import { usageError } from '../../errors.ts';

const FROM: Record<GateDef['source'], string> = {
  detected: 'project',
  ci: 'CI workflow',
  config: 'csm.json',
  builtin: 'csm',
};

async function listGates(ctx: CliContext): Promise<number> {
  const { gates, facts } = await projectGates(ctx.store.paths, ctx.config);
  const narrowing = (g: GateDef): string | null =>
    (g.scope ?? ctx.config.stop.scope) === 'affected' ? narrowingOf(g, facts) : null;
  if (ctx.out.json) ctx.out.data({ gates: gates.map((g) => ({ ...g, affectedBy: narrowing(g) })) });
  else if (gates.length === 0)
    ctx.out.print('No gates found: add scripts (typecheck, lint, test) to package.json, or gates to .claude/csm.json.');
  else {
    for (const g of gates) {
      const by = narrowing(g);
      const scope = g.kind === 'test' ? `; Stop runs ${by ? `the affected tests first (${by})` : 'them all'}` : '';
      ctx.out.print(
        `${g.name.padEnd(12)} ${(g.blocking ? 'blocking' : 'advisory').padEnd(9)} ${FROM[g.source].padEnd(11)} ` +
          `${g.command ?? '(built in)'}`,
      );
      ctx.out.print(dim(ctx.out, `${' '.repeat(13)}on ${g.when.join(', ')}${scope}`));
    }
  }
  return 0;
}

async function trust(ctx: CliContext): Promise<number> {
  const { gates, facts } = await projectGates(ctx.store.paths, ctx.config);
  const trusted = await trustGates(ctx.store.paths, gates, facts);
  if (ctx.out.json) ctx.out.data({ trusted });
  else if (trusted.length === 0) {
    ctx.out.print('No gate runs what the repository wrote (scripts, a Makefile, commands): nothing to accept.');
  }
  for (const g of ctx.out.json ? [] : trusted) {
    ctx.out.print(`${green(ctx.out, '✓')} Stop runs ${g.name}: ${g.command}`);
    for (const c of g.accepted) ctx.out.print(dim(ctx.out, `    accepted: ${c}`));
  }
  return 0;
}

/** A duration as `  1.2s`, right-aligned in six columns. */
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`.padStart(6);

export const gatesCommand: Command = {
  name: 'gates',
  summary: 'run the quality gates now (typecheck, lint, tests, console leftovers, docs) and print a table',
  usage: 'csm gates [--only <name>]… [--force] [--list] [--trust] [--json]',
  flags: {
    list: { type: 'boolean', help: 'show the gates and where each comes from, without running them' },
    trust: {
      type: 'boolean',
      help: 'accept what the gates run now (commands, package scripts, .npmrc, Makefile): Stop runs them from now on',
    },
    only: { type: 'list', value: 'name', help: 'run only this gate' },
    force: { type: 'boolean', help: 're-run gates whose inputs did not change since they passed' },
  },
  details:
    'Gates come from package.json scripts, Makefile, cargo, go, pytest, the CI workflows (checks nothing else ' +
    'runs), or .claude/csm.json. Exit 1 when a blocking gate fails.',
  async run(ctx, args) {
    if (bool(args, 'list')) return listGates(ctx);
    if (bool(args, 'trust')) return trust(ctx);
    const sessionId = ctx.store.activeSessionId();
    const state = sessionId ? ctx.store.load(sessionId).state : null;
    const only = list(args, 'only');
    if (only.length) {
      const known = (await projectGates(ctx.store.paths, ctx.config)).gates.map((g) => g.name);
      const unknown = only.find((n) => !known.includes(n));
      if (unknown !== undefined) {
        const gates = known.join(', ') || 'none';
        const what = `no gate named ${unknown}${didYouMean(unknown, known)} (the gates: ${gates})`;
        throw usageError(what, 'csm gates --list shows them');
      }
    }
    const r = await runGates({
      root: ctx.root,
      store: ctx.store,
      sessionId,
      state,
      config: ctx.config,
      trigger: 'manual',
      now: ctx.now,
      ...(only.length ? { only } : {}),
      force: bool(args, 'force'),
    });
    const failed = blockingFailures(r.results);
    if (ctx.out.json)
      ctx.out.data({ session: sessionId, results: r.results, blockingFailures: failed.map((f) => f.name) });
    else {
      if (r.results.length === 0)
        ctx.out.print(
          'No gates found: add scripts (typecheck, lint, test) to package.json, or gates to .claude/csm.json.',
        );
      const mark = (s: string): string =>
        s === 'pass'
          ? green(ctx.out, 'pass ')
          : s === 'fail'
            ? red(ctx.out, 'FAIL ')
            : s === 'error'
              ? yellow(ctx.out, 'error')
              : dim(ctx.out, 'skip ');
      for (const g of r.results) {
        ctx.out.print(
          `${mark(g.status)}  ${g.name.padEnd(12)} ${(g.blocking ? 'blocking' : 'advisory').padEnd(9)} ` +
            `${seconds(g.durationMs)}${g.cached ? dim(ctx.out, ' (unchanged, cached)') : ''}  ${g.command ?? ''}`,
        );
        if (g.status !== 'pass' && g.status !== 'skipped')
          ctx.out.print(
            dim(
              ctx.out,
              g.summary
                .split('\n')
                .slice(0, 6)
                .map((l) => `        ${l}`)
                .join('\n'),
            ),
          );
      }
      if (failed.length) ctx.out.print(`\n${blockReason(failed)}`);
      if (!sessionId) ctx.out.print(dim(ctx.out, '(no active session: the run is not recorded)'));
    }
    return failed.length ? 1 : 0;
  },
};
