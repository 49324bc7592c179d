import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { shellWord as shq } from './text-tools.ts';
import { blocks, num } from './text-tools.ts';

const RULE = /^={50,}$/;
const HEAD = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (\S+) \(([^)]*)\)(?: \[.*\])?$/;
const FRAME = /^\s*File "([^"]+)", line (\d+), in (\S+)/;
const LIBRARY = /[/\\](lib[/\\]python[\d.]*|site-packages|dist-packages)[/\\]/;
const EXCEPTION = /^(\w+(?:\.\w+)*(?:Error|Exception|Failure|Exit|Interrupt)|AssertionError)(?::\s?(.*))?$/;

/** `test_x (pkg.mod.Class.test_x)` in 3.11+, `test_x (pkg.mod.Class)` before it; a module that failed to load. */
function idOf(name: string, where: string): string {
  const loader = /^unittest\.loader\._Failed\w*\.(.+)$/.exec(where);
  if (loader) return `${loader[1]} (the module failed to load)`;
  return where.endsWith(`.${name}`) ? where : `${where}.${name}`;
}

/**
 * Python's unittest (`python -m unittest`, `-v`): a block per failure between `=====` rules —
 * `FAIL: test_x (pkg.mod.Class.test_x)`, the traceback, the exception line and, for assertEqual,
 * its diff — then `Ran N tests` and `FAILED (failures=3, errors=2, skipped=1)`.
 */
export function parseUnittest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const summary = lines.findLast((l) => /^FAILED \((failures|errors|unexpected successes)=\d+/.test(l));
  if (!summary && !lines.some((l) => HEAD.test(l))) return null;
  const failures: Failure[] = [];
  for (const b of blocks(
    lines,
    (l) => RULE.test(l),
    (l) => /^Ran \d+ tests? in /.test(l),
  )) {
    const m = HEAD.exec(b[1] ?? '');
    if (!m) continue;
    const [, kind, name = '', where = ''] = m;
    const body = b.slice(2).filter((l) => !/^-{50,}$/.test(l));
    const frames = body.map((l) => FRAME.exec(l)).filter((f) => f !== null);
    const own =
      frames.findLast((f) => f[3] === name && !LIBRARY.test(f[1] ?? '')) ??
      frames.findLast((f) => !LIBRARY.test(f[1] ?? ''));
    const at = body.findIndex((l) => EXCEPTION.test(l));
    const message =
      at >= 0
        ? (body[at] as string).trim()
        : kind === 'UNEXPECTED SUCCESS'
          ? 'passed, but is marked expectedFailure'
          : '';
    const diff = body
      .slice(at + 1)
      .filter((l) => /^[-+] /.test(l))
      .slice(0, 4);
    failures.push({
      id: idOf(name, where),
      location: own ? `${own[1]}:${own[2]}` : null,
      message,
      ...(diff.length ? { detail: diff } : {}),
    });
  }
  const ran = lines.findLast((l) => /^Ran \d+ tests? in /.test(l));
  const failed = summary
    ? num(/failures=(\d+)/.exec(summary), 1) +
      num(/errors=(\d+)/.exec(summary), 1) +
      num(/unexpected successes=(\d+)/.exec(summary), 1)
    : failures.length;
  return {
    runner: 'unittest',
    failures,
    totals: summary ? { failed, total: ran ? num(/^Ran (\d+)/.exec(ran), 1) : null, unit: 'tests' } : null,
  };
}

/** `python3 -m unittest pkg.mod.Class.test_x`, from the folder discovery started in when it set no top level. */
function unittestRerun(fs: readonly Failure[], command?: string | null): string | null {
  // a doctest cannot be named on unittest's command line: it is left out
  const ids = fs
    .filter((f) => !/^Failed doctest/.test(f.message))
    .map((f) => f.id.replace(/ \(the module failed to load\)$/, ''))
    .filter((id) => /^[\w.]+$/.test(id));
  if (ids.length === 0) return null;
  const py = /([\w./-]*python[\d.]*)\s+-m\s+unittest\b/.exec(command ?? '')?.[1] ?? 'python3';
  const start =
    /\bdiscover\b/.test(command ?? '') && !/\s(-t|--top-level-directory)\s/.test(command ?? '')
      ? /\s(?:-s|--start-directory)\s+(\S+)/.exec(command ?? '')?.[1]
      : undefined;
  const run = `${py} -m unittest ${ids.map(shq).join(' ')}`;
  return start && start !== '.' ? `(cd ${shq(start)} && ${run})` : run;
}

export const UNITTEST: RunnerParsing = {
  runner: 'unittest',
  parse: parseUnittest,
  rerun: (r, c) => unittestRerun(r.failures.slice(0, 10), c.command),
};
