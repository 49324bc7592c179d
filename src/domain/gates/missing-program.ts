/**
 * A program the check runs is not installed, said by what ran it: make's `Error 127` (the shell's
 * "not found") for a recipe line, pnpm's `Command "x" not found`. The check could not run.
 */
export const MISSING_PROGRAM = new RegExp(
  [
    String.raw`^make(\[\d+\])?: \*\*\* \[[^\]\n]*\] Error 127$`,
    String.raw`^\s*(ERR_PNPM_\w+\s+)?Command "[^"\n]+" not found$`,
  ].join('|'),
  'm',
);

/** The program the shell could not find (`sh: 1: ruff: not found`, `ruff: command not found`), when it says. */
export function programOf(output: string): string | null {
  const m =
    /(?:^|\n)(?:\S*sh: (?:\d+: |line \d+: )?)?([\w@./+-]+): (?:command )?not found/.exec(output) ??
    /^make(?:\[\d+\])?: ([\w@./+-]+): No such file or directory$/m.exec(output) ??
    /Command "([^"\n]+)" not found/.exec(output);
  return m?.[1] ?? null;
}
