import type { FileEntry } from '../../contracts/changed-files.ts';
import { fnv1a64 } from '../../kernel/hash.ts';
import type { GateDef } from './gate-def.ts';
import { matchCovers } from './match-glob.ts';

/**
 * Last passing fingerprint per gate, and the last failing one: `.claude/.csm/gate-cache.json`,
 * machine-local. A Stop whose inputs equal those of a failure it already reported does not block
 * again for it (a turn that changed nothing is not made to fix a failure it did not cause).
 */
export interface GateCache {
  version: 1;
  gates: Record<string, { fingerprint: string; passedAt: string }>;
  failed: Record<string, { fingerprint: string; failedAt: string; timedOut?: boolean }>;
}

export const emptyCache = (): GateCache => ({ version: 1, gates: {}, failed: {} });

/** The gate failed before with exactly these inputs. */
export const failedUnchanged = (gate: Pick<GateDef, 'name'>, fingerprint: string, cache: GateCache): boolean =>
  cache.failed[gate.name]?.fingerprint === fingerprint;

/**
 * What a gate's result depends on: HEAD, the changed files it covers (path, size, mtime), its
 * command and `salt` (anything else its outcome depends on, e.g. the session's base commit).
 */
export function fingerprintOf(
  entries: readonly FileEntry[],
  head: string | null,
  gate: Pick<GateDef, 'name' | 'command' | 'covers'>,
  salt = '',
): string {
  const lines = entries
    .filter((e) => matchCovers(gate.covers, e.path))
    .map((e) => `${e.path}\0${e.size}\0${Math.trunc(e.mtimeMs)}`)
    .sort();
  return fnv1a64(
    [`head:${head ?? '-'}`, `gate:${gate.name}`, `cmd:${gate.command ?? '-'}`, `salt:${salt}`, ...lines].join('\n'),
  );
}

/** A gate runs unless it passed with exactly this fingerprint (or `force`). */
export function needsRun(gate: Pick<GateDef, 'name'>, fingerprint: string, cache: GateCache, force = false): boolean {
  return force || cache.gates[gate.name]?.fingerprint !== fingerprint;
}

/** The cache after a run: passes record their fingerprint, failures forget it, errors leave it alone. */
export function updateCache(
  cache: GateCache,
  outcomes: readonly { name: string; status: string; fingerprint: string | null; cached: boolean; summary?: string }[],
  at: string,
): GateCache {
  const gates = { ...cache.gates };
  const failed = { ...cache.failed };
  for (const o of outcomes) {
    if (o.cached) continue;
    if (o.status === 'pass' && o.fingerprint) {
      gates[o.name] = { fingerprint: o.fingerprint, passedAt: at };
      delete failed[o.name];
    } else if (o.status === 'fail') {
      delete gates[o.name];
      if (o.fingerprint) failed[o.name] = { fingerprint: o.fingerprint, failedAt: at };
    } else if (o.status === 'error' && o.fingerprint && /^timed out\b/.test(o.summary ?? '')) {
      // a hanging check is not started again on the same inputs: every turn would wait its whole limit
      delete gates[o.name];
      failed[o.name] = { fingerprint: o.fingerprint, failedAt: at, timedOut: true };
    }
  }
  return { version: 1, gates, failed };
}

/** A cache file's content, or an empty cache when it is missing or corrupt. */
export function parseCache(text: string | null): GateCache {
  if (!text) return emptyCache();
  try {
    const raw = JSON.parse(text) as unknown;
    if (!raw || typeof raw !== 'object' || (raw as { version?: unknown }).version !== 1) return emptyCache();
    const gates = (raw as { gates?: unknown }).gates;
    if (!gates || typeof gates !== 'object') return emptyCache();
    const out = emptyCache();
    for (const [name, v] of Object.entries(gates as Record<string, unknown>)) {
      const e = v as { fingerprint?: unknown; passedAt?: unknown } | null;
      if (e && typeof e.fingerprint === 'string')
        out.gates[name] = { fingerprint: e.fingerprint, passedAt: typeof e.passedAt === 'string' ? e.passedAt : '' };
    }
    const failed = (raw as { failed?: unknown }).failed;
    for (const [name, v] of Object.entries(
      failed && typeof failed === 'object' ? (failed as Record<string, unknown>) : {},
    )) {
      const e = v as { fingerprint?: unknown; failedAt?: unknown; timedOut?: unknown } | null;
      if (e && typeof e.fingerprint === 'string')
        out.failed[name] = {
          fingerprint: e.fingerprint,
          failedAt: typeof e.failedAt === 'string' ? e.failedAt : '',
          ...(e.timedOut === true ? { timedOut: true } : {}),
        };
    }
    return out;
  } catch {
    return emptyCache();
  }
}
