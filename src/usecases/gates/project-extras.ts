import {
  extrasKey,
  packageJsonWorkspaces,
  pnpmWorkspaceGlobs,
  readWorkflowRuns,
  readWorkspaces,
} from '../../adapters/gates/project-extras.ts';
import { canRun } from '../../adapters/process/on-path.ts';
import { readLocalJson, writeLocalJson } from '../../adapters/store/local-json.ts';
import type { StorePaths } from '../../adapters/store/paths.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { ciCommands } from '../../domain/gates/ci-gates.ts';
import { toolWords } from '../../domain/gates/shell-words.ts';

type Extras = Pick<ProjectFacts, 'workspaces' | 'ciSteps'>;
const CACHE = 'project-extras.json';

async function readExtras(root: string): Promise<Extras> {
  const globs = [...packageJsonWorkspaces(root), ...(await pnpmWorkspaceGlobs(root))];
  return {
    workspaces: globs.length ? readWorkspaces(root, globs) : [],
    ciSteps: ciCommands(await readWorkflowRuns(root)),
  };
}

async function cachedExtras(paths: StorePaths, write: boolean): Promise<Extras> {
  const key = extrasKey(paths.root);
  const cached = readLocalJson(paths, CACHE) as { key?: unknown; extras?: Extras } | null;
  if (cached?.key === key && Array.isArray(cached.extras?.workspaces) && Array.isArray(cached.extras.ciSteps))
    return cached.extras;
  const extras = await readExtras(paths.root);
  if (!write) return extras;
  try {
    await writeLocalJson(paths, CACHE, { key, extras });
  } catch {
    // the cache only saves reading the files next time
  }
  return extras;
}

/**
 * The project's workspace packages and the commands its CI runs, kept machine-local and read
 * again only when package.json, pnpm-workspace.yaml or a workflow changed. CI commands whose
 * program is not installed here are left out: a gate that cannot start would only say so at
 * every Stop.
 */
export async function projectExtras(paths: StorePaths, opts: { write?: boolean } = {}): Promise<Extras> {
  const extras = await cachedExtras(paths, opts.write !== false);
  const ciSteps = (extras.ciSteps ?? []).filter((line) => {
    // the program the line starts (`npx`, `uv`) and the tool it runs (`eslint`, `pytest`)
    const first = line.split(/\s+/).find((w) => !/^[A-Za-z_]\w*=/.test(w));
    const tool = toolWords(line)[0];
    return first !== undefined && tool !== undefined && canRun(paths.root, first) && canRun(paths.root, tool);
  });
  return { ...extras, ciSteps };
}
