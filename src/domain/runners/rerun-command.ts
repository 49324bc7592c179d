import type { ParsedRun } from './failure.ts';
import { runnerNamed } from './runners.ts';

export { invocationOf } from './rerun-tools.ts';

/** The command that re-runs just the failing tests, where the runner can select them. */
export function rerunFor(
  r: ParsedRun,
  exec: string,
  command?: string | null,
  packages: readonly string[] = [],
): string | null {
  if (r.failures.length === 0) return null;
  return runnerNamed(r.runner).rerun?.(r, { exec, command: command ?? null, packages }) ?? null;
}
