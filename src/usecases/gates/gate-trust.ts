import type { StorePaths } from '../../adapters/store/paths.ts';
import { readLocalJson, writeLocalJson } from '../../adapters/store/local-json.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';

/**
 * The commands `.claude/csm.json` declares are the repository's, and a pull or a checkout can
 * change them under a running session. Stop runs only the declared commands this machine has
 * seen: those there when the session started (`csm start`), or confirmed with `csm gates --trust`.
 * Machine-local, like the active pointer.
 */
const FILE = 'trusted-gates.json';

const declared = (gates: readonly GateDef[]): GateDef[] => gates.filter((g) => g.source === 'config' && g.command !== null);
const keyOf = (g: GateDef): string => `${g.name}\u0000${g.command}`;

/** Records the declared gates' commands as seen and accepted on this machine. */
export async function trustGates(paths: StorePaths, gates: readonly GateDef[]): Promise<void> {
  try {
    await writeLocalJson(paths, FILE, { commands: declared(gates).map(keyOf) });
  } catch {
    // not recorded: Stop asks again
  }
}

/**
 * The names of the declared gates whose command this machine has not accepted. When nothing was
 * recorded yet (a session an older csm started), the current ones are recorded and accepted.
 */
export async function untrustedGates(paths: StorePaths, gates: readonly GateDef[]): Promise<Set<string>> {
  const mine = declared(gates);
  if (mine.length === 0) return new Set();
  const raw = readLocalJson(paths, FILE) as { commands?: unknown } | null;
  if (!raw || !Array.isArray(raw.commands)) {
    await trustGates(paths, gates);
    return new Set();
  }
  const seen = new Set(raw.commands.filter((c): c is string => typeof c === 'string'));
  return new Set(mine.filter((g) => !seen.has(keyOf(g))).map((g) => g.name));
}
