import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { files, invocationOf } from './rerun-tools.ts';
import { shellWord as shq } from './text-tools.ts';
import { blocks, num } from './text-tools.ts';

const SECTION = /^={3,} (FAILURES|ERRORS|short test summary info|warnings summary|PASSES)( =+)?$|^={3,} .* in [\d.]+s/;

/**
 * pytest: `_____ test_name _____` blocks under FAILURES/ERRORS, `FAILED path::test - msg` summary lines, `6 failed, 5
 * passed`.
 */
export function parsePytest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const totalsLine = lines.findLast((l) =>
    /^(=+ )?(\d+ (failed|passed|error|errors|skipped|deselected|xfailed|xpassed)(, )?)+( in [\d.]+s)?( =+)?$/.test(
      l.trim(),
    ),
  );
  // not unittest's closing `FAILED (failures=2)`
  const summary = lines.filter((l) => /^(FAILED|ERROR) (?!\()\S+/.test(l));
  if (!totalsLine && summary.length === 0 && !lines.some((l) => /^={5,} test session starts ={5,}$/.test(l)))
    return null;
  // the details of each failure, by test function name, from the FAILURES and ERRORS sections
  const details = new Map<string, { location: string | null; message: string; detail: string[] }>();
  for (const b of blocks(
    lines,
    (l) => /^_{3,} (.+?) _{3,}$/.test(l),
    (l) => SECTION.test(l),
  )) {
    const name = (/^_{3,} (.+?) _{3,}$/.exec(b[0] ?? '')?.[1] ?? '').replace(/^ERROR collecting /, '');
    const e = b
      .filter((l) => /^E {2,}/.test(l))
      .map((l) => l.replace(/^E\s+/, '').trim())
      .filter(Boolean);
    const loc = b.map((l) => /^([\w./-]+\.py):(\d+): (\w+)?/.exec(l)).filter((m) => m !== null);
    const own = loc.find((m) => /(^|\/)(tests?\/|test_)/.test(m?.[1] ?? '')) ?? loc[loc.length - 1];
    const assertLine = e.find((l) => /^(AssertionError: )?assert /.test(l));
    const diff = e.filter((l) => /^[-+] /.test(l)).slice(0, 4);
    details.set(name, {
      location: own ? `${own[1]}:${own[2]}` : null,
      message: e.find((l) => !/^[-+?] /.test(l)) ?? '',
      detail: [
        ...(assertLine && !e[0]?.endsWith(assertLine.replace(/^AssertionError: /, ''))
          ? [assertLine.replace(/^AssertionError: /, '')]
          : []),
        ...diff,
      ].slice(0, 5),
    });
  }
  const failures: Failure[] = summary.map((l) => {
    const m = /^(FAILED|ERROR) (\S+?)(?: - (.*))?$/.exec(l);
    const id = m?.[2] ?? l;
    const fn = id.split('::').pop() ?? id;
    const d = details.get(fn) ?? details.get(id);
    return {
      id,
      location: d?.location ?? null,
      message: (m?.[3] ?? d?.message ?? '').trim(),
      ...(d && d.detail.length ? { detail: d.detail } : {}),
    };
  });
  // without a summary section (-rN), the blocks are all there is
  if (failures.length === 0)
    for (const [id, d] of details)
      failures.push({ id, location: d.location, message: d.message, ...(d.detail.length ? { detail: d.detail } : {}) });
  const t = totalsLine ?? '';
  const failed = num(/(\d+) failed/.exec(t), 1) + num(/(\d+) errors?\b/.exec(t), 1);
  const total = failed + num(/(\d+) passed/.exec(t), 1);
  return {
    runner: 'pytest',
    failures,
    totals: totalsLine ? { failed, total, unit: 'tests' } : null,
    ...(lines.some((l) => /Interrupted: \d+ errors? during collection/.test(l)) ? { partial: true } : {}),
  };
}

export const PYTEST: RunnerParsing = {
  runner: 'pytest',
  parse: parsePytest,
  rerun: (r, c) => {
    const fs = r.failures.slice(0, 10);
    const ids = fs.map((f) => f.id).filter((id) => id.includes('::'));
    return `${invocationOf(c.command, 'pytest')} ${ids.map(shq).join(' ') || files(fs).map(shq).join(' ')}`;
  },
};
