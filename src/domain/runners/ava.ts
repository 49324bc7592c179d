import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { quote } from './rerun-tools.ts';
import { relativeTo } from './text-tools.ts';

const FAIL = /^\s*✘ \[fail\]: (.+)$/;
const RULE = /^\s*─\s*$/;
const LOCATION = /^\s+((?:[\w@.-]+\/)*[\w@.-]+\.[cm]?[jt]sx?):(\d+)\s*$/;
const FRAME = /\bat (?:.*\()?(?:file:\/\/)?([^\s():]+\.[cm]?[jt]sx?):(\d+):(\d+)\)?\s*$/;

/**
 * ava's default reporter: a `✘ [fail]: file › test message` line per failure, then between `─`
 * rules a block per failure — its title, the test's file:line, the code, `Difference (- actual,
 * + expected):` and its lines, or the error thrown — and `N tests failed`.
 */
export function parseAva(text: string, root?: string): ParsedRun | null {
  const lines = text.split('\n');
  const marks = lines.map((l) => FAIL.exec(l)?.[1]?.trim()).filter((t): t is string => t !== undefined);
  const summary = lines.findLast((l) => /^\s*\d+ tests? failed\s*$/.test(l));
  if (marks.length === 0 && !summary) return null;
  const first = lines.findIndex((l) => RULE.test(l));
  const last = lines.findLastIndex((l) => RULE.test(l));
  const details = first >= 0 && last > first ? lines.slice(first + 1, last) : [];
  const failures: Failure[] = marks.map((mark) => {
    // the mark is "title message": the title is the longest block heading it starts with
    const at = details.findIndex(
      (l, i) => l.trim() !== '' && mark.startsWith(l.trim()) && (details[i - 1] ?? '').trim() === '',
    );
    const title = at >= 0 ? (details[at] as string).trim() : mark;
    const end = details.findIndex(
      (l, i) =>
        i > at &&
        marks.some((m) => m !== mark && l.trim() !== '' && m.startsWith(l.trim())) &&
        (details[i - 1] ?? '').trim() === '',
    );
    const block = at >= 0 ? details.slice(at + 1, end > at ? end : undefined) : [];
    const loc = block.map((l) => LOCATION.exec(l)).find((m) => m !== null);
    const frame = block.map((l) => FRAME.exec(l)).find((m) => m !== null && !/node_modules\//.test(m[1] ?? ''));
    const location = loc
      ? `${loc[1]}:${loc[2]}`
      : frame
        ? `${relativeTo(root, frame[1] ?? '')}:${frame[2]}:${frame[3]}`
        : null;
    const diffAt = block.findIndex((l) => /Difference \(- actual, \+ expected\):/.test(l));
    const detail =
      diffAt >= 0
        ? block
            .slice(diffAt + 1)
            .filter((l) => /^\s*[-+] /.test(l))
            .slice(0, 4)
            .map((l) => l.trim())
        : [];
    const thrown = block.map((l) => /^\s*(\w*Error): (.+)$/.exec(l)).find((m) => m !== null);
    const message =
      mark.slice(title.length).trim() ||
      (thrown ? `${thrown[1]}: ${thrown[2]}` : diffAt >= 0 ? 'values differ (- actual, + expected)' : '');
    return { id: title, location, message, ...(detail.length ? { detail } : {}) };
  });
  const failed = summary ? Number(/(\d+)/.exec(summary)?.[1]) : failures.length;
  const passed = lines.filter((l) => /^\s*✔ /.test(l)).length;
  return { runner: 'ava', failures, totals: { failed, total: passed ? passed + failed : null, unit: 'tests' } };
}

export const AVA: RunnerParsing = {
  runner: 'ava',
  parse: parseAva,
  rerun: (r, c) => {
    // `--match` takes the test's own title: the last part after its file's (`flags › choices › title`)
    const titles = [
      ...new Set(
        r.failures
          .slice(0, 10)
          .map((f) => f.id.split(' › ').pop() ?? '')
          .filter(Boolean),
      ),
    ];
    return titles.length ? `${c.exec} ava ${titles.map((t) => `--match ${quote(t)}`).join(' ')}` : null;
  },
};
