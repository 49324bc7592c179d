import { type Paused, readPaused, writePaused } from '../../adapters/store/paused.ts';
import { redact } from '../../domain/redact.ts';
import type { Project } from './open-store.ts';

export type { Paused };

/**
 * `csm pause`: the hooks do nothing in this clone — no context, no edit recorded, no check on
 * Stop — until `csm resume`; the session and its files stay as they are. Returns the pause, and
 * whether it was already on.
 */
export async function pause(p: Project, reason: string | null): Promise<{ paused: Paused; already: boolean }> {
  const before = readPaused(p.store.local);
  if (before) return { paused: before, already: true };
  const paused = { since: p.now().toISOString(), reason: reason === null ? null : redact(reason).slice(0, 300) };
  await writePaused(p.store.local, paused);
  return { paused, already: false };
}

/** `csm resume`: the hooks work again; returns the pause that ended (null: none was on). */
export async function resume(p: Project): Promise<Paused | null> {
  const before = readPaused(p.store.local);
  await writePaused(p.store.local, null);
  return before;
}
