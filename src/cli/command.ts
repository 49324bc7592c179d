import type { FlagSpecs, ParsedArgs } from './args.ts';
import type { CliContext } from './context.ts';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: FlagSpecs;
  details?: string;
  /** Runs even when .claude/csm.json is invalid (with the defaults); doctor reports the config itself. */
  lenientConfig?: boolean;
  /** Commands that work without a store or before `csm init` still get a context. */
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}
