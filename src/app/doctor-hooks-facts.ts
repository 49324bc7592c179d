import fs from 'node:fs';
import { readTextIfExists } from '../adapters/store/atomic-file.ts';
import path from 'node:path';
import type { StorePaths } from '../adapters/store/paths.ts';
import { bundlePath, type BundleFact, csmHookCommands, type HooksFacts, type SettingsFact } from '../domain/doctor/hooks-checks.ts';

const errCode = (e: unknown): string => ((e as { cause?: NodeJS.ErrnoException }).cause?.code ?? (e as NodeJS.ErrnoException).code) ?? 'ERROR';

const readText = readTextIfExists;

/** Repo-relative with forward slashes when inside the repository, else absolute. */
const display = (paths: StorePaths, abs: string): string => {
  const rel = path.relative(paths.root, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
};

function readSettingsFact(scope: SettingsFact['scope'], file: string, shown: string): SettingsFact {
  let text: string | null;
  try {
    text = readText(file);
  } catch (e) {
    return { scope, file: shown, value: null, error: `cannot be read (${errCode(e)})` };
  }
  if (text === null || text.trim() === '') return { scope, file: shown, value: null, error: null };
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { scope, file: shown, value: null, error: 'must hold a JSON object' };
    return { scope, file: shown, value: v as Record<string, unknown>, error: null };
  } catch (e) {
    return { scope, file: shown, value: null, error: `is not valid JSON (${(e as Error).message})` };
  }
}

/** Where csm's hooks are installed: user, project and local settings, and the plugin root. */
export function readHooks(paths: StorePaths, env: Record<string, string | undefined>, home: string): HooksFacts {
  const configDir = env.CLAUDE_CONFIG_DIR;
  const userFile = configDir ? path.join(configDir, 'settings.json') : path.join(home, '.claude', 'settings.json');
  const candidates: [SettingsFact['scope'], string, string][] = [
    ['user', userFile, configDir ? '$CLAUDE_CONFIG_DIR/settings.json' : '~/.claude/settings.json'],
    ['project', path.join(paths.claude, 'settings.json'), '.claude/settings.json'],
    ['local', path.join(paths.claude, 'settings.local.json'), '.claude/settings.local.json'],
  ];
  const seen = new Set<string>();
  const settings: SettingsFact[] = [];
  for (const [scope, file, shown] of candidates) {
    const key = path.resolve(file);
    if (seen.has(key)) continue;
    seen.add(key);
    settings.push(readSettingsFact(scope, file, shown));
  }
  const bundles = new Map<string, BundleFact>();
  for (const s of settings) {
    for (const command of s.value ? csmHookCommands(s.value) : []) {
      const p = bundlePath(command, paths.root);
      if (p === null || p.includes('$')) continue;
      const abs = path.resolve(paths.root, p);
      if (!bundles.has(abs)) bundles.set(abs, { file: s.file, command, path: display(paths, abs), exists: fs.existsSync(abs) });
    }
  }
  const root = env.CLAUDE_PLUGIN_ROOT;
  return { settings, pluginRoot: root && root.trim() ? root : null, bundles: [...bundles.values()] };
}
