import type { Failure, ParsedRun } from './failure.ts';
import { failedStepLines, fallbackLines } from './fallback.ts';
import type { OutputReading } from './parse-output.ts';
import { clip, countOf } from './text-tools.ts';
import { rerunFor } from './rerun-command.ts';

export { invocationOf, rerunFor } from './rerun-command.ts';

export interface RenderOptions {
  /** Failures shown per runner before "and N more". */
  maxFailures: number;
  /** The whole text's limit. */
  maxChars: number;
  /** How the project runs a package's binary: `npx`, `pnpm exec`, `yarn`, `bunx`. */
  exec: string;
  /** The check's own command: a re-run starts the runner the way it does (`.venv/bin/pytest`, `uv run pytest`). */
  command?: string | null;
  /** A workspace's package folders: a re-run of a package's tests starts in its folder. */
  packages?: readonly string[];
}

export const DEFAULT_RENDER: RenderOptions = { maxFailures: 5, maxChars: 1800, exec: 'npx' };

/** `vitest: 37 of 400 tests failed`, `tsc: 5 type errors`. */
export function headline(r: ParsedRun): string {
  const t = r.totals;
  const failed = t ? t.failed || r.failures.length : r.failures.length;
  const unit = t?.unit ?? 'failures';
  return t?.total
    ? `${r.runner}: ${failed} of ${t.total} ${unit} failed`
    : `${r.runner}: ${countOf(failed, unit)}${/tests?\b/.test(unit) ? ' failed' : ''}`;
}

/**
 * A re-run command that fits in `max` characters whole (a command cut short cannot be run): the
 * failing tests, else the first three of them, else the check's own command.
 */
function rerunWithin(r: ParsedRun, o: RenderOptions, max: number): string | null {
  const all = rerunFor(r, o.exec, o.command, o.packages);
  if (all === null || all.length <= max) return all;
  const some = rerunFor({ ...r, failures: r.failures.slice(0, 3) }, o.exec, o.command, o.packages);
  if (some !== null && some.length <= max) return `${some}   (the first 3 of ${r.failures.length})`;
  return o.command && o.command.length <= max ? o.command : null;
}

function renderFailure(f: Failure): string[] {
  const head = `✗ ${clip(f.id, 160)}${f.location && !f.id.includes(f.location) ? ` (${f.location})` : ''}`;
  const lines = [head];
  if (f.message) lines.push(`  ${clip(f.message, 200)}`);
  for (const d of (f.detail ?? []).slice(0, 4)) lines.push(`    ${clip(d, 160)}`);
  return lines;
}

const size = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);

/**
 * One runner's part within `budget` characters: its headline, the failures that fit whole (at most
 * `maxFailures`), "and N more" for the rest, and the re-run command — the count and the command
 * are kept whatever the failures' length, so a long diff never hides what else failed.
 */
function renderRun(r: ParsedRun, o: RenderOptions, budget: number): string[] {
  // within a summary line's limit (output-excerpt.ts clips longer ones): "re-run the failing tests: " + 190
  const rerun = rerunWithin(r, o, 190);
  const tail = (shown: number): string[] => [
    ...(r.failures.length > shown ? [`… and ${r.failures.length - shown} more`] : []),
    ...(rerun ? [`re-run the failing tests: ${rerun}`] : []),
  ];
  const out = [headline(r)];
  let shown = 0;
  for (const f of r.failures.slice(0, o.maxFailures)) {
    const block = renderFailure(f);
    if (shown > 0 && size(out) + size(block) + size(tail(shown + 1)) > budget) break;
    out.push(...block);
    shown++;
  }
  return [...out, ...tail(shown)];
}

/**
 * A failed check's output as Claude should read it: per runner that failed, the totals, the
 * first failures with their location and expected/actual lines, and the command that re-runs
 * them; or, when no runner was recognised, the failing lines near the end. Within `maxChars`.
 */
export function renderReading(reading: OutputReading, o: RenderOptions = DEFAULT_RENDER): string {
  const share = Math.floor(o.maxChars / Math.max(1, reading.runs.length));
  const lines = reading.runs.length
    ? reading.runs.flatMap((r) => renderRun(r, o, share))
    : (failedStepLines(reading.text) ?? fallbackLines(reading.text));
  const out: string[] = [];
  let used = 0;
  for (const l of lines) {
    if (used + l.length + 1 > o.maxChars) {
      out.push('…');
      break;
    }
    out.push(l);
    used += l.length + 1;
  }
  return out.join('\n');
}
