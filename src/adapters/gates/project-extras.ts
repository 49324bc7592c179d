import fs from 'node:fs';
import { walkDirs } from '../walk-files.ts';
import path from 'node:path';
import type { WorkspacePackage } from '../../contracts/project-facts.ts';

/**
 * Workspace packages and CI workflows, read with the YAML parser from npm (bundled; loaded only when these files
 * changed).
 */

const readText = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** The directories a workspace glob names: `packages/*`, `apps/**`, `tools/cli` (negations skipped). */
function expand(root: string, glob: string): string[] {
  const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  if (clean.startsWith('!')) return [];
  const star = clean.indexOf('*');
  if (star < 0) return fs.existsSync(path.join(root, clean, 'package.json')) ? [clean] : [];
  const base = clean.slice(0, star).replace(/\/$/, '');
  const deep = clean.includes('**');
  const out: string[] = [];
  walkDirs(root, base, deep ? 4 : 0, (child) => {
    if (fs.existsSync(path.join(root, child, 'package.json'))) out.push(child);
  });
  return out;
}

/**
 * The workspace packages the globs name (npm/yarn `workspaces`, pnpm-workspace.yaml), each with its name, scripts and
 * dependencies.
 */
export function readWorkspaces(root: string, globs: readonly string[]): WorkspacePackage[] {
  const excluded = new Set(globs.filter((g) => g.startsWith('!')).flatMap((g) => expand(root, g.slice(1))));
  const dirs = [...new Set(globs.flatMap((g) => expand(root, g)))].filter((d) => !excluded.has(d)).sort();
  const out: WorkspacePackage[] = [];
  for (const dir of dirs) {
    try {
      const p = JSON.parse(readText(path.join(root, dir, 'package.json')) ?? '{}') as Record<string, unknown>;
      const record = (v: unknown): Record<string, unknown> =>
        v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
      const scripts = Object.fromEntries(
        Object.entries(record(p.scripts)).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const deps = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) =>
        Object.keys(record(p[k])),
      );
      out.push({ dir, name: typeof p.name === 'string' ? p.name : dir, scripts, deps: [...new Set(deps)].sort() });
    } catch {
      // a package.json that is not JSON: that package is left out
    }
  }
  return out;
}

/** A YAML file's data, or null when it is missing or not YAML (yaml from npm, loaded only here). */
async function readYaml(file: string): Promise<unknown> {
  const text = readText(file);
  if (text === null) return null;
  const { parse } = await import('yaml');
  try {
    return parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The shell text of every `run:` step of .github/workflows/*.yml, in file order. */
export async function readWorkflowRuns(root: string): Promise<string[]> {
  const dir = path.join(root, '.github', 'workflows');
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return [];
  }
  const runs: string[] = [];
  for (const f of files) {
    const doc = (await readYaml(path.join(dir, f))) as { jobs?: unknown } | null;
    const jobs = doc?.jobs && typeof doc.jobs === 'object' ? Object.values(doc.jobs as Record<string, unknown>) : [];
    for (const job of jobs) {
      const steps = (job as { steps?: unknown } | null)?.steps;
      const matrix = (job as { strategy?: { matrix?: unknown } } | null)?.strategy?.matrix;
      for (const step of Array.isArray(steps) ? steps : []) {
        const run = (step as { run?: unknown } | null)?.run;
        if (typeof run === 'string') runs.push(...withMatrix(run, matrix));
      }
    }
  }
  return runs;
}

/** The values a job's matrix gives each key: its lists, and the keys of its `include` entries (scalars only). */
function matrixValues(matrix: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!matrix || typeof matrix !== 'object') return out;
  const add = (k: string, v: unknown): void => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out.set(k, [...new Set([...(out.get(k) ?? []), String(v)])]);
  };
  for (const [k, v] of Object.entries(matrix as Record<string, unknown>)) {
    if (k === 'include' && Array.isArray(v))
      for (const e of v) for (const [ik, iv] of Object.entries(e && typeof e === 'object' ? e : {})) add(ik, iv);
    else if (Array.isArray(v)) for (const x of v) add(k, x);
  }
  return out;
}

/**
 * A step's `run:` once per value of each `${{ matrix.key }}` it uses (`pnpm run ${{ matrix.task }}`),
 * at most 16 forms.
 */
function withMatrix(run: string, matrix: unknown): string[] {
  const values = matrixValues(matrix);
  let forms = [run];
  for (const [key, vals] of values) {
    const token = new RegExp(`\\$\\{\\{\\s*matrix\\.${key.replace(/[^\w-]/g, '')}\\s*\\}\\}`, 'g');
    if (!forms.some((f) => f.match(token) !== null)) continue;
    forms = forms.flatMap((f) => vals.map((v) => f.replace(token, v))).slice(0, 16);
  }
  return forms;
}

/** The globs of pnpm-workspace.yaml's `packages`. */
export async function pnpmWorkspaceGlobs(root: string): Promise<string[]> {
  const doc = (await readYaml(path.join(root, 'pnpm-workspace.yaml'))) as { packages?: unknown } | null;
  return Array.isArray(doc?.packages) ? doc.packages.filter((g): g is string => typeof g === 'string') : [];
}

/** The globs of package.json's `workspaces` (a list, or yarn's `{ packages }`). */
export function packageJsonWorkspaces(root: string): string[] {
  try {
    const v = JSON.parse(readText(path.join(root, 'package.json')) ?? '{}') as { workspaces?: unknown } | null;
    const ws = v?.workspaces;
    const list = Array.isArray(ws) ? ws : ws && typeof ws === 'object' ? (ws as { packages?: unknown }).packages : [];
    return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

/** `<file>:<size>:<mtime>` of each workflow file and workspace manifest: the key of the cached extras. */
export function extrasKey(root: string): string {
  const files: string[] = ['package.json', 'pnpm-workspace.yaml'];
  try {
    for (const f of fs.readdirSync(path.join(root, '.github', 'workflows')).sort())
      files.push(`.github/workflows/${f}`);
  } catch {
    // no workflows
  }
  return files
    .map((f) => {
      try {
        const st = fs.statSync(path.join(root, f));
        return `${f}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${f}:-`;
      }
    })
    .join('|');
}
