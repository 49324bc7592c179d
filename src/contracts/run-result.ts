/** How one shell command ended (adapters/process/run-command.ts runs it; the gate rules read it). */
export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The shell or the command was not found (ENOENT, or exit 127). */
  notFound: boolean;
  output: string;
  durationMs: number;
}
