import os from 'node:os';
import path from 'node:path';
import { type DoctorReport, runDoctor } from '../../usecases/doctor/doctor.ts';
import type { Check } from '../../domain/doctor/check.ts';
import { bool } from '../args.ts';
import type { Command } from '../command.ts';
import { bold, dim, green, type Out, red, yellow } from '../output.ts';

const mark = (out: Out, c: Check): string =>
  c.status === 'ok' ? green(out, 'ok     ') : c.status === 'warn' ? yellow(out, 'warn   ') : red(out, 'problem');

export function renderDoctor(out: Out, r: DoctorReport, cwd: string): string {
  const lines: string[] = [];
  if (r.fixes.length) {
    lines.push(bold(out, 'Fixed'));
    for (const f of r.fixes) lines.push(`  ${f.done ? green(out, 'done   ') : red(out, 'failed ')} ${f.message}`);
    if (r.backupDir)
      lines.push(
        dim(out, `  the files changed were copied first to ${path.relative(cwd, r.backupDir) || r.backupDir}`),
      );
    lines.push('');
  }
  let area = '';
  for (const c of r.checks) {
    if (c.area !== area) {
      area = c.area;
      lines.push(bold(out, area));
    }
    lines.push(`  ${mark(out, c)} ${c.message}`);
    if (c.status !== 'ok' && c.fix) lines.push(`          fix: ${c.fix}`);
  }
  const s = r.summary;
  lines.push(
    '',
    `${s.ok} ok, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.problem} problem${s.problem === 1 ? '' : 's'}`,
  );
  if (r.checks.some((c) => c.status !== 'ok' && c.action))
    lines.push('csm doctor --fix repairs the ones marked with it.');
  return lines.join('\n');
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check Node, git, config, the store, permissions, locks, git files and hooks; --fix repairs what it can',
  usage: 'csm doctor [--fix] [--json]',
  lenientConfig: true,
  flags: {
    fix: {
      type: 'boolean',
      help: 'repair what can be repaired (files it changes are copied to .claude/.csm/doctor-backup-<time>/ first)',
    },
  },
  details:
    'Each check prints ok, warn or problem with the command that fixes it. Exit code 1 when a problem remains.\n' +
    '--fix: rebuilds tasks.json from the ledger (a corrupt one is moved to <name>.corrupt-<time>), clears a ' +
    'stale active pointer,\n' +
    'removes stale locks, appends missing lines to .claude/.gitignore and .gitattributes, and renumbers a ' +
    'session that\n' +
    'two merged branches both created. No session data is lost: every file it changes is copied to\n' +
    '.claude/.csm/doctor-backup-<time>/ first.',
  async run(ctx, args) {
    const report = await runDoctor(ctx.root, {
      fix: bool(args, 'fix'),
      env: process.env,
      home: os.homedir(),
      nodeVersion: process.version,
      now: ctx.now,
    });
    if (ctx.out.json) ctx.out.data(report);
    else ctx.out.print(renderDoctor(ctx.out, report, ctx.cwd));
    return report.summary.exitCode;
  },
};
