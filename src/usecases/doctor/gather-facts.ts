import path from 'node:path';
import { codexPluginFact, readSettingsFact, userSettingsFile } from '../../adapters/doctor/settings-facts.ts';
import {
  errCode,
  pathExists,
  readLinks,
  readLocks,
  readSessions,
  readWritable,
  scratchDir,
} from '../../adapters/doctor/store-facts.ts';
import { parseConfig } from '../../adapters/config/load-config.ts';
import { selfRoot, shellWord } from '../../adapters/self-root.ts';
import { isGitRepo, trackedUnder } from '../../adapters/git/git-fast.ts';
import { gitVersion } from '../../adapters/git/merge-sides.ts';
import { readTextIfExists, readTextQuietly } from '../../adapters/store/atomic-file.ts';
import type { StorePaths } from '../../adapters/store/paths.ts';
import { type CsmConfig, DEFAULT_CONFIG } from '../../contracts/config.ts';
import { checksFound, type ChecksFound } from '../../domain/gates/checks-found.ts';
import { projectGates } from '../gates/project-gates.ts';
import type { SettingsFact } from '../../contracts/doctor-facts.ts';
import type { DoctorFacts } from '../../domain/doctor/evaluate.ts';
import { bundlePaths, type BundleFact, csmHookCommands, type HooksFacts } from '../../domain/doctor/hooks-checks.ts';
import { GITATTRIBUTES, GITIGNORE } from '../../templates/git-files.ts';
import { localState } from '../../adapters/store/local-json.ts';
import { processAlive } from '../../adapters/host.ts';
import { readModPresence } from '../mod/mod-presence.ts';

export interface DoctorEnv {
  /** CLAUDE_CONFIG_DIR, CLAUDE_PLUGIN_ROOT, CODEX_HOME are read from here. */
  env: Record<string, string | undefined>;
  home: string;
  nodeVersion: string;
  now: () => Date;
}

/** Repo-relative with forward slashes when inside the repository, else absolute. */
const display = (paths: StorePaths, abs: string): string => {
  const rel = path.relative(paths.root, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
};

/** Where csm's hooks are installed: user, project and local settings, the plugin root, and Codex's. */
function readHooks(paths: StorePaths, env: Record<string, string | undefined>, home: string): HooksFacts {
  const user = userSettingsFile(env, home);
  const candidates: [SettingsFact['scope'], string, string][] = [
    ['user', user.file, user.shown],
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
  const codex = {
    project: readSettingsFact('project', path.join(paths.root, '.codex', 'hooks.json'), '.codex/hooks.json'),
    plugin: codexPluginFact(env, home),
  };
  const bundles = new Map<string, BundleFact>();
  for (const s of [...settings, codex.project]) {
    for (const command of s.value ? csmHookCommands(s.value) : []) {
      for (const p of bundlePaths(command, paths.root)) {
        if (p.includes('$')) continue;
        const abs = path.resolve(paths.root, p);
        if (!bundles.has(abs))
          bundles.set(abs, { file: s.file, command, path: display(paths, abs), exists: pathExists(abs) });
      }
    }
  }
  const root = env.CLAUDE_PLUGIN_ROOT;
  const self = selfRoot();
  const csmRoot = self ? shellWord(self) : '<path to your csm clone>';
  const presence = readModPresence(localState(paths));
  const mod = presence ? { ...presence, alive: processAlive(presence.pid) } : null;
  const pluginRoot = root && root.trim() ? root : null;
  return { settings, pluginRoot, csmRoot, bundles: [...bundles.values()], codex, mod };
}

/** What of the project's checks Stop would run (with the config's gates when it is valid). */
async function projectChecks(paths: StorePaths, config: CsmConfig): Promise<ChecksFound | null> {
  if (!pathExists(paths.root)) return null;
  const { gates, facts } = await projectGates(localState(paths), config, { write: false });
  return checksFound(gates, facts);
}

function readConfigFacts(paths: StorePaths): { facts: DoctorFacts['config']; idleMinutes: number; config: CsmConfig } {
  let text: string | null = null;
  let error: string | null = null;
  try {
    text = readTextIfExists(paths.config);
  } catch (e) {
    error = errCode(e);
  }
  const config = error
    ? { ok: false as const, errors: [`.claude/csm.json cannot be read (${error})`] }
    : parseConfig(text, '.claude/csm.json');
  return {
    facts: {
      exists: text !== null || error !== null,
      errors: config.ok ? [] : config.errors,
      warnings: config.ok ? config.warnings : [],
    },
    idleMinutes: config.ok ? config.config.idleMinutes : DEFAULT_CONFIG.idleMinutes,
    config: config.ok ? config.config : DEFAULT_CONFIG,
  };
}

/** Reads everything `csm doctor` checks. Never writes, except the writable probes (created and removed at once). */
export async function gatherFacts(paths: StorePaths, env: DoctorEnv): Promise<DoctorFacts> {
  const config = readConfigFacts(paths);
  const links = readLinks(paths);
  const { sessions, unreadable } = readSessions(paths);
  const sessionsExists = pathExists(paths.sessions);
  return {
    nodeVersion: env.nodeVersion,
    gitVersion: await gitVersion(pathExists(paths.root) ? paths.root : scratchDir()),
    isRepo: isGitRepo(paths.root),
    config: config.facts,
    store: {
      claudeExists: pathExists(paths.claude),
      sessionsExists,
      sessions,
      unreadable,
      active: readTextQuietly(paths.active),
      idleMs: config.idleMinutes * 60_000,
      now: env.now().getTime(),
      history: readTextQuietly(paths.metricsHistory),
    },
    writable: readWritable(paths, links),
    links,
    locks: readLocks(paths),
    gitFiles: sessionsExists
      ? {
          gitignore: readTextQuietly(path.join(paths.claude, '.gitignore')),
          gitattributes: readTextQuietly(path.join(paths.claude, '.gitattributes')),
          templates: { gitignore: GITIGNORE, gitattributes: GITATTRIBUTES },
          trackedLocal: isGitRepo(paths.root) ? trackedUnder(paths.root, path.relative(paths.root, paths.local)) : [],
        }
      : null,
    hooks: readHooks(paths, env.env, env.home),
    checks: await projectChecks(paths, config.config),
  };
}
