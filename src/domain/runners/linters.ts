import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { relativeTo } from './text-tools.ts';

/**
 * eslint's stylish format: a file path line, then `  6:20  error  message  rule-id` rows; `✖ 4 problems (3 errors, 1
 * warning)`.
 */
export function parseEslint(text: string, root?: string): ParsedRun | null {
  const lines = text.split('\n');
  const total = lines
    .map((l) => /^✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(l))
    .find((m) => m !== null);
  if (!total && !lines.some((l) => /^\s+\d+:\d+\s+(error|warning)\s+/.test(l))) return null;
  const failures: Failure[] = [];
  const warnings: Failure[] = [];
  let file = '';
  for (const l of lines) {
    if (/^\S.*\.[A-Za-z0-9]+$/.test(l) && !/^✖ /.test(l)) file = relativeTo(root, l.trim());
    const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(\S+))?$/.exec(l);
    if (m)
      (m[3] === 'error' ? failures : warnings).push({
        id: `${m[5] ?? 'parse error'} in ${file}`,
        location: `${file}:${m[1]}:${m[2]}`,
        message: (m[4] ?? '').trim(),
      });
  }
  // with --max-warnings, warnings alone fail the run
  if (failures.length === 0 && lines.some((l) => /^ESLint found too many warnings/.test(l)))
    return {
      runner: 'eslint',
      failures: warnings,
      totals: { failed: warnings.length, total: null, unit: 'lint warnings (over --max-warnings)' },
    };
  return {
    runner: 'eslint',
    failures,
    totals: total
      ? { failed: Number(total[2]), total: null, unit: 'lint errors' }
      : { failed: failures.length, total: null, unit: 'lint errors' },
  };
}

/**
 * oxlint's default format: `  × eslint(rule): message` then `╭─[file:l:c]` (`,-[` without colour); `Found 1 warning and
 * 3 errors.`
 */
export function parseOxlint(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const found = lines.map((l) => /^Found (\d+) warnings? and (\d+) errors?\./.exec(l)).find((m) => m !== null);
  if (!found) return null;
  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s+([×x]|[⚠!]) ([\w-]+\([^)]*\)|[\w/-]+): (.+)$/.exec(lines[i] ?? '');
    // warnings count only when they are what failed the run (--deny-warnings, --max-warnings)
    if (!m || (/[⚠!]/.test(m[1] ?? '') && Number(found[2]) > 0)) continue;
    const loc = /[╭,]-*─*\[(\S+:\d+:\d+)\]/.exec(lines[i + 1] ?? '')?.[1] ?? null;
    failures.push({ id: `${m[2]} in ${loc?.replace(/:\d+:\d+$/, '') ?? '?'}`, location: loc, message: m[3] ?? '' });
  }
  return {
    runner: 'oxlint',
    failures,
    totals: {
      failed: Number(found[2]) || failures.length,
      total: null,
      unit: Number(found[2]) ? 'lint errors' : 'lint warnings (denied)',
    },
  };
}

/** biome check/lint/format/ci: `file:l:c category  ━━━` headers, `  × message` for errors; `Found 6 errors.` */
export function parseBiome(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const found = lines.map((l) => /^Found (\d+) errors?\./.exec(l)).find((m) => m !== null);
  const checked = lines.some((l) => /^Checked \d+ files? in /.test(l));
  if (!found && !checked) return null;
  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = /^(\S+?)(?::(\d+):(\d+))? ([\w/]+)(?: {2}\S+)*\s+━+$/.exec(lines[i] ?? '');
    if (!h) continue;
    const next = lines
      .slice(i + 1, i + 4)
      .map((l) => /^ {2}([×!i]) (.+)$/.exec(l))
      .find((m) => m !== null);
    if (next?.[1] !== '×' && h[4] !== 'format') continue;
    const file = h[1] ?? '';
    failures.push({
      id: h[4] === 'format' ? `format in ${file}` : `${h[4]} in ${file}`,
      location: h[2] ? `${file}:${h[2]}:${h[3]}` : file,
      message: h[4] === 'format' ? 'the file is not formatted as biome formats it' : (next?.[2] ?? ''),
    });
  }
  return {
    runner: 'biome',
    failures,
    totals: found ? { failed: Number(found[1]), total: null, unit: 'errors' } : null,
  };
}

/**
 * ruff check: `F401 [*] message` then ` --> file:l:c` (full) or `file:l:c: F401 message` (concise); `Found 3 errors.`
 */
export function parseRuff(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const found = lines.map((l) => /^Found (\d+) errors?\./.exec(l)).find((m) => m !== null);
  if (!found) return null;
  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const concise = /^(\S+?):(\d+):(\d+): ([A-Z]+\d+|invalid-syntax:?) (?:\[\*\] )?(.+)$/.exec(lines[i] ?? '');
    if (concise) {
      failures.push({
        id: `${concise[4]} in ${concise[1]}`,
        location: `${concise[1]}:${concise[2]}:${concise[3]}`,
        message: concise[5] ?? '',
      });
      continue;
    }
    const full = /^([A-Z]+\d+|invalid-syntax:?) (?:\[\*\] )?(.+)$/.exec(lines[i] ?? '');
    const loc = /^\s*--> (\S+:\d+:\d+)$/.exec(lines[i + 1] ?? '')?.[1];
    if (full && loc)
      failures.push({ id: `${full[1]} in ${loc.replace(/:\d+:\d+$/, '')}`, location: loc, message: full[2] ?? '' });
  }
  return { runner: 'ruff', failures, totals: { failed: Number(found[1]), total: null, unit: 'lint errors' } };
}

/** mypy: `file:line: error: message  [code]`; `Found 3 errors in 2 files (checked 4 source files)`. */
export function parseMypy(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const found = lines
    .map((l) => /^Found (\d+) errors? in (\d+) files? \(checked (\d+) source files?\)/.exec(l))
    .find((m) => m !== null);
  const rows = lines
    .map((l) => /^(\S+?\.pyi?):(\d+)(?::(\d+))?: error: (.+?)(?: {2}\[([\w-]+)\])?$/.exec(l))
    .filter((m) => m !== null);
  if (!found && rows.length === 0) return null;
  const failures: Failure[] = rows.map((m) => ({
    id: `${m?.[5] ?? 'error'} in ${m?.[1]}`,
    location: `${m?.[1]}:${m?.[2]}${m?.[3] ? `:${m[3]}` : ''}`,
    message: m?.[4] ?? '',
  }));
  return {
    runner: 'mypy',
    failures,
    totals: { failed: found ? Number(found[1]) : failures.length, total: null, unit: 'type errors' },
  };
}

export const ESLINT: RunnerParsing = { runner: 'eslint', parse: parseEslint };
export const OXLINT: RunnerParsing = { runner: 'oxlint', parse: parseOxlint };
export const BIOME: RunnerParsing = { runner: 'biome', parse: parseBiome };
export const RUFF: RunnerParsing = { runner: 'ruff', parse: parseRuff };
export const MYPY: RunnerParsing = { runner: 'mypy', parse: parseMypy };
