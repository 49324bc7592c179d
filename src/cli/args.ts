import { usageError } from '../errors.ts';
import { msg } from '../messages/index.ts';
import { formatSessionId } from '../kernel/ids.ts';

export type FlagType = 'boolean' | 'string' | 'number' | 'list';

export interface FlagSpec {
  type: FlagType;
  short?: string;
  help: string;
  value?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  flags: Record<string, string | boolean | number | string[] | undefined>;
  positionals: string[];
}

/** Flags every command accepts. */
export const COMMON_FLAGS: FlagSpecs = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  json: { type: 'boolean', help: 'print machine-readable JSON' },
  debug: { type: 'boolean', help: 'print stack traces on errors' },
  cwd: { type: 'string', value: 'dir', help: 'run as if started in <dir>' },
};

/**
 * A small strict parser: `--flag value`, `--flag=value`, `-x`, `--` ends flags.
 * Unknown flags and missing values are usage errors (exit 2).
 */
export function parseArgs(argv: readonly string[], specs: FlagSpecs, command: string): ParsedArgs {
  const all: FlagSpecs = { ...COMMON_FLAGS, ...specs };
  const byShort = new Map(Object.entries(all).flatMap(([k, s]) => (s.short ? [[s.short, k] as const] : [])));
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      if (name.startsWith('no-') && all[name.slice(3)]?.type === 'boolean' && !all[name]) {
        flags[name.slice(3)] = false;
        continue;
      }
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = byShort.get(arg.slice(1));
      if (!name) throw usageError(...msg.usage.unknownOption(arg, command));
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = all[name];
    if (!spec) throw usageError(...msg.usage.unknownOption(`--${name}`, command));
    if (spec.type === 'boolean') {
      if (inline !== undefined && !['true', 'false'].includes(inline))
        throw usageError(...msg.usage.takesNoValue(name));
      flags[name] = inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw usageError(...msg.usage.needsValue(name, spec.value));
    if (spec.type === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw usageError(...msg.usage.notANumber(name, value));
      flags[name] = n;
    } else if (spec.type === 'list') {
      const prev = flags[name];
      flags[name] = [...(Array.isArray(prev) ? prev : []), value];
    } else flags[name] = value;
  }
  return { flags, positionals };
}

export const str = (a: ParsedArgs, k: string): string | undefined =>
  typeof a.flags[k] === 'string' ? (a.flags[k] as string) : undefined;
export const num = (a: ParsedArgs, k: string): number | undefined =>
  typeof a.flags[k] === 'number' ? (a.flags[k] as number) : undefined;
export const bool = (a: ParsedArgs, k: string): boolean => a.flags[k] === true;
export const list = (a: ParsedArgs, k: string): string[] => (Array.isArray(a.flags[k]) ? (a.flags[k] as string[]) : []);

/** A session number given on the command line (`7`, `007`), as csm writes it (`007`). */
export function sessionArg(id: string): string {
  if (!/^[0-9]{1,9}$/.test(id)) throw usageError(...msg.usage.notASession(id));
  return formatSessionId(Number(id));
}
