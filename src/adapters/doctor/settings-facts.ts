import path from 'node:path';
import type { SettingsFact } from '../../contracts/doctor-facts.ts';
import { readTextIfExists } from '../store/atomic-file.ts';
import { errCode } from './store-facts.ts';

/**
 * One Claude Code settings file as doctor sees it: its object, nothing (missing or empty), or why it cannot be read.
 */
export function readSettingsFact(scope: SettingsFact['scope'], file: string, shown: string): SettingsFact {
  let text: string | null;
  try {
    text = readTextIfExists(file);
  } catch (e) {
    return { scope, file: shown, value: null, error: `cannot be read (${errCode(e)})` };
  }
  if (text === null || text.trim() === '') return { scope, file: shown, value: null, error: null };
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v))
      return { scope, file: shown, value: null, error: 'must hold a JSON object' };
    return { scope, file: shown, value: v as Record<string, unknown>, error: null };
  } catch (e) {
    return { scope, file: shown, value: null, error: `is not valid JSON (${(e as Error).message})` };
  }
}

/** The user's settings file: $CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json. */
export function userSettingsFile(
  env: Record<string, string | undefined>,
  home: string,
): { file: string; shown: string } {
  const configDir = env.CLAUDE_CONFIG_DIR;
  return configDir
    ? { file: path.join(configDir, 'settings.json'), shown: '$CLAUDE_CONFIG_DIR/settings.json' }
    : { file: path.join(home, '.claude', 'settings.json'), shown: '~/.claude/settings.json' };
}

/**
 * Where the csm plugin is enabled for Codex: `$CODEX_HOME/config.toml` (else ~/.codex/config.toml)
 * with a `[plugins."csm@<marketplace>"]` table whose `enabled` is true; null otherwise.
 */
export function codexPluginFact(env: Record<string, string | undefined>, home: string): string | null {
  const file = env.CODEX_HOME ? path.join(env.CODEX_HOME, 'config.toml') : path.join(home, '.codex', 'config.toml');
  const shown = env.CODEX_HOME ? '$CODEX_HOME/config.toml' : '~/.codex/config.toml';
  let text: string | null;
  try {
    text = readTextIfExists(file);
  } catch {
    return null;
  }
  for (const m of (text ?? '').matchAll(/^\[plugins\."(csm@[^"]+)"\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/gm)) {
    if (/^\s*enabled\s*=\s*true\s*$/m.test(m[2] ?? '')) return `${m[1]} in ${shown}`;
  }
  return null;
}
