import { countCsmHooks, type HookGroup, isCsmHandler } from '../settings-merge.ts';
import { type Check, ok, problem, warn } from './check.ts';
import type { SettingsFact } from '../../contracts/doctor-facts.ts';

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
  mod?: { pid: number; since: string; alive: boolean } | null;
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
  return [...command.matchAll(/["']?([^"'\s]*dist[\\/]+hooks[\\/]+[A-Za-z0-9_-]+\.(?:mjs|sh))["']?/g)].map((m) =>
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
  if (!asPlugin && viaSettings.length === 0) {
    out.push(
      warn(
        'hooks',
        'hooks',
        'csm hooks are not installed: edits are not recorded and Stop runs no gates',
        `install as a plugin: ${pluginInstall(f.csmRoot)}   or through settings: ${settingsInstall(f.csmRoot)}`,
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
  if (asPlugin || viaSettings.length) out.push(modCheck(f, asPlugin));
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

/** Which path records edits here: csm's mod inside Claude Code, or the command hooks — and why. */
function modCheck(f: HooksFacts, asPlugin: boolean): Check {
  if (f.mod?.alive)
    return ok(
      'mod',
      'hooks',
      `csm's mod is running in a Claude Code session here (helper pid ${f.mod.pid}, since ${f.mod.since}): ` +
        'edits are recorded in-process, /csm answers without a model turn, the pane follows the session',
    );
  const why = asPlugin
    ? "csm's mod is not running here now: it loads with the plugin in Claude Code 2.1.287 and later, unless " +
      "Claude Code's mods switch reads off for you or the session is not Claude Code's own CLI"
    : "csm's mod loads only with the plugin, not from settings";
  return ok('mod', 'hooks', `edits are recorded by the command hooks (${why})`);
}
