/**
 * The settings a user sets once for the csm plugin (plugin.json `userConfig`), as Claude Code
 * hands them to plugin hooks: `CLAUDE_PLUGIN_OPTION_<KEY>` (checked against 2.1.331; set only
 * when the user gave a value). They sit between csm's defaults and the repository's
 * .claude/csm.json: a key the repository sets wins.
 */
export interface PluginOption {
  /** The userConfig key. */
  key: string;
  /** Where it goes in csm.json. */
  path: readonly [string, string];
  parse(text: string): number | boolean | null;
  /** What a valid value is, for the warning about one that is not. */
  expects: string;
}

const int = (lo: number, hi: number) => (t: string) => (/^\d+$/.test(t.trim()) && +t >= lo && +t <= hi ? +t : null);
const bool = (t: string) => (t === 'true' ? true : t === 'false' ? false : null);

export const PLUGIN_OPTIONS: readonly PluginOption[] = [
  { key: 'block_cap', path: ['stop', 'blockCap'], parse: int(1, 8), expects: 'a whole number from 1 to 8' },
  { key: 'gates_on_stop', path: ['stop', 'enabled'], parse: bool, expects: 'true or false' },
];

export const optionVar = (key: string): string => `CLAUDE_PLUGIN_OPTION_${key.toUpperCase()}`;

/**
 * `raw` (csm.json as parsed) with the plugin options filled in where it sets nothing; warnings for values that are not
 * valid.
 */
export function withPluginOptions(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): { raw: unknown; warnings: string[] } {
  const warnings: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { raw, warnings };
  let out = raw as Record<string, unknown>;
  for (const o of PLUGIN_OPTIONS) {
    const text = env[optionVar(o.key)];
    if (text === undefined || text === '') continue;
    const value = o.parse(text);
    if (value === null) {
      warnings.push(
        `plugin option ${o.key} (${optionVar(o.key)}) is ${JSON.stringify(text.slice(0, 40))}, not ` +
          `${o.expects}: ignored`,
      );
      continue;
    }
    const [section, field] = o.path;
    const current = out[section];
    const notObject = current === null || typeof current !== 'object' || Array.isArray(current);
    if (current !== undefined && notObject) continue; // csm.json's own error
    const inner = (current ?? {}) as Record<string, unknown>;
    if (field in inner) continue; // the repository's setting wins
    out = { ...out, [section]: { ...inner, [field]: value } };
  }
  return { raw: out, warnings };
}
