import { readRunFiles } from '../../adapters/gates/run-files.ts';
import { sha256 } from '../../adapters/host.ts';
import type { LocalState } from '../../adapters/store/local-json.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { gateSources, type SourceSeen, sourceChanges } from '../../domain/gates/trust-sources.ts';
import { redact } from '../../domain/redact.ts';

/**
 * What a gate runs is the repository's to write — its command in `.claude/csm.json` or a CI
 * workflow, the package scripts it reaches, `.npmrc`, the Makefile — and a pull, a checkout or an
 * edit can change any of it under a running session. Stop runs a gate only while its sources say
 * what they said when the session started (`csm start`) or when they were accepted with
 * `csm gates --trust`. The record is machine-local, like the active pointer, and keeps a digest of
 * each source with its text redacted (never a secret).
 */
const FILE = 'trusted-gates.json';
const SHOWN_MAX = 4000;

type GateSources = Record<string, Record<string, SourceSeen>>;

interface TrustRecord {
  version: 2;
  gates: GateSources;
}

function seen(gates: readonly GateDef[], facts: ProjectFacts, root: string): GateSources {
  const files = readRunFiles(root);
  const out: GateSources = {};
  for (const g of gates) {
    if (g.command === null) continue;
    const sources: Record<string, SourceSeen> = {};
    for (const [id, text] of Object.entries(gateSources(g, facts, files))) {
      sources[id] = { digest: sha256(text), shown: redact(text).slice(0, SHOWN_MAX) };
    }
    out[g.name] = sources;
  }
  return out;
}

const readRecord = (local: LocalState): TrustRecord | { commands: string[] } | null => {
  const raw = local.readJson(FILE) as { version?: unknown; gates?: unknown; commands?: unknown } | null;
  if (raw?.version === 2 && raw.gates && typeof raw.gates === 'object') return raw as TrustRecord;
  if (raw && Array.isArray(raw.commands))
    return { commands: raw.commands.filter((c): c is string => typeof c === 'string') };
  return null;
};

export interface TrustedGate {
  name: string;
  command: string;
  /** What changed since the sources were last accepted (empty: nothing). */
  accepted: string[];
}

/** Records what the gates' sources say now as seen and accepted on this machine; returns what that accepted. */
export async function trustGates(
  local: LocalState,
  gates: readonly GateDef[],
  facts: ProjectFacts,
): Promise<TrustedGate[]> {
  const now = seen(gates, facts, local.root);
  const before = readRecord(local);
  const was = before && 'gates' in before ? before.gates : {};
  try {
    await local.writeJson(FILE, { version: 2, gates: now } satisfies TrustRecord);
  } catch {
    // not recorded: Stop asks again
  }
  return gates
    .filter((g) => g.command !== null && Object.keys(now[g.name] ?? {}).length > 0)
    .map((g) => ({
      name: g.name,
      command: g.command ?? '',
      accepted: sourceChanges(was[g.name] ?? {}, now[g.name] ?? {}),
    }));
}

/**
 * The gates whose sources changed since they were accepted on this machine, each with what
 * changed. When nothing was recorded yet (a session an older csm started), what is there now is
 * recorded and accepted.
 */
export async function untrustedGates(
  local: LocalState,
  gates: readonly GateDef[],
  facts: ProjectFacts,
): Promise<Map<string, string[]>> {
  const record = readRecord(local);
  const out = new Map<string, string[]>();
  if (record === null) {
    await trustGates(local, gates, facts);
    return out;
  }
  if (!('gates' in record)) {
    // an older csm's record: the commands .claude/csm.json declared
    const known = new Set(record.commands);
    for (const g of gates) {
      if (g.source === 'config' && g.command !== null && !known.has(`${g.name}\u0000${g.command}`)) {
        out.set(g.name, [`.claude/csm.json gate "${g.name}" changed: ${g.command}`]);
      }
    }
    return out;
  }
  const now = seen(gates, facts, local.root);
  for (const g of gates) {
    const changes = sourceChanges(record.gates[g.name] ?? {}, now[g.name] ?? {});
    if (changes.length > 0) out.set(g.name, changes);
  }
  return out;
}
