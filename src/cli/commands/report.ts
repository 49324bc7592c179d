import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReports } from '../../usecases/reports/write-reports.ts';
import { openHtmlReport, writeHtmlReport } from '../../usecases/reports/html-report.ts';
import { bool, sessionArg, str } from '../args.ts';
import type { Command } from '../command.ts';
import { activeOrLast } from '../../usecases/session/open-store.ts';
import { bold, green } from '../output.ts';
import { headline } from './complete.ts';

export const reportCommand: Command = {
  name: 'report',
  summary: 'write (or refresh) the completion and review reports of a session without completing it',
  usage: 'csm report [--session <NNN>] [--print] [--html [--out <file>] [--open]] [--json]',
  flags: {
    session: { type: 'string', value: 'NNN', help: 'a session other than the active one' },
    print: { type: 'boolean', help: 'also print both reports' },
    html: { type: 'boolean', help: 'also write one self-contained HTML page of the session and the trend' },
    out: { type: 'string', value: 'file', help: 'with --html: where (default .claude/.csm/report-NNN.html)' },
    open: { type: 'boolean', help: 'with --html: open it in the browser, where there is one' },
  },
  details:
    'An active session gets interim reports ("in progress as of …"); a completed one\'s final reports are ' +
    'never rewritten (the HTML page is made from the figures stored at completion).\n' +
    'Every number comes from the session ledger and git numstat since the session started.',
  async run(ctx, args) {
    const given = str(args, 'session');
    const id = given === undefined ? activeOrLast(ctx.store) : sessionArg(given);
    if (bool(args, 'html')) {
      const out = str(args, 'out');
      const h = await writeHtmlReport(ctx.store, ctx.config, id, {
        now: ctx.now(),
        ...(out === undefined ? {} : { out: path.resolve(ctx.cwd, out) }),
      });
      const opened = bool(args, 'open') && openHtmlReport(h.file);
      if (ctx.out.json) ctx.out.data({ session: id, html: h.file, bytes: h.bytes, opened });
      else {
        const how = bool(args, 'open') ? (opened ? ' — opened in the browser' : ' — no browser to open it here') : '';
        ctx.out.print(`${green(ctx.out, '✓')} ${h.file} (${Math.round(h.bytes / 1024)} KB)${how}`);
        if (!opened) ctx.out.print(`  open it: ${pathToFileURL(h.file).href}`);
      }
      return 0;
    }
    const w = await writeReports(ctx.store, ctx.config, id, { now: ctx.now() });
    const files = {
      completed: path.relative(ctx.root, w.files.completed),
      review: path.relative(ctx.root, w.files.review),
    };
    if (ctx.out.json) {
      ctx.out.data({
        session: w.state.session,
        status: w.state.status,
        heading: w.heading,
        files,
        data: w.data,
        ...(bool(args, 'print') ? { completedMd: w.completedMd, reviewMd: w.reviewMd } : {}),
      });
      return 0;
    }
    if (bool(args, 'print')) {
      ctx.out.print(w.completedMd);
      ctx.out.print(w.reviewMd);
      return 0;
    }
    ctx.out.print(
      `${green(ctx.out, '✓')} ${bold(ctx.out, `Session ${w.state.session}`)} reports — ${w.heading.replace(/`/g, '')}`,
    );
    ctx.out.print(`  score ${w.data.score.value}/100 · ${headline(w.data)}`);
    ctx.out.print(`  ${files.completed}\n  ${files.review}`);
    return 0;
  },
};
