import type { GoPackage } from '../../contracts/project-facts.ts';
import type { AffectedRun } from './gate-def.ts';
import { isInertChange } from './inert-change.ts';
import { shellWord as q } from '../runners/text-tools.ts';

/**
 * `go test` on the packages whose tests can reach a changed package: the changed packages, every
 * package that imports one (transitively), and every package whose tests import one (directly or
 * through what they import). Null — the whole module — when go cannot list its packages, or a
 * changed file is not Go source (go.mod, testdata, an embedded file).
 */
export function goAffected(
  command: string,
  files: readonly string[],
  packages: readonly GoPackage[] | null,
): AffectedRun | null {
  if (!packages || files.length === 0 || files.some((f) => !f.endsWith('.go') && !isInertChange(f))) return null;
  const dirOf = (f: string): string => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '');
  const changedDirs = new Set(files.filter((f) => f.endsWith('.go')).map(dirOf));
  if (changedDirs.size === 0) return null;
  const byPath = new Map(packages.map((p) => [p.importPath, p]));
  const changed = new Set(packages.filter((p) => changedDirs.has(p.dir)).map((p) => p.importPath));
  // a changed folder go does not list as a package (new, or not building): nothing can say what it reaches
  if ([...changedDirs].some((d) => !packages.some((p) => p.dir === d))) return null;
  const reaches = (p: GoPackage): boolean => {
    if (changed.has(p.importPath) || p.deps.some((d) => changed.has(d))) return true;
    return p.testImports.some((t) => changed.has(t) || (byPath.get(t)?.deps ?? []).some((d) => changed.has(d)));
  };
  const dirs = packages
    .filter(reaches)
    .map((p) => (p.dir ? `./${p.dir}` : '.'))
    .sort();
  const list = [...new Set(dirs)];
  return {
    command: command.replace(/(^|\s)\.\/\.\.\.(?=\s|$)/, `$1${list.map(q).join(' ')}`),
    scope: `go test ${list.join(' ')}`,
  };
}
