import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { GoPackage } from '../../contracts/project-facts.ts';

const FORMAT = '{{.ImportPath}}\t{{.Dir}}\t{{join .Deps " "}}\t{{join .TestImports " "}} {{join .XTestImports " "}}';

/**
 * The module's packages with their dependencies, from `go list ./...` (no network: GOFLAGS and
 * GOPROXY as the project has them); null when go cannot say (not installed, a broken go.mod,
 * modules not downloaded) — then no one can tell what a change affects.
 */
export function readGoPackages(root: string, timeoutMs = 60_000): GoPackage[] | null {
  const r = spawnSync('go', ['list', '-e', '-f', FORMAT, './...'], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || r.error || typeof r.stdout !== 'string') return null;
  const out: GoPackage[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const [importPath = '', dir = '', deps = '', tests = ''] = line.split('\t');
    const rel = path.relative(root, dir).split(path.sep).join('/');
    if (!importPath || rel.startsWith('..')) return null;
    out.push({
      importPath,
      dir: rel,
      deps: deps.split(' ').filter(Boolean),
      testImports: tests.split(' ').filter(Boolean),
    });
  }
  return out.length ? out : null;
}
