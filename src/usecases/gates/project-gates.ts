import { readProjectFacts } from '../../adapters/gates/project-facts.ts';
import type { StorePaths } from '../../adapters/store/paths.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { detectGates } from '../../domain/gates/detect-gates.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { projectExtras } from './project-extras.ts';

/** The project's facts (its files, workspaces and CI steps) and the gates detected from them with the config. */
export async function projectGates(paths: StorePaths, config: CsmConfig): Promise<{ facts: ProjectFacts; gates: GateDef[] }> {
  const facts: ProjectFacts = { ...readProjectFacts(paths.root), ...(config.detectGates ? await projectExtras(paths) : {}) };
  return { facts, gates: detectGates(facts, config) };
}
