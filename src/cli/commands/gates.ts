import type { GateDef } from '../../domain/gates/gate-def.ts';
import { blockReason } from '../../domain/gates/block-reason.ts';
import { listGates, runGatesNow, trustProjectGates } from '../../usecases/gates/gates-command.ts';
import { bool, list } from '../args.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { dim, green, red, yellow } from '../output.ts';

const FROM: Record<GateDef['source'], string> = {
  detected: 'project',
  ci: 'CI workflow',
  config: 'csm.json',
  builtin: 'csm',
};

async function showGates(ctx: CliContext): Promise<number> {
  const rows = await listGates(ctx.store, ctx.config);
  if (ctx.out.json) ctx.out.data({ gates: rows.map((r) => ({ ...r.gate, affectedBy: r.affectedBy })) });
  else if (rows.length === 0) ctx.out.print(NO_GATES);
  else {
    for (const { gate: g, affectedBy: by } of rows) {
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
  const trusted = await trustProjectGates(ctx.store, ctx.config);
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

const NO_GATES = 'No gates found: add scripts (typecheck, lint, test) to package.json, or gates to .claude/csm.json.';

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
    if (bool(args, 'list')) return showGates(ctx);
    if (bool(args, 'trust')) return trust(ctx);
    const opts = { only: list(args, 'only'), force: bool(args, 'force'), now: ctx.now };
    const { sessionId, results, failed } = await runGatesNow(ctx.store, ctx.config, opts);
    if (ctx.out.json) ctx.out.data({ session: sessionId, results, blockingFailures: failed.map((f) => f.name) });
    else {
      if (results.length === 0) ctx.out.print(NO_GATES);
      const mark = (s: string): string =>
        s === 'pass'
          ? green(ctx.out, 'pass ')
          : s === 'fail'
            ? red(ctx.out, 'FAIL ')
            : s === 'error'
              ? yellow(ctx.out, 'error')
              : dim(ctx.out, 'skip ');
      for (const g of results) {
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
