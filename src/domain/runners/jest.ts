import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { fileRerun } from './rerun-tools.ts';
import { blocks, diffLines, firstText, isLibraryFrame, labelled, num } from './text-tools.ts';

const BULLET = /^ {2}● (.+)$/;
const FILE = /^ ?(FAIL|PASS) +(\S+)/;

function failure(block: string[], file: string): Failure {
  const body = block.slice(1);
  const frames = body
    .map((l) => /^\s+at .*?\(?([^\s()]+:\d+:\d+)\)?$/.exec(l))
    .filter((m) => m !== null && !isLibraryFrame(m[0]));
  const testFrame = frames.find((m) => m?.[1]?.startsWith(file)) ?? frames[0];
  const detail = [
    ...labelled(body, /^(Expected|Received)( value)?( to (be|equal|match|contain)( recursively)?)?:/),
    ...diffLines(body, /^\s*\+ Received/),
  ];
  const title = (BULLET.exec(block[0] ?? '')?.[1] ?? '').replace(/ › /g, ' > ');
  return {
    id: title === 'Test suite failed to run' ? `${file} (the file failed to load)` : `${file} > ${title}`,
    location: testFrame?.[1] ?? null,
    message: firstText(body),
    ...(detail.length ? { detail } : {}),
  };
}

/**
 * jest: `FAIL file` then `  ● suite › test` blocks; totals `Tests:       4 failed, 5 passed, 9 total`, summed over the
 * runs a script chains.
 */
export function parseJest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const totalsLines = lines.filter((l) => /^Tests:\s+/.test(l));
  const totalsLine = totalsLines.at(-1);
  if (!totalsLine && !lines.some((l) => FILE.test(l))) return null;
  if (!lines.some((l) => BULLET.test(l)) && !totalsLine) return null;
  const failures: Failure[] = [];
  let file = '';
  const byFile = blocks(lines, (l) => FILE.test(l));
  for (const fileBlock of byFile) {
    file = (FILE.exec(fileBlock[0] ?? '')?.[2] ?? file).trim();
    for (const b of blocks(
      fileBlock.slice(1),
      (l) => BULLET.test(l),
      (l) => /^(Test Suites|Tests|Snapshots|Time):/.test(l),
    ))
      failures.push(failure(b, file));
  }
  const sum = (re: RegExp): number => totalsLines.reduce((n, l) => n + num(re.exec(l), 1), 0);
  const failed = sum(/(\d+) failed/);
  const total = sum(/(\d+) total/);
  return { runner: 'jest', failures, totals: totalsLine ? { failed, total, unit: 'tests' } : null };
}

export const JEST: RunnerParsing = {
  runner: 'jest',
  parse: parseJest,
  rerun: (r, c) => fileRerun('jest', r, c),
};
