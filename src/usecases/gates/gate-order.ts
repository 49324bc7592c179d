import { runParallel } from '../../adapters/process/run-command.ts';
import type { GateResult } from '../../contracts/events.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { buildsFiles } from '../../domain/gates/builds-files.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import { msg } from '../../messages/index.ts';

/**
 * Runs `run` over the gates, in parallel where they are independent: a gate that builds writes
 * files the others may read (a typecheck of generated declarations), so it runs first, and every
 * run — the baseline's and each Stop's — sees the same tree. Results in the gates' order.
 */
export async function inBuildOrder(
  gates: readonly GateDef[],
  facts: ProjectFacts,
  width: number,
  run: (g: GateDef) => Promise<GateResult>,
): Promise<GateResult[]> {
  const first = gates.filter((g) => buildsFiles(g, facts));
  const rest = gates.filter((g) => !first.includes(g));
  const done = new Map<GateDef, GateResult>();
  for (const group of [first, rest]) {
    const got = await runParallel(
      group.map((g) => () => run(g)),
      width,
    );
    group.forEach((g, i) => done.set(g, got[i] as GateResult));
  }
  return gates.map((g) => done.get(g) as GateResult);
}

export const notTrusted = (g: GateDef, changes: string[]): GateResult => ({
  name: g.name,
  status: 'skipped',
  blocking: false,
  durationMs: 0,
  command: g.command,
  summary: msg.gateNotTrusted(changes),
  untrusted: changes,
  fingerprint: null,
  cached: true,
});

export const unknownGate = (name: string, known: readonly GateDef[]): GateResult => ({
  name,
  status: 'skipped',
  blocking: false,
  durationMs: 0,
  command: null,
  summary: `no gate named ${name} (known: ${known.map((g) => g.name).join(', ') || 'none'})`,
  fingerprint: null,
  cached: false,
});
