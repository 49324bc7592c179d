import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { fileRerun } from './rerun-tools.ts';
import { blocks, diffLines, firstText, labelled, num } from './text-tools.ts';

const FAIL = /^ FAIL {1,2}(.+)$/;
const END = /^⎯+(\[\d+\/\d+\]⎯)?$|^⎯{3,} (Failed|Unhandled) /;

function failure(block: string[]): Failure {
  const head = (FAIL.exec(block[0] ?? '')?.[1] ?? '').trim();
  const suite = /^(.+?) \[ .+ \]$/.exec(head);
  const body = block.slice(1);
  // the first frame in the project's own code: a helper library's frame (node_modules) comes before the test's
  const frames = body.map((l) => /^\s*❯ (\S+:\d+:\d+)/.exec(l)?.[1]).filter((x) => x !== undefined);
  const loc = frames.find((x) => !/(^|\/)node_modules\//.test(x)) ?? frames[0] ?? null;
  const detail = [...labelled(body, /^(Expected|Received):/), ...diffLines(body, /^\+ Received$/)];
  return {
    id: suite ? `${suite[1]} (the file failed to load)` : head,
    location: loc,
    message: firstText(body),
    ...(detail.length ? { detail } : {}),
  };
}

/**
 * vitest's default reporter: ` FAIL  file > suite > test` blocks after "Failed Tests", totals `Tests  5 failed | 6
 * passed (11)`.
 */
export function parseVitest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const totalsLine = lines.findLast((l) => /^\s+Tests\s+\d+ (failed|passed)/.test(l));
  const marked =
    lines.some((l) => /^⎯+ Failed (Tests|Suites) \d+ ⎯+$/.test(l)) || lines.some((l) => /^ RUN {1,2}v\d/.test(l));
  if (!marked && !totalsLine) return null;
  const failures = blocks(
    lines,
    (l) => FAIL.test(l),
    (l) => END.test(l),
  ).map(failure);
  const m = totalsLine ? /(\d+) failed.*?\((\d+)\)|\((\d+)\)/.exec(totalsLine) : null;
  const totals = m ? { failed: num(m, 1), total: m[2] ? Number(m[2]) : num(m, 3), unit: 'tests' } : null;
  const suites = lines.find((l) => /^\s+Test Files\s+\d+ failed/.test(l));
  return {
    runner: 'vitest',
    failures,
    totals:
      totals && totals.failed === 0 && failures.length > 0 && suites ? { ...totals, failed: failures.length } : totals,
  };
}

export const VITEST: RunnerParsing = {
  runner: 'vitest',
  parse: parseVitest,
  rerun: (r, c) => fileRerun('vitest run', r, c),
};
