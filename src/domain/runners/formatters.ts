import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { relativeTo } from './text-tools.ts';

const unformatted = (file: string, location: string | null = null): Failure => ({
  id: `format in ${file}`,
  location: location ?? file,
  message: 'not formatted',
});

/** prettier --check: `[warn] file` per file, `[warn] Code style issues found in 2 files.` */
export function parsePrettier(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const summary = lines
    .map((l) =>
      /^\[warn\] Code style issues found in (\d+) files?|^\[warn\] Code style issues found in the above file/.exec(l),
    )
    .find((m) => m !== null);
  const errors = lines.filter((l) => /^\[error\] \S+: /.test(l));
  if (!summary && errors.length === 0) return null;
  const failures = lines
    .map((l) => /^\[warn\] (\S[^\s]*)$/.exec(l)?.[1])
    .filter((f): f is string => f !== undefined)
    .map((f) => unformatted(f));
  for (const e of errors) {
    const m = /^\[error\] (\S+): (\w+Error): (.+?)(?: \((\d+):(\d+)\))?$/.exec(e);
    if (m)
      failures.push({
        id: `${m[2]} in ${m[1]}`,
        location: m[4] ? `${m[1]}:${m[4]}:${m[5]}` : (m[1] ?? null),
        message: m[3] ?? '',
      });
  }
  return {
    runner: 'prettier',
    failures,
    totals: { failed: summary?.[1] ? Number(summary[1]) : failures.length, total: null, unit: 'files' },
  };
}

/** oxfmt --check: `file (0ms)` per file between blank lines; `Format issues found in above 2 files.` */
export function parseOxfmt(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const summary = lines.map((l) => /^Format issues found in above (\d+) files?\./.exec(l)).find((m) => m !== null);
  if (!summary) return null;
  const failures = lines
    .map((l) => /^(\S+) \(\d+m?s\)$/.exec(l)?.[1])
    .filter((f): f is string => f !== undefined)
    .map((f) => unformatted(f));
  return { runner: 'oxfmt', failures, totals: { failed: Number(summary[1]), total: null, unit: 'files' } };
}

/**
 * gofmt -l: one unformatted file a line, nothing else (read only when the command is gofmt's: any
 * list of .go files looks so).
 */
export function parseGofmt(text: string, root?: string): ParsedRun | null {
  const files = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\S+\.go$/.test(l))
    .map((f) => relativeTo(root, f));
  if (files.length === 0) return null;
  return {
    runner: 'gofmt',
    failures: [...new Set(files)].map((f) => unformatted(f)),
    totals: { failed: new Set(files).size, total: null, unit: 'files' },
  };
}

/** cargo fmt --check (rustfmt): `Diff in /abs/file.rs:line:` per hunk; nothing else. */
export function parseRustfmt(text: string, root?: string): ParsedRun | null {
  const hunks = text
    .split('\n')
    .map((l) => /^Diff in (\S+?):(\d+):$/.exec(l))
    .filter((m) => m !== null);
  if (hunks.length === 0) return null;
  const byFile = new Map<string, string>();
  for (const h of hunks) {
    const file = relativeTo(root, h?.[1] ?? '');
    if (!byFile.has(file)) byFile.set(file, `${file}:${h?.[2]}`);
  }
  return {
    runner: 'rustfmt',
    failures: [...byFile].map(([f, loc]) => unformatted(f, loc)),
    totals: { failed: byFile.size, total: null, unit: 'files' },
  };
}

/**
 * ruff format --check: `unformatted: File would be reformatted` then `  --> file:l:c`; `2 files would be reformatted,
 * …`.
 */
export function parseRuffFormat(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const summary = lines.map((l) => /^(\d+) files? would be reformatted/.exec(l)).find((m) => m !== null);
  if (!summary) return null;
  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const loc = /^\s*--> (\S+?):(\d+):(\d+)$/.exec(lines[i + 1] ?? '');
    if (/^unformatted: /.test(lines[i] ?? '') && loc) failures.push(unformatted(loc[1] ?? '', `${loc[1]}:${loc[2]}`));
    const plain = /^Would reformat: (\S+)$/.exec(lines[i] ?? '');
    if (plain) failures.push(unformatted(plain[1] ?? ''));
  }
  return { runner: 'ruff format', failures, totals: { failed: Number(summary[1]), total: null, unit: 'files' } };
}

export const PRETTIER: RunnerParsing = { runner: 'prettier', parse: parsePrettier };
export const OXFMT: RunnerParsing = { runner: 'oxfmt', parse: parseOxfmt };
export const RUSTFMT: RunnerParsing = { runner: 'rustfmt', parse: parseRustfmt };
export const RUFF_FORMAT: RunnerParsing = { runner: 'ruff format', parse: parseRuffFormat };
/** gofmt's list has no mark of its own: read only for a command that runs `gofmt -l` (runner-words.ts). */
export const GOFMT: RunnerParsing = { runner: 'gofmt', parse: parseGofmt };
