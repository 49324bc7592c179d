import path from 'node:path';
import { selfRoot, shellWord } from '../../adapters/self-root.ts';
import template from '../../../settings.template.json' with { type: 'json' };
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import { fileExists } from '../../adapters/store/file-stat.ts';
import { writeStoreFile } from '../../adapters/store/store-files.ts';
import { type HooksBlock, mergeHooks } from '../../domain/settings-merge.ts';
import { formatJson } from '../../kernel/format-json.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import type { Project } from '../session/open-store.ts';

/**
 * A Claude Code settings file as an object ({} when missing or empty); a broken one is an error naming the file, never
 * overwritten.
 */
export function readSettings(file: string): Record<string, unknown> {
  return parseSettings(file, readTextIfExists(file));
}

/** The text of a hooks or settings file (null: missing) as an object, checked as readSettings does. */
export function parseSettings(file: string, text: string | null): Record<string, unknown> {
  if (text === null || text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new CsmError('INVALID_FILE', ...msg.setup.settingsNotJson(file, (e as Error).message));
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new CsmError('INVALID_FILE', ...msg.setup.settingsNotObject(file));
  const hooks = (v as Record<string, unknown>).hooks;
  if (hooks !== undefined && (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks))) {
    throw new CsmError('INVALID_FILE', ...msg.setup.settingsHooksNotObject(file));
  }
  return v as Record<string, unknown>;
}

/**
 * `csm init --settings`: merges csm's hooks (settings.template.json) into .claude/settings.json,
 * keeping every other setting and hook. `installed`: the package is in node_modules, where the hooks run it from.
 */
export async function installSettings(
  p: Project,
): Promise<{ file: string; added: number; installed: boolean; installLine: string }> {
  const file = path.join(p.paths.claude, 'settings.json');
  const r = await p.store.locked(() => {
    const { settings, added, removed } = mergeHooks(readSettings(file), (template as { hooks: HooksBlock }).hooks);
    if (added > 0 || removed > 0) writeStoreFile(p.paths, file, formatJson(settings));
    return { file, added };
  });
  const installed = fileExists(path.join(p.root, 'node_modules', 'claude-session-manager'));
  return { ...r, installed, installLine: installLine() };
}

/** What installs this csm into a project's node_modules, to paste. */
export function installLine(): string {
  const self = selfRoot();
  return `npm i -D ${self ? shellWord(self) : '<path to your csm clone>'}`;
}
