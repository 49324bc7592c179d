import { readJsSources } from '../../adapters/gates/js-sources.ts';
import { pythonTestImports } from '../../adapters/gates/project-facts.ts';
import { numstatSince } from '../../adapters/git/git-fast.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { type AffectedRun, affectedFor } from '../../domain/gates/affected.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';

/** The files this session changed: the diff against its base commit, untracked files included, csm's own left out. */
export async function sessionFiles(root: string, base: string | null): Promise<string[]> {
  return (await numstatSince(root, base)).map((r) => r.path);
}

/** What Stop runs of a test gate when its scope is `affected` (see domain/gates/affected.ts); null: the whole gate. */
export const affectedRun = (gate: GateDef, facts: ProjectFacts, root: string, files: readonly string[]): AffectedRun | null =>
  affectedFor(gate, facts, files, { testImports: () => pythonTestImports(root), jsSources: () => readJsSources(root) });
