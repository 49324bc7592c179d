import {
  extrasKey,
  packageJsonWorkspaces,
  pnpmWorkspaceGlobs,
  readWorkflowRuns,
  readWorkspaces,
} from '../../adapters/gates/project-extras.ts';
import { canRun } from '../../adapters/process/on-path.ts';
import type { LocalState } from '../../adapters/store/local-json.ts';
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

async function cachedExtras(local: LocalState, write: boolean): Promise<Extras> {
  const key = extrasKey(local.root);
  const cached = local.readJson(CACHE) as { key?: unknown; extras?: Extras } | null;
  if (cached?.key === key && Array.isArray(cached.extras?.workspaces) && Array.isArray(cached.extras.ciSteps))
    return cached.extras;
  const extras = await readExtras(local.root);
  if (!write) return extras;
  try {
    await local.writeJson(CACHE, { key, extras });
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
export async function projectExtras(local: LocalState, opts: { write?: boolean } = {}): Promise<Extras> {
  const extras = await cachedExtras(local, opts.write !== false);
  const ciSteps = (extras.ciSteps ?? []).filter((line) => {
    // the program the line starts (`npx`, `uv`) and the tool it runs (`eslint`, `pytest`)
    const first = line.split(/\s+/).find((w) => !/^[A-Za-z_]\w*=/.test(w));
    const tool = toolWords(line)[0];
    return first !== undefined && tool !== undefined && canRun(local.root, first) && canRun(local.root, tool);
  });
  return { ...extras, ciSteps };
}
