import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { blocks, relativeTo } from './text-tools.ts';

/** A diagnostic's first line: `error: message`, `error[E0308]: message`; cargo's own closing lines are not. */
const ERROR = /^error(?:\[(E\d+)\])?: (?!could not compile `|aborting due to )(.+)$/;
const LOCATION = /^\s*--> (\S+?):(\d+):(\d+)$/;
/** Where a lint names itself: the first diagnostic of each lint carries the note or the help. */
const LINT_NAMES: readonly RegExp[] = [
  /^\s*= help: to override `-D warnings` add `#\[allow\(([\w:]+)\)\]`/,
  /^\s*= note: `#\[(?:deny|forbid)\(([\w:]+)\)\]` on by default/,
  /^\s*= help: for further information visit https:\/\/rust-lang\.github\.io\/rust-clippy\/\S+#(\w+)$/,
];
/** What only clippy prints: its lints' help links, its `clippy::` names. */
const CLIPPY_MARK = /^\s*= (?:help|note): .*(?:rust-clippy\/|\bclippy::)/;

const lintOf = (block: readonly string[]): string | null => {
  for (const re of LINT_NAMES) {
    const name = block.map((l) => re.exec(l)?.[1]).find((n) => n !== undefined);
    if (name) return re === LINT_NAMES[2] ? `clippy::${name}` : name;
  }
  return null;
};

/** A message with its quoted names taken out: the second `unused variable: `x`` of a lint is not named again. */
const shape = (message: string): string => message.replace(/`[^`]*`/g, '``');

/**
 * cargo clippy (and clippy-driver): rustc's diagnostics, `error: message` then ` --> file:l:c`,
 * with notes naming the lint (`-D clippy::len-zero` implied by `-D warnings`, `#[allow(clippy::
 * len_zero)]`) on each lint's first diagnostic only; then `error: could not compile `crate` (lib)
 * due to 8 previous errors`. Output without a clippy mark is read only when the command names
 * clippy: a build's compile errors look the same, and cargo test's parser reads those.
 */
export function parseClippy(text: string, root?: string, named = false): ParsedRun | null {
  const lines = text.split('\n');
  if (!named && !lines.some((l) => CLIPPY_MARK.test(l))) return null;
  const found = blocks(
    lines,
    (l) => /^(error|warning)(\[E\d+\])?: /.test(l),
    (l) => l.trim() === '',
  )
    .map((b) => ({ head: ERROR.exec(b[0] ?? ''), loc: b.map((l) => LOCATION.exec(l)).find((m) => m !== null), b }))
    .filter((d) => d.head !== null && d.loc !== undefined);
  if (found.length === 0) return null;
  // a lint named once names its later diagnostics with the same message
  const byShape = new Map<string, string>();
  for (const d of found) {
    const lint = lintOf(d.b);
    if (lint && d.head) byShape.set(shape(d.head[2] ?? ''), lint);
  }
  const seen = new Set<string>();
  const failures: Failure[] = [];
  for (const { head, loc, b } of found) {
    const file = relativeTo(root, loc?.[1] ?? '');
    const message = head?.[2] ?? '';
    const rule = head?.[1] ?? lintOf(b) ?? byShape.get(shape(message)) ?? 'error';
    const location = `${file}:${loc?.[2]}:${loc?.[3]}`;
    // cargo prints a diagnostic once, but each target that has it (lib, lib test) may count it
    if (seen.has(`${location} ${message}`)) continue;
    seen.add(`${location} ${message}`);
    failures.push({ id: `${rule} in ${file}`, location, message });
  }
  const unit = failures.some((f) => /^E\d+ in /.test(f.id)) ? 'errors' : 'lint errors';
  return { runner: 'clippy', failures, totals: { failed: failures.length, total: null, unit } };
}

export const CLIPPY: RunnerParsing = {
  runner: 'clippy',
  parse: parseClippy,
  // clippy's diagnostics are rustc's: cargo test's parser reads them as compile errors
  rereads: 'cargo test',
};
