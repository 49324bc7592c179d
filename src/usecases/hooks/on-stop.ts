import type { HookInput, HookOutput } from '../../contracts/hook-input.ts';
import { openStore } from '../session/open-store.ts';
import { stopGate } from './stop-gate.ts';

/** Stop: runs the quality gates and blocks Claude from stopping while they fail (never loops, fails open). */
export const onStop = (input: HookInput, signal: { deadline: number }): Promise<HookOutput | null> =>
  stopGate(openStore(input), input, signal.deadline);
