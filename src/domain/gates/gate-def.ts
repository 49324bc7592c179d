import type { GateResult } from '../../contracts/events.ts';
import type { GATE_WHEN } from '../../contracts/config-schema.ts';

export type GateWhen = (typeof GATE_WHEN)[number];

/** compile/test/lint/build/bench/custom run a command; console and docs are csm's own diff checks. */
export type GateKind = 'compile' | 'test' | 'lint' | 'build' | 'bench' | 'custom' | 'console' | 'docs';

export interface GateDef {
  name: string;
  /** Shell command run in the repository root; null for csm's built-in checks (console, docs). */
  command: string | null;
  /** Time limit in seconds. */
  timeout: number;
  /** Globs of the files whose changes make the gate run again (`!glob` excludes). */
  covers: string[];
  when: GateWhen[];
  blocking: boolean;
  kind: GateKind;
  /** bench only: the command's wall time limit in ms. */
  maxMs: number | null;
  /**
   * Where it came from: the project's files (package.json, Cargo.toml …), its CI workflows, .claude/csm.json, csm
   * itself.
   */
  source: 'detected' | 'ci' | 'config' | 'builtin';
  /**
   * Where exactly it was found, as the user can check it: `package.json script "test"`, `the
   * Makefile target "test"`.
   */
  origin?: string;
  /** What Stop runs of it: the affected tests (when the runner can select them) or everything; unset: `stop.scope`. */
  scope?: 'affected' | 'full';
}

/**
 * What makes a format check a gate of its own kind: it blocks, on what the session made fail only
 * (the baseline tells a file unformatted before from one the session left so) — formatting is
 * deterministic, a fix is one command away, and CI fails on it.
 */
export const FORMAT_CHECK: Partial<GateDef> = { blocking: true };

export const ALL_WHEN: GateWhen[] = ['stop', 'task-done', 'complete'];

/** The command that re-runs one gate by hand. */
export const rerunCommand = (gate: Pick<GateDef, 'name' | 'command'>): string =>
  gate.command ?? `csm gates --only ${gate.name}`;

/** What Stop runs of a test gate when it can run only the tests a change affects. */
export interface AffectedRun {
  /** The command to run instead of the gate's own. */
  command: string;
  /** What the scope is, for the reason: "vitest related src/a.ts". */
  scope: string;
  /** The script's steps, the test step narrowed, when it came from a package script. */
  steps?: string[];
  /**
   * How the narrowed run names its tests where the whole run names them otherwise (ava prefixes a
   * title with its file's path from the run's common folder, and not at all when one file runs):
   * each test file's prefix here (`from`, '' for none) and in the whole run (`to`).
   */
  renames?: { from: string; to: string }[];
}

/** What a built-in check decides, before it becomes a GateResult. */
export interface CheckOutcome {
  status: 'pass' | 'fail' | 'error';
  /** One line for a pass; the findings (file:line: text) for a failure. */
  output: string;
  /** A failed command's output as read by the runner parsers. */
  read?: Pick<
    GateResult,
    | 'failures'
    | 'totals'
    | 'runners'
    | 'preexisting'
    | 'newFailures'
    | 'signature'
    | 'undecided'
    | 'failedSteps'
    | 'stepCount'
  >;
}

/** Where a gate comes from, as csm says it to the user. */
export const GATE_ORIGIN: Record<GateDef['source'], string> = {
  detected: "the project's files",
  ci: 'a CI workflow',
  config: '.claude/csm.json',
  builtin: 'csm',
};

/** Where a gate comes from, as precisely as csm knows it. */
export const originOf = (g: Pick<GateDef, 'source' | 'origin'>): string => g.origin ?? GATE_ORIGIN[g.source];
