import type { FlagSpecs, ParsedArgs } from './args.ts';
import type { CliContext } from './context.ts';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: FlagSpecs;
  details?: string;
  /** Commands that work without a store or before `csm init` still get a context. */
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}
