import type { HookInput, HookOutput } from '../../contracts/hook-input.ts';
import { recordHandoff } from '../session/handoff.ts';
import { openStore } from '../session/open-store.ts';

/**
 * PreCompact: before Claude Code compacts the conversation, a hand-off note of the session goes
 * into its ledger; SessionStart (source "compact") puts it first. Never blocks the compaction.
 */
export async function onPreCompact(input: HookInput): Promise<HookOutput | null> {
  const { store, active } = openStore(input);
  if (!active) return null;
  const trigger = typeof input.trigger === 'string' && /^[a-z]{1,20}$/.test(input.trigger) ? input.trigger : 'a';
  await recordHandoff(store, active, `before ${trigger} compaction`);
  return null;
}
