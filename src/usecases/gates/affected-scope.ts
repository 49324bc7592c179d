import { readJsSources } from '../../adapters/gates/js-sources.ts';
import { readCargoWorkspace } from '../../adapters/gates/cargo-workspace.ts';
import { readGoPackages } from '../../adapters/gates/go-packages.ts';
import { readPyFiles } from '../../adapters/gates/py-sources.ts';
import { numstatSince } from '../../adapters/git/since-start.ts';
import type { ProjectFacts, PySources } from '../../contracts/project-facts.ts';
import { type AffectedRun, affectedFor } from '../../domain/gates/affected.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { pySourcesOf } from '../../domain/gates/py-imports.ts';

/** The files this session changed: the diff against its base commit, untracked files included, csm's own left out. */
export async function sessionFiles(root: string, base: string | null): Promise<string[]> {
  return (await numstatSince(root, base)).map((r) => r.path);
}

/** The project's Python files as imports (null: too many to read). */
function pySources(root: string): PySources | null {
  const files = readPyFiles(root);
  return files ? pySourcesOf(files) : null;
}

/** What Stop runs of a test gate when its scope is `affected` (see domain/gates/affected.ts); null: the whole gate. */
export const affectedRun = (
  gate: GateDef,
  facts: ProjectFacts,
  root: string,
  files: readonly string[],
): AffectedRun | null =>
  affectedFor(gate, facts, files, {
    pySources: () => pySources(root),
    jsSources: () => readJsSources(root),
    goPackages: () => readGoPackages(root),
    cargoWorkspace: () => readCargoWorkspace(root),
  });
