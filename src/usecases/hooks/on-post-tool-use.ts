import type { HookInput, HookOutput, HookSignal } from '../../contracts/hook-input.ts';
import { msg } from '../../messages/index.ts';
import { openStore } from '../session/open-store.ts';
import { recordToolUse } from './record-tool-use.ts';

/**
 * PostToolUse / PostToolUseFailure: records each edit against the task in progress, and test/build runs as evidence.
 */
export async function onPostToolUse(input: HookInput, signal?: HookSignal): Promise<HookOutput | null> {
  // csm's mod recorded it already, in-process: once is the rule (its shell filter usually stops it sooner)
  if (input.csm_recorded_by_mod) return null;
  const opened = openStore(input);
  if (!opened.active) return null;
  const r = await recordToolUse(opened.store, opened.active, input, opened.workRoot, signal);
  if (!r.warning) return null;
  // the file's own text can appear in a parse error: redacted like every other message
  const { redact } = await import('../../domain/redact.ts');
  return { systemMessage: redact(msg.editRecordedWithWarning(r.warning.split('\n')[0] ?? '')).slice(0, 300) };
}
