import configJsonSchema from '../../../schema/config.schema.json' with { type: 'json' };
import { type CsmConfig, DEFAULT_CONFIG } from '../../contracts/config.ts';
import { checkJson, type JsonSchema, unknownKeysOf } from '../../contracts/schema-check.ts';
import { formatProblems } from '../../contracts/validate.ts';
import { readTextIfExists } from '../store/atomic-file.ts';
import { withPluginOptions } from './plugin-options.ts';

export type ConfigResult = { ok: true; config: CsmConfig; warnings: string[] } | { ok: false; errors: string[] };

/**
 * csm.json (`text`, null when there is none) checked and filled in; with `env`, the plugin's
 * user options (CLAUDE_PLUGIN_OPTION_*) apply where csm.json sets nothing.
 */
export function parseConfig(
  text: string | null,
  file: string,
  env: Readonly<Record<string, string | undefined>> = {},
): ConfigResult {
  const empty = text === null || text.trim() === '';
  let raw: unknown = {};
  if (!empty) {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [`${file} is not valid JSON (${(e as Error).message})`] };
    }
  }
  const withOptions = withPluginOptions(raw, env);
  if (empty && withOptions.raw === raw && withOptions.warnings.length === 0)
    return { ok: true, config: DEFAULT_CONFIG, warnings: [] };
  raw = withOptions.raw;
  const parsed = checkJson<CsmConfig>(configJsonSchema as JsonSchema, raw);
  if (!parsed.ok) return { ok: false, errors: parsed.problems.map((p) => `${file}: ${formatProblems([p])}`) };
  const warnings = [
    ...withOptions.warnings,
    ...unknownKeysOf(configJsonSchema as JsonSchema, raw).map(
      (k) => `${file}: unknown key ${k} (ignored; see "Configuration" in the README, or run csm doctor)`,
    ),
  ];
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

export const loadConfig = (file: string, env: Readonly<Record<string, string | undefined>> = {}): ConfigResult =>
  parseConfig(readTextIfExists(file), file, env);
