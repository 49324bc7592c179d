import { readProjectFacts } from '../../adapters/gates/project-facts.ts';
import type { LocalState } from '../../adapters/store/local-json.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { detectGates } from '../../domain/gates/detect-gates.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { projectExtras } from './project-extras.ts';

/**
 * The project's facts (its files, workspaces and CI steps) and the gates detected from them with
 * the config. `write: false` (doctor, which never writes) reads past the machine-local cache.
 */
export async function projectGates(
  local: LocalState,
  config: CsmConfig,
  opts: { write?: boolean } = {},
): Promise<{ facts: ProjectFacts; gates: GateDef[] }> {
  const extras = config.detectGates ? await projectExtras(local, opts) : {};
  const facts: ProjectFacts = { ...readProjectFacts(local.root), ...extras };
  return { facts, gates: detectGates(facts, config) };
}
