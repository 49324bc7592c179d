import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { files, fromPackages, TEST_FILE } from './rerun-tools.ts';
import { shellWord as shq } from './text-tools.ts';
import { firstText, isLibraryFrame, num, relativeTo } from './text-tools.ts';

/** `   FAIL  suite  "title"`; a test of uvu's unnamed suite has no suite: `   FAIL  "title"`. */
const HEADER = /^ {3}FAIL {2}(?:(.+?) {2})?"(.*)"$/;
/** A suite's progress, ` suite  • ✘ •   (2 / 3)`, unnamed: `✘   (0 / 1)`. */
const PROGRESS = /^(?: .+? {2})?(?:[•✘] )*\s*\(\d+ \/ \d+\)$/;
/** The file the CLI prints, relative to the folder it was given, above the file's suites. */
const FILE = /^\S(?:.*\S)?\.[cm]?[jt]sx?$/;
/** The summary: `  Total:     14`, `  Passed:    6`, then `  Skipped:` and `  Duration:`. */
const TOTAL = /^ {2}Total: +(\d+)$/;
const PASSED = /^ {2}Passed: +(\d+)$/;
const FRAME = /^\s+at (?:.*? \()?(?:async )?(?:file:\/\/)?([^\s()]+):(\d+):(\d+)\)?$/;
/** The diff uvu prints under an 8-column gutter: `++` expected, `--` actual, `··` both, `·` for a space. */
const GUTTER = /^ {8}/;
const CHANGE = /^(L\d+ )?(\+\+|--)/;

interface Frame {
  path: string;
  at: string;
}

const frameOf = (line: string, root?: string): Frame | null => {
  const m = FRAME.exec(line);
  if (!m || isLibraryFrame(line)) return null;
  const path = relativeTo(root, m[1] ?? '');
  return { path, at: `${path}:${m[2]}:${m[3]}` };
};

/** A diff line as uvu means it: the spaces back, the both-sides marker as blanks, the markers of the sides kept. */
function unmark(line: string): string | null {
  const l = line.replace(GUTTER, '').trimEnd();
  if (/^(Expected|Actual):$/.test(l)) return null;
  const m = /^(L\d+ )?(\+\+|--|··)(.*)$/.exec(l);
  if (!m) return l;
  return `${m[1] ?? ''}${m[2] === '··' ? '  ' : m[2]}${(m[3] ?? '').replace(/·/g, ' ')}`;
}

/** The diff's lines from the one before its first change, both sides; none when the block has no diff. */
function diffOf(body: readonly string[], max = 8): string[] {
  const start = body.findIndex((l) => GUTTER.test(l));
  if (start < 0) return [];
  const end = body.findIndex((l, i) => i > start && !GUTTER.test(l));
  const region = body.slice(start, end < 0 ? undefined : end);
  const lines = region.map(unmark).filter((l): l is string => l !== null && l !== '');
  const first = lines.findIndex((l) => CHANGE.test(l));
  if (first < 0) return [];
  const from = Math.max(0, first - 1);
  return lines.slice(from, from + max);
}

/** One failed test's block: after its header, its message, the diff under the gutter, then the stack. */
function failureOf(block: readonly string[], file: string, root?: string): Failure {
  const head = HEADER.exec(block[0] ?? '');
  const id = [file, head?.[1] ?? '', head?.[2] ?? ''].filter((p) => p !== '').join(' > ');
  const body = block.slice(1);
  const stack = body.findIndex((l) => FRAME.test(l));
  const message = firstText(body.slice(0, stack < 0 ? undefined : stack).filter((l) => !GUTTER.test(l)));
  const frame = body.map((l) => frameOf(l, root)).find((f) => f !== null && !/(^|\/)node_modules\//.test(f.path));
  const detail = diffOf(body);
  // `message  (operator)`; a diff of several lines names neither side: a legend says which is which
  const op = / {2}\((\w+)\)$/.exec(message);
  const text = op ? message.slice(0, op.index) : message;
  const sides = detail.length > 0 && !detail.some((l) => /\((Expected|Actual)\)$/.test(l));
  const notes = [op?.[1], sides ? '++ expected, -- actual' : undefined].filter((n) => n !== undefined);
  return {
    id,
    location: frame?.at ?? null,
    message: notes.length ? `${text} (${notes.join('; ')})` : text,
    ...(detail.length ? { detail } : {}),
  };
}

/**
 * uvu: a line per suite (` suite  • ✘   (1 / 2)`), under the file's name when its CLI runs it, the
 * failures' blocks (`   FAIL  suite  "title"`, the message, a `++`/`--` diff, the stack) after
 * each suite, and `Total:` / `Passed:` / `Skipped:` at the end. A file's name is printed relative
 * to the folder given to uvu; where a frame of that file's stack shows its path, that path is used.
 */
export function parseUvu(text: string, root?: string): ParsedRun | null {
  const lines = text.split('\n');
  const totalAt = lines.findIndex((l, i) => TOTAL.test(l) && PASSED.test(lines[i + 1] ?? ''));
  const isProgress = (i: number): boolean => PROGRESS.test(lines[i] ?? '');
  // without the summary (`--bail` exits before it), a failure's header and a suite's line
  if (totalAt < 0 && !(lines.some((l) => HEADER.test(l)) && lines.some((_, i) => isProgress(i)))) return null;
  const end = totalAt < 0 ? lines.length : totalAt;
  // each failure's block, with the file it is under
  const found: { file: string; block: string[]; frames: Frame[] }[] = [];
  let file = '';
  let frames: Frame[] = [];
  let block: string[] | null = null;
  for (let i = 0; i < end; i++) {
    const l = lines[i] ?? '';
    if (FILE.test(l) && isProgress(i + 1)) {
      file = l;
      frames = [];
      block = null;
      continue;
    }
    if (HEADER.test(l)) {
      block = [l];
      found.push({ file, block, frames });
    } else if (isProgress(i)) block = null;
    else block?.push(l);
    const f = frameOf(l, root);
    if (f) frames.push(f);
  }
  const failures = found.map(({ file, block, frames }) => {
    const path = file ? frames.find((f) => f.path === file || f.path.endsWith(`/${file}`))?.path : undefined;
    return failureOf(block, path ?? file, root);
  });
  if (totalAt < 0) return { runner: 'uvu', failures, totals: { failed: failures.length, total: null, unit: 'tests' } };
  const total = num(TOTAL.exec(lines[totalAt] ?? ''), 1);
  const passed = num(PASSED.exec(lines[totalAt + 1] ?? ''), 1);
  return { runner: 'uvu', failures, totals: { failed: total - passed, total, unit: 'tests' } };
}

/**
 * uvu takes a folder and a pattern the paths of its files under it must match (`uvu . 'x\.test\.js$'`):
 * the failing files, with the modules the check preloads (`-r tsm`). A file run by node (`node
 * tests/x.js`: no file in the ids) runs so again.
 */
function uvuRerun(
  fs: readonly Failure[],
  exec: string,
  command: string | null | undefined,
  packages: readonly string[],
): string | null {
  const named = [...new Set(fs.map((f) => f.id.split(' > ')[0] ?? '').filter((p) => /\.[cm]?[jt]sx?$/.test(p)))];
  if (named.length === 0) {
    const tests = files(fs).filter((f) => TEST_FILE.test(f));
    return tests.length ? tests.map((f) => `node ${shq(f)}`).join('; ') : null;
  }
  const step = (command ?? '').split(/&&|\|\||;/).find((s) => /\buvu\b/.test(s)) ?? '';
  const preloads = [...step.matchAll(/(?:^|\s)(?:-r|--require)(?:\s+|=)(\S+)/g)].map((m) => ` -r ${m[1]}`);
  const escaped = (ps: string[]): string => ps.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return fromPackages(named, packages, (ps) => `${exec} uvu${preloads.join('')} . ${shq(`(^|/)(${escaped(ps)})$`)}`);
}

export const UVU: RunnerParsing = {
  runner: 'uvu',
  parse: parseUvu,
  rerun: (r, c) => uvuRerun(r.failures, c.exec, c.command, c.packages),
};
