import type {
  CargoWorkspace,
  GoPackage,
  JsSources,
  PackageManager,
  ProjectFacts,
  PySources,
  TestFilesConfig,
  WorkspacePackage,
} from '../../contracts/project-facts.ts';
import { fileRunnerAffected } from './file-runner-affected.ts';
import { cargoAffected } from './cargo-affected.ts';
import { goAffected } from './go-affected.ts';
import { pytestAffected } from './py-affected.ts';
import { unittestAffected } from './unittest-affected.ts';
import { isInertChange } from './inert-change.ts';
import { nodeTestAffected } from './js-affected.ts';
import { workspaceAffected } from './workspace-affected.ts';
import { workspaceRun } from './workspace-run.ts';
import type { AffectedRun, GateDef } from './gate-def.ts';
import { shellWord } from '../runners/text-tools.ts';
import { classify } from './step-kind.ts';
import { expandScript, type ScriptStep } from './script-steps.ts';
import { toolWords } from './shell-words.ts';

/**
 * Stop runs the tests the change can affect first (task-done and complete run everything): a
 * test step of the project's own script, narrowed by its runner's own selection — vitest
 * `related`, jest `--findRelatedTests`, `go test` on the changed packages, pytest on the test
 * files of the changed modules. The script's other steps (lint, types) run as written.
 */
export type { AffectedRun } from './gate-def.ts';
export { chainOf, everyStepCommand } from './script-chain.ts';
import { SCRIPT_RUN, stepRun } from './script-chain.ts';
const q = shellWord;
const SOURCE = /\.(m?[jt]sx?|c[jt]s|vue|svelte|py|go|rs)$/;
/**
 * Selection and watch flags, and coverage (a threshold over the whole code fails on a few tests): not kept when
 * narrowing.
 */
const COVERAGE = 'coverage|collectCoverage|coverageThreshold|coverageReporters|coverageDirectory|coverageProvider';
const DROPPED = new RegExp(
  [
    String.raw`^--?(w|watch|run|changed|related|findRelatedTests)$`,
    String.raw`^--(watch|changed)=`,
    String.raw`^--(${COVERAGE})([.=]|$)`,
  ].join('|'),
);
const QUOTED = /^["']/;
const NO_CONFIG: TestFilesConfig = { mocha: 'none', ava: null };
const PATHLIKE = /[/\\]|\.\w{1,5}$/;

/** A runner's flags with their values (`--project unit`), without its test filters and watch/selection flags. */
function flagsOf(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const prev = words[i - 1];
    if (w.startsWith('-')) {
      if (!DROPPED.test(w)) out.push(w);
    } else if (prev?.startsWith('-') && !prev.includes('=') && !DROPPED.test(prev) && !PATHLIKE.test(w))
      out.push(QUOTED.test(w) ? w : q(w));
  }
  return out;
}

/** A test step narrowed to `files`, or null when its runner cannot select tests by changed files. */
export function narrowStep(
  step: Pick<ScriptStep, 'command' | 'tool'>,
  files: readonly string[],
  exec: string,
  workspaces: readonly WorkspacePackage[] = [],
  jsSources: () => JsSources | null = () => null,
  testFiles: TestFilesConfig = NO_CONFIG,
): AffectedRun | null {
  if (step.tool?.startsWith('workspaces:')) {
    const run = workspaceRun(toolWords(step.command));
    return run ? workspaceAffected(run, step.command, workspaces, files) : null;
  }
  if (step.tool === 'node:test') return nodeTestAffected(step.command, files, jsSources);
  if (step.tool === 'mocha' || step.tool === 'ava')
    return fileRunnerAffected(step.tool, step.command, files, jsSources, testFiles);
  const src = files.filter((f) => SOURCE.test(f));
  // a changed fixture or configuration file: no import graph says which tests read it
  if (src.length === 0 || files.some((f) => !SOURCE.test(f) && !isInertChange(f))) return null;
  const [, ...rest] = toolWords(step.command);
  const flags = flagsOf(rest.slice(rest[0] === 'run' ? 1 : 0));
  if (step.tool === 'vitest') {
    return {
      command: `${exec} vitest related --run --passWithNoTests ${[...flags, ...src.map(q)].join(' ')}`,
      scope: `vitest related ${src.join(' ')}`,
    };
  }
  if (step.tool === 'jest') {
    return {
      command: `${exec} jest --passWithNoTests ${[...flags, '--findRelatedTests', ...src.map(q)].join(' ')}`,
      scope: `jest --findRelatedTests ${src.join(' ')}`,
    };
  }
  return null;
}

/**
 * A package.json script with its test step narrowed; null when the script is not simple or has no narrowable test step.
 */
export function npmScriptAffected(
  scripts: Record<string, string>,
  name: string,
  pm: PackageManager,
  files: readonly string[],
  workspaces: readonly WorkspacePackage[] = [],
  jsSources: () => JsSources | null = () => null,
  testFiles: TestFilesConfig = NO_CONFIG,
): AffectedRun | null {
  const plan = expandScript(scripts, name);
  if (!plan.simple) return null;
  const tests = plan.steps.filter((s) => s.kind === 'test');
  if (tests.length !== 1) return null;
  const exec = pm === 'pnpm' ? 'pnpm exec' : pm === 'yarn' ? 'yarn' : pm === 'bun' ? 'bunx' : 'npx';
  const narrowed = narrowStep(tests[0] as ScriptStep, files, exec, workspaces, jsSources, testFiles);
  if (!narrowed) return null;
  const steps = plan.steps.map((s) => (s.kind === 'test' ? narrowed.command : stepRun(s, pm)));
  return { ...narrowed, command: steps.join(' && '), steps };
}

export { narrowingOf } from './narrowing-of.ts';

/** What narrowing reads from the project, only when a runner needs it. */
export interface AffectedReaders {
  /** pytest: the project's Python files and their imports (null: too many to read). */
  pySources(): PySources | null;
  /** go test: the module's packages and what each imports (null: go cannot list them). */
  goPackages(): GoPackage[] | null;
  /** cargo test: the workspace's crates (null: cargo cannot list them). */
  cargoWorkspace(): CargoWorkspace | null;
  /** node:test: the JS/TS files and their relative imports (null: too many to read). */
  jsSources(): JsSources | null;
}

/**
 * A test gate narrowed to the tests the changed files can affect; null when its runner cannot
 * select tests that way (then the whole gate runs).
 */
export function affectedFor(
  gate: Pick<GateDef, 'command' | 'kind'>,
  facts: ProjectFacts,
  files: readonly string[],
  readers: AffectedReaders,
): AffectedRun | null {
  const command = gate.command;
  if (!command || files.length === 0) return null;
  if (gate.kind === 'compile') return workspaceCheckAffected(command, facts, files);
  if (gate.kind !== 'test') return null;
  const jsSources = (): JsSources | null => readers.jsSources();
  const script = SCRIPT_RUN.exec(command)?.[2];
  const testFiles = facts.node?.testFiles ?? NO_CONFIG;
  if (script && facts.node && script in facts.node.scripts) {
    const { scripts, packageManager } = facts.node;
    return npmScriptAffected(scripts, script, packageManager, files, facts.workspaces, jsSources, testFiles);
  }
  if (/^\s*go\s+test\s+\.\/\.\.\.(\s|$)/.test(command)) return goAffected(command, files, readers.goPackages());
  if (/\bpytest\b/.test(command)) return pytestAffected(command, files, readers.pySources());
  if (/^\s*cargo\s+test(\s|$)/.test(command)) return cargoAffected(command, files, readers.cargoWorkspace());
  if (/\s-m\s+unittest(\s|$)/.test(command)) return unittestAffected(command, files, readers.pySources());
  const step = classify(command);
  return step.kind === 'test'
    ? narrowStep({ command, tool: step.tool }, files, 'npx', facts.workspaces, jsSources, testFiles)
    : null;
}

/**
 * A typecheck run across a workspace (`pnpm -r typecheck`, or a root script that is only that)
 * narrowed like its tests: the packages the change touched and those depending on them, whose
 * types the change can break. Anything else type-checks whole.
 */
function workspaceCheckAffected(command: string, facts: ProjectFacts, files: readonly string[]): AffectedRun | null {
  const script = SCRIPT_RUN.exec(command)?.[2];
  const plan = script && facts.node && script in facts.node.scripts ? expandScript(facts.node.scripts, script) : null;
  if (plan && !plan.simple) return null;
  const steps = plan ? plan.steps : [{ command, tool: classify(command).tool }];
  const step = steps.length === 1 ? steps[0] : undefined;
  if (!step?.tool?.startsWith('workspaces:')) return null;
  return narrowStep(step, files, 'npx', facts.workspaces ?? []);
}
