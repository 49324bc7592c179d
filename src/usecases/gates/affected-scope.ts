import { pythonTestImports } from '../../adapters/gates/project-facts.ts';
import { numstatSince } from '../../adapters/git/git-fast.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { type AffectedRun, goAffected, narrowStep, npmScriptAffected, pytestAffected } from '../../domain/gates/affected.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { classify } from '../../domain/gates/script-steps.ts';

/** The files this session changed: the diff against its base commit, untracked files included, csm's own left out. */
export async function sessionFiles(root: string, base: string | null): Promise<string[]> {
  return (await numstatSince(root, base)).map((r) => r.path);
}

/**
 * What Stop runs of a test gate when its scope is `affected`: the project's own script with its
 * test step narrowed to the tests the changed files can affect; null when the runner cannot
 * select tests that way (then the whole gate runs).
 */
export function affectedRun(gate: GateDef, facts: ProjectFacts, root: string, files: readonly string[]): AffectedRun | null {
  const command = gate.command;
  if (!command || gate.kind !== 'test' || files.length === 0) return null;
  const script = /^\s*(npm|pnpm|yarn|bun)\s+(?:run\s+)?(\S+)\s*$/.exec(command);
  if (script && facts.node && script[2] && script[2] in facts.node.scripts) return npmScriptAffected(facts.node.scripts, script[2], facts.node.packageManager, files);
  if (/^\s*go\s+test\s+\.\/\.\.\.(\s|$)/.test(command)) return goAffected(files);
  if (/\bpytest\b/.test(command)) return pytestAffected(command, files, pythonTestImports(root));
  const step = classify(command);
  return step.kind === 'test' ? narrowStep({ command, tool: step.tool }, files, 'npx') : null;
}
