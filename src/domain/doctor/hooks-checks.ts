import { countCsmHooks, type HookGroup, isCsmHandler } from '../settings-merge.ts';
import { type Check, ok, problem, warn } from './check.ts';
import { modCheck, type ModFact } from './mod-check.ts';
import type { SettingsFact } from '../../contracts/doctor-facts.ts';
import { msg } from '../../messages/index.ts';

export type { SettingsFact };

/** The install lines for a csm clone at `root` (the README's install block, with its path). */
export const pluginInstall = (root: string): string =>
  `claude plugin marketplace add ${root} && claude plugin install csm@csm-marketplace`;
export const settingsInstall = (root: string): string => `npm i -D ${root} && npx csm init --settings`;

export interface BundleFact {
  file: string;
  command: string;
  /** Where the command's hook bundle resolves. */
  path: string;
  exists: boolean;
}

export interface HooksFacts {
  settings: SettingsFact[];
  /** CLAUDE_PLUGIN_ROOT, when csm runs from the plugin. */
  pluginRoot: string | null;
  /** The folder of the running csm, as a shell word (`<path to your csm clone>` when unknown). */
  csmRoot: string;
  bundles: BundleFact[];
  /** The mod's helper that last marked this repository (`.claude/.csm/mod-helper.json`), and whether it runs. */
  mod?: ModFact | null;
  /** Where csm is installed into Codex (absent: not looked at). */
  codex?: CodexFacts;
}

export interface CodexFacts {
  /** The project's `.codex/hooks.json` (csm init --codex). */
  project: SettingsFact;
  /** Where the csm plugin is enabled for Codex (its config.toml, as shown), or null. */
  plugin: string | null;
}

/** `enabledPlugins` keys naming csm (`csm@<marketplace>`) that are switched on. */
export function enabledCsmPlugins(settings: Record<string, unknown>): string[] {
  const v = settings.enabledPlugins;
  if (Array.isArray(v)) return v.filter((k): k is string => typeof k === 'string' && k.startsWith('csm@'));
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v as Record<string, unknown>)
    .filter(([k, on]) => k.startsWith('csm@') && on !== false && on !== null)
    .map(([k]) => k);
}

/** The commands of csm's hook handlers in a settings object. */
export function csmHookCommands(settings: Record<string, unknown>): string[] {
  const hooks = settings.hooks;
  if (!hooks || typeof hooks !== 'object') return [];
  const groups = Object.values(hooks as Record<string, unknown>).flatMap((v) =>
    Array.isArray(v) ? (v as HookGroup[]) : [],
  );
  const cmds = groups
    .flatMap((g) => (g && Array.isArray(g.hooks) ? g.hooks : []))
    .filter(isCsmHandler)
    .map((h) => h.command as string);
  return [...new Set(cmds)];
}

/**
 * The files of csm's a command runs (its hook bundle, and the Bash filter in front of it), with
 * `$CLAUDE_PROJECT_DIR` replaced by `projectDir`; none for the plugin's `${CLAUDE_PLUGIN_ROOT}`
 * commands. May be relative.
 */
export function bundlePaths(command: string, projectDir: string): string[] {
  if (command.includes('CLAUDE_PLUGIN_ROOT')) return [];
  // a project's Codex hooks find the root through git (Codex sets no project variable)
  const resolved = command.replace(/\$\(git rev-parse --show-toplevel\)/g, projectDir);
  return [...resolved.matchAll(/["']?([^"'\s]*dist[\\/]+hooks[\\/]+[A-Za-z0-9_-]+\.(?:mjs|sh))["']?/g)].map((m) =>
    (m[1] as string).replace(/\$\{CLAUDE_PROJECT_DIR\}|\$CLAUDE_PROJECT_DIR\b/g, projectDir),
  );
}

export function hooksChecks(f: HooksFacts): Check[] {
  const out: Check[] = [];
  for (const s of f.settings) {
    if (s.error === null) continue;
    const fix = `repair the JSON in ${s.file} by hand (claude --debug shows settings errors too)`;
    out.push(
      s.scope === 'user'
        ? warn(`settings:${s.scope}`, 'hooks', `${s.file}: ${s.error}`, fix)
        : problem(`settings:${s.scope}`, 'hooks', `${s.file}: ${s.error}`, fix),
    );
  }
  const plugins = f.settings.flatMap((s) =>
    s.value ? enabledCsmPlugins(s.value).map((k) => `${k} in ${s.file}`) : [],
  );
  const viaSettings = f.settings.flatMap((s) => {
    const n = s.value ? countCsmHooks(s.value) : 0;
    return n ? [`${n} csm hook${n === 1 ? '' : 's'} in ${s.file}`] : [];
  });
  const asPlugin = plugins.length > 0 || f.pluginRoot !== null;
  const rootNote = f.pluginRoot ? `running from the plugin at ${f.pluginRoot}` : null;
  const codex = f.codex ? codexChecks(f.codex) : { checks: [], installed: false };
  if (!asPlugin && viaSettings.length === 0 && codex.installed) {
    out.push(ok('hooks', 'hooks', msg.setup.doctorCodexOnly));
  } else if (!asPlugin && viaSettings.length === 0) {
    out.push(
      warn(
        'hooks',
        'hooks',
        'csm hooks are not installed: edits are not recorded and Stop runs no gates',
        `install as a plugin: ${pluginInstall(f.csmRoot)}   or through settings: ${settingsInstall(f.csmRoot)}` +
          `   ${msg.setup.doctorCodexInstall(f.csmRoot)}`,
      ),
    );
  } else if (asPlugin && viaSettings.length) {
    out.push(
      warn(
        'hooks',
        'hooks',
        `csm hooks are installed twice — as a plugin ` +
          `(${[...plugins, ...(rootNote ? [rootNote] : [])].join('; ')}) and through settings ` +
          `(${viaSettings.join('; ')}): Claude Code does not dedupe a plugin and a settings copy, so every hook ` +
          `runs twice`,
        "keep one: remove the csm entries from the settings file (csm uninstall removes them, with csm's " +
          'untouched default files), or: claude plugin uninstall csm',
      ),
    );
  } else if (asPlugin) {
    out.push(
      ok('hooks', 'hooks', `hooks installed as a plugin (${[...plugins, ...(rootNote ? [rootNote] : [])].join('; ')})`),
    );
  } else {
    out.push(ok('hooks', 'hooks', `hooks installed through settings (${viaSettings.join('; ')})`));
  }
  if (asPlugin || viaSettings.length) out.push(modCheck(f.mod, asPlugin));
  out.push(...codex.checks);
  const missing = f.bundles.filter((b) => !b.exists);
  for (const b of missing) {
    out.push(
      problem(
        `bundle:${b.path}`,
        'hooks',
        `a csm hook in ${b.file} runs ${b.path}, which does not exist: that hook fails on every event`,
        `npm i -D ${f.csmRoot}   (the settings hooks run it from node_modules)`,
      ),
    );
  }
  if (f.bundles.length && !missing.length)
    out.push(
      ok(
        'bundles',
        'hooks',
        `the ${f.bundles.length} hook bundle${f.bundles.length === 1 ? '' : 's'} the settings name exist`,
      ),
    );
  return out;
}

/** csm under Codex: its project hooks file, the plugin, or both (then every hook runs twice). */
function codexChecks(c: CodexFacts): { checks: Check[]; installed: boolean } {
  const { project } = c;
  if (project.error !== null) {
    const fix = `repair the JSON in ${project.file} by hand`;
    return { checks: [problem('codex-hooks', 'hooks', `${project.file}: ${project.error}`, fix)], installed: false };
  }
  const n = project.value ? countCsmHooks(project.value) : 0;
  const where = [
    ...(n ? [`${n} csm hook${n === 1 ? '' : 's'} in ${project.file}`] : []),
    ...(c.plugin ? [c.plugin] : []),
  ];
  if (where.length === 0) return { checks: [], installed: false };
  const check =
    n && c.plugin
      ? warn('codex-hooks', 'hooks', msg.setup.doctorCodexTwice(where.join('; ')), msg.setup.doctorCodexTwiceFix)
      : ok('codex-hooks', 'hooks', msg.setup.doctorCodexInstalled(where.join('; ')));
  return { checks: [check], installed: true };
}
