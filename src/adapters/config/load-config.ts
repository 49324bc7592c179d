import configJsonSchema from '../../../schema/config.schema.json' with { type: 'json' };
import { type CsmConfig, DEFAULT_CONFIG } from '../../contracts/config.ts';
import { checkJson, type JsonSchema, unknownKeysOf } from '../../contracts/schema-check.ts';
import { formatProblems } from '../../contracts/validate.ts';
import { readTextIfExists } from '../store/atomic-file.ts';

export type ConfigResult = { ok: true; config: CsmConfig; warnings: string[] } | { ok: false; errors: string[] };

export function parseConfig(text: string | null, file: string): ConfigResult {
  if (text === null || text.trim() === '') return { ok: true, config: DEFAULT_CONFIG, warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${file} is not valid JSON (${(e as Error).message})`] };
  }
  const parsed = checkJson<CsmConfig>(configJsonSchema as JsonSchema, raw);
  if (!parsed.ok) return { ok: false, errors: parsed.problems.map((p) => `${file}: ${formatProblems([p])}`) };
  const warnings = unknownKeysOf(configJsonSchema as JsonSchema, raw).map((k) => `${file}: unknown key ${k} (ignored; see "Configuration" in the README, or run csm doctor)`);
  for (const [i, p] of parsed.value.consoleCheck.patterns.entries()) {
    try {
      new RegExp(p);
    } catch {
      return { ok: false, errors: [`${file}: consoleCheck.patterns[${i}] is not a valid regular expression`] };
    }
  }
  const names = new Set<string>();
  for (const [i, g] of parsed.value.gates.entries()) {
    if (names.has(g.name)) return { ok: false, errors: [`${file}: gates[${i}].name "${g.name}" is used twice`] };
    names.add(g.name);
  }
  return { ok: true, config: parsed.value, warnings };
}

export const loadConfig = (file: string): ConfigResult => parseConfig(readTextIfExists(file), file);
