import { diffSince, numstatSince } from '../../adapters/git/since-start.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import { consoleCheck } from '../../domain/gates/console-check.ts';
import { docsCheck } from '../../domain/gates/docs-check.ts';
import type { CheckOutcome, GateDef, GateKind } from '../../domain/gates/gate-def.ts';

/**
 * csm's own checks, by gate kind: what they read from git since the session's base commit, and which rule judges it.
 */
export type BuiltinKind = Extract<GateKind, 'console' | 'docs'>;

export interface BuiltinInput {
  root: string;
  base: string | null;
  /** The tree the session started from, when it has one: measured from here, not from `base`. */
  tree: string | null;
  config: CsmConfig;
}

const CHECKS: Record<BuiltinKind, (i: BuiltinInput) => Promise<CheckOutcome>> = {
  console: async (i) => consoleCheck(await diffSince(i.root, i.base, i.tree), i.config.consoleCheck.patterns),
  docs: async (i) => docsCheck((await numstatSince(i.root, i.base, i.tree)).map((r) => r.path)),
};

export const isBuiltin = (gate: GateDef): gate is GateDef & { kind: BuiltinKind } =>
  Object.hasOwn(CHECKS, gate.kind) && gate.command === null;

/** What the check's outcome depends on besides the changed files: the base commit, and the console patterns. */
export function builtinSalt(gate: GateDef & { kind: BuiltinKind }, i: BuiltinInput): string {
  const patterns = gate.kind === 'console' ? i.config.consoleCheck.patterns.join('\n') : '';
  return `base:${i.base ?? '-'}|tree:${i.tree ?? '-'}|${patterns}`;
}

/** Runs one built-in check; a check that cannot read git is an error, never a failure. */
export function runBuiltin(gate: GateDef & { kind: BuiltinKind }, i: BuiltinInput): Promise<CheckOutcome> {
  return CHECKS[gate.kind](i).catch(
    (e: unknown): CheckOutcome => ({ status: 'error', output: `could not check: ${(e as Error).message}` }),
  );
}
