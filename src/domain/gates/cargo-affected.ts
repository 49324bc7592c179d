import type { CargoWorkspace } from '../../contracts/project-facts.ts';
import type { AffectedRun } from './gate-def.ts';
import { isInertChange } from './inert-change.ts';
import { shellSplit } from './shell-words.ts';
import { shellWord as q } from '../runners/text-tools.ts';

/**
 * `cargo test` in a workspace narrowed to the crates a change can break: the crates whose files
 * changed and every member that depends on one, directly or through others (`-p` for each),
 * among those the command tests (`--workspace`: every member; else the default members). A crate
 * is compiled and tested whole: inside one, nothing is narrowed. Null — the whole command — when
 * cargo cannot list the workspace, a changed file lies outside every crate or is not Rust source
 * (a manifest, Cargo.lock, build data), or the command picks its own packages.
 */
const KEPT = new Set([
  ...['-q', '--quiet', '-v', '--verbose', '--no-fail-fast', '--all-features', '--no-default-features'],
  ...['--locked', '--offline', '--frozen', '--release', '--all-targets'],
  ...['--lib', '--tests', '--bins', '--examples', '--benches', '--doc'],
]);
const KEPT_VALUE = /^(-F|--features|--profile|--target|-j|--jobs|--color)$/;

export function cargoAffected(
  command: string,
  files: readonly string[],
  ws: CargoWorkspace | null,
): AffectedRun | null {
  const words = shellSplit(command);
  const at = words.findIndex((w, i) => w === 'test' && words[i - 1] === 'cargo');
  if (!ws || at < 0) return null;
  const end = words.indexOf('--');
  const options = words.slice(at + 1, end < 0 ? undefined : end);
  let all = false;
  for (let i = 0; i < options.length; i++) {
    const w = options[i] as string;
    if (w === '--workspace' || w === '--all') all = true;
    else if (KEPT_VALUE.test(w)) i++;
    else if (!KEPT.has(w) && !/^--(features|profile|target|jobs|color)=/.test(w)) return null;
  }
  if (files.some((f) => !f.endsWith('.rs') && !isInertChange(f))) return null;
  const byDepth = [...ws.crates].sort((a, b) => b.dir.length - a.dir.length);
  const changed = new Set<string>();
  for (const f of files.filter((x) => x.endsWith('.rs'))) {
    const owner = byDepth.find((c) => c.dir === '' || f.startsWith(`${c.dir}/`));
    if (!owner) return null;
    changed.add(owner.name);
  }
  if (changed.size === 0) return null;
  // every member that depends on a changed crate, transitively
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of ws.crates) {
      if (!changed.has(c.name) && c.deps.some((d) => changed.has(d))) {
        changed.add(c.name);
        grew = true;
      }
    }
  }
  const tested = new Set(all ? ws.crates.map((c) => c.name) : ws.defaultRun);
  const picked = [...changed].filter((n) => tested.has(n)).sort();
  if (picked.length === 0 || picked.length === tested.size) return null;
  const narrowed = [...words.slice(0, at + 1), ...picked.flatMap((n) => ['-p', q(n)])];
  const rest = words.slice(at + 1).filter((w) => w !== '--workspace' && w !== '--all');
  return { command: [...narrowed, ...rest].join(' '), scope: `cargo test on ${picked.join(', ')}` };
}
