/**
 * Every sentence csm says to a person — hook systemMessages, Stop block reasons, CLI warnings and
 * errors, and every error's message and fix — in one place, so each has one prefix and one wording.
 * One `msg` object: the CLI, hook and Stop gate sentences at its top (`msg.warning(…)`), the errors
 * by concept below (`msg.usage.x`, `msg.refusal.x`, `msg.store.x`, …). Imports nothing but its own
 * files: every layer may use it.
 */
import { cli } from './cli.ts';
import { hooks } from './hooks.ts';
import { mod } from './mod.ts';
import { refusal } from './refusal.ts';
import { setup } from './setup.ts';
import { stopGate } from './stop-gate.ts';
import { store } from './store.ts';
import { tools } from './tools.ts';
import { usage } from './usage.ts';

export { csmSays } from './prefix.ts';

export const msg = {
  ...cli,
  ...hooks,
  ...stopGate,
  ...mod,
  /** Usage mistakes on the command line: `usageError(...msg.usage.x(…))`. */
  usage,
  /** A well-formed command refused: `new CsmError(code, ...msg.refusal.x(…))`. */
  refusal,
  store,
  setup,
  tools,
} as const;
