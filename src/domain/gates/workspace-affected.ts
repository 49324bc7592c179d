import type { WorkspacePackage } from '../../contracts/project-facts.ts';
import type { AffectedRun } from './gate-def.ts';
import { shellWord as q } from '../runners/text-tools.ts';
import type { WorkspaceRun } from './workspace-run.ts';

/** Files that change no package's behaviour: docs and licences. */
const DOCS = /\.(md|mdx|rst|txt|adoc)$|(^|\/)(LICENSE|LICENCE|CHANGELOG|CODEOWNERS)[^/]*$/i;

/**
 * The packages a change touches, or null when a changed file lies outside every package (a root
 * config, a shared tsconfig, the lockfile): then every package may be affected.
 */
export function touchedPackages(ws: readonly WorkspacePackage[], files: readonly string[]): WorkspacePackage[] | null {
  const byDepth = [...ws].sort((a, b) => b.dir.length - a.dir.length);
  const out = new Set<WorkspacePackage>();
  for (const f of files) {
    if (DOCS.test(f)) continue;
    const owner = byDepth.find((p) => f.startsWith(`${p.dir}/`));
    if (!owner) return null;
    out.add(owner);
  }
  return [...out];
}

/** `touched` and every package that depends on one of them, directly or through others, in folder order. */
export function withDependents(
  ws: readonly WorkspacePackage[],
  touched: readonly WorkspacePackage[],
): WorkspacePackage[] {
  const names = new Set(touched.map((p) => p.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of ws) {
      if (!names.has(p.name) && p.deps.some((d) => names.has(d))) {
        names.add(p.name);
        grew = true;
      }
    }
  }
  return ws.filter((p) => names.has(p.name)).sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The workspace run limited to `pkgs`, in the runner's own selection syntax. */
function limitTo(run: WorkspaceRun, command: string, pkgs: readonly WorkspacePackage[]): string | null {
  const script = run.scripts[0] as string;
  const withScript = pkgs.filter((p) => run.scripts.every((s) => s in p.scripts));
  const unfiltered = command.replace(/\s(--filter|-F)(=|\s+)\S+/g, '');
  switch (run.runner) {
    case 'turbo':
      return `${unfiltered} ${pkgs.map((p) => `--filter=${q(p.name)}`).join(' ')}`;
    case 'nx':
      return /\brun-many\b/.test(command) ? `${command} --projects=${q(pkgs.map((p) => p.name).join(','))}` : null;
    case 'lerna':
      return `${command} ${pkgs.map((p) => `--scope ${q(p.name)}`).join(' ')}`;
    case 'pnpm':
      // --stream: each line says its package even when one runs (the failures' paths are from its folder)
      return withScript.length
        ? `pnpm --stream ${withScript.map((p) => `--filter ${q(p.name)}`).join(' ')} run ${q(script)}`
        : null;
    case 'npm':
      return withScript.length ? `npm run ${q(script)} ${withScript.map((p) => `-w ${q(p.dir)}`).join(' ')}` : null;
    case 'yarn':
      return withScript.length
        ? withScript.map((p) => `yarn workspace ${q(p.name)} run ${q(script)}`).join(' && ')
        : null;
  }
}

/**
 * A run across the workspace narrowed to the packages the change touched and those that depend
 * on them; null when the change reaches outside the packages, touches none, or the runner cannot
 * select packages (`nx affected` already narrows itself).
 */
export function workspaceAffected(
  run: WorkspaceRun,
  command: string,
  ws: readonly WorkspacePackage[],
  files: readonly string[],
): AffectedRun | null {
  if (ws.length === 0) return null;
  const touched = touchedPackages(ws, files);
  if (!touched || touched.length === 0) return null;
  const pkgs = withDependents(ws, touched);
  if (pkgs.length === ws.length) return null;
  const narrowed = limitTo(run, command, pkgs);
  if (!narrowed) return null;
  const names = pkgs.map((p) => p.name);
  const listed = names.length > 6 ? `${names.slice(0, 6).join(', ')} … (${names.length})` : names.join(', ');
  return { command: narrowed, scope: `${run.scripts.join(' ')} in ${listed}` };
}
