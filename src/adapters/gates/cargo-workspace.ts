import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CargoWorkspace } from '../../contracts/project-facts.ts';

interface Metadata {
  packages?: {
    id?: string;
    name?: string;
    manifest_path?: string;
    dependencies?: { name?: string; path?: string }[];
  }[];
  workspace_members?: string[];
  workspace_default_members?: string[];
}

/**
 * The workspace's crates from `cargo metadata --no-deps --offline` (no network, nothing built);
 * null when cargo cannot say (not installed, a broken manifest, a cargo too old to list the
 * default members).
 */
export function readCargoWorkspace(root: string, timeoutMs = 60_000): CargoWorkspace | null {
  const r = spawnSync('cargo', ['metadata', '--no-deps', '--offline', '--format-version', '1'], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || r.error || typeof r.stdout !== 'string') return null;
  let meta: Metadata;
  try {
    meta = JSON.parse(r.stdout) as Metadata;
  } catch {
    return null;
  }
  const members = new Set(meta.workspace_members ?? []);
  if (!meta.workspace_default_members) return null;
  const crates: CargoWorkspace['crates'] = [];
  const nameOf = new Map<string, string>();
  for (const p of meta.packages ?? []) {
    if (!p.id || !p.name || !p.manifest_path || !members.has(p.id)) continue;
    const dir = path.relative(root, path.dirname(p.manifest_path)).split(path.sep).join('/');
    if (dir.startsWith('..')) return null;
    nameOf.set(p.id, p.name);
    const deps = (p.dependencies ?? []).filter((d) => d.path !== undefined).map((d) => d.name ?? '');
    crates.push({ name: p.name, dir, deps: deps.filter(Boolean) });
  }
  const names = new Set(crates.map((c) => c.name));
  for (const c of crates) c.deps = c.deps.filter((d) => names.has(d));
  const defaultRun = meta.workspace_default_members.map((id) => nameOf.get(id)).filter((n): n is string => !!n);
  return crates.length ? { crates, defaultRun } : null;
}
