import { CsmError, exitCodeFor, isCsmError, usageError } from '../errors.ts';
import { msg } from '../messages/index.ts';
import { VERSION } from '../version.ts';
import { redact } from '../domain/redact.ts';
import { bool, parseArgs, str } from './args.ts';
import { didYouMean } from '../domain/text/did-you-mean.ts';
import { helpText, topHelp } from './help.ts';
import type { Command } from './command.ts';
import { loadContext } from './context.ts';
import { makeOut } from './output.ts';
import { COMMANDS } from './registry.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const wantsJson = rest.includes('--json');
  const out = makeOut(wantsJson);
  const debug = argv.includes('--debug');
  try {
    if (name === 'help' && rest[0] && !rest[0].startsWith('-')) return await main([rest[0], '--help']);
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      out.print(topHelp(await Promise.all(COMMANDS.map((c) => c.load()))));
      return name ? 0 : 2;
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      out.print(VERSION);
      return 0;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
      const known = COMMANDS.map((c) => c.name);
      throw usageError(...msg.usage.unknownCommand(name, didYouMean(name, known)));
    }
    const cmd: Command = await entry.load();
    const args = parseArgs(rest, cmd.flags, cmd.name);
    if (bool(args, 'help')) {
      out.print(helpText(cmd.usage, cmd.summary, cmd.flags, cmd.details));
      return 0;
    }
    const ctx = loadContext(str(args, 'cwd') ?? process.cwd(), out, main, {
      lenientConfig: cmd.lenientConfig === true,
    });
    return await cmd.run(ctx, args);
  } catch (e) {
    return report(e, out.json, debug);
  }
}

function report(e: unknown, json: boolean, debug: boolean): number {
  const code = exitCodeFor(e);
  if (isCsmError(e)) {
    // messages quote what the user typed: a secret pasted in the wrong place is not echoed
    e.message = redact(e.message);
    const fix = e.fix === undefined ? null : redact(e.fix);
    if (json)
      process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message, fix } }, null, 2)}\n`);
    process.stderr.write(`${msg.error(e.message)}\n${fix ? `  fix: ${fix}\n` : ''}`);
    if (debug && e.cause) process.stderr.write(`${String((e.cause as Error).stack ?? e.cause)}\n`);
    return code;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  err.message = redact(err.message);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'BUG', message: err.message } }, null, 2)}\n`);
  process.stderr.write(
    `${msg.bug(err.message)}\n  csm ${VERSION}, node ${process.version}, ${process.platform}\n  please report ` +
      `it with the output of: csm doctor\n`,
  );
  if (debug) process.stderr.write(`${err.stack ?? ''}\n`);
  return 1;
}

export { CsmError };
