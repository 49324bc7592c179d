/**
 * csm's hooks: the one list that the build (hooks/hooks.json, settings.template.json, which
 * entries to bundle), the settings merge (which handlers are csm's), `csm profile`, the bench and
 * the tests read. Adding a hook means: an entry in hooks/<name>.ts, its use case, and a line here.
 */
export interface HookRegistration {
  /** The Claude Code event, e.g. `PostToolUse`. */
  event: string;
  /** The tool-name matcher, for tool events. */
  matcher?: string;
  /**
   * Run through dist/hooks/checks-only.sh, which starts the bundle only for a command that can be
   * a project check (a test, typecheck, lint or build run): for Bash, most of whose calls are not.
   */
  checksOnly?: boolean;
  /**
   * Run through dist/hooks/mod-filter.sh in the plugin, which returns at once for a payload csm's mod
   * already recorded (it carries the mod's mark first): the edits, which the mod records in-process.
   */
  modRecords?: boolean;
}

export interface HookBundle {
  /** hooks/<name>.ts is built into dist/hooks/<name>.mjs. */
  name: string;
  /** The events that run this bundle. */
  events: readonly HookRegistration[];
  /** The time limit Claude Code gives it (seconds, hooks.json `timeout`). */
  timeout: number;
  /** The hook's own budget (ms), below the timeout: past it, the hook lets Claude go on. */
  budgetMs: number;
  /** The use case hooks/<name>.ts hands each payload to: its module under src/ and its export (a test checks both). */
  useCase: { module: string; name: string };
}

const BUNDLES = [
  {
    name: 'session-start',
    useCase: { module: 'usecases/hooks/on-session-start.ts', name: 'onSessionStart' },
    events: [{ event: 'SessionStart' }],
    timeout: 15,
    budgetMs: 12_000,
  },
  {
    name: 'post-tool-use',
    useCase: { module: 'usecases/hooks/on-post-tool-use.ts', name: 'onPostToolUse' },
    events: [
      { event: 'PostToolUse', matcher: 'Write|Edit|NotebookEdit', modRecords: true },
      { event: 'PostToolUse', matcher: 'Bash', checksOnly: true },
      { event: 'PostToolUseFailure', matcher: 'Bash', checksOnly: true },
    ],
    timeout: 10,
    budgetMs: 8_000,
  },
  {
    name: 'user-prompt-submit',
    useCase: { module: 'usecases/hooks/on-user-prompt-submit.ts', name: 'onUserPromptSubmit' },
    events: [{ event: 'UserPromptSubmit' }],
    timeout: 10,
    budgetMs: 6_000,
  },
  {
    name: 'pre-compact',
    useCase: { module: 'usecases/hooks/on-pre-compact.ts', name: 'onPreCompact' },
    events: [{ event: 'PreCompact' }],
    timeout: 10,
    budgetMs: 8_000,
  },
  {
    name: 'stop',
    useCase: { module: 'usecases/hooks/on-stop.ts', name: 'onStop' },
    events: [{ event: 'Stop' }],
    // hooks.json gives Stop 600 s; the hook keeps 30 s of it for itself
    timeout: 600,
    budgetMs: 570_000,
  },
] as const satisfies readonly HookBundle[];

/** Every hook bundle, in the order hooks.json lists them. */
export const HOOK_BUNDLES: readonly (HookBundle & { name: HookName })[] = BUNDLES;

/** A hook bundle's name: `session-start`, `post-tool-use`, … */
export type HookName = (typeof BUNDLES)[number]['name'];

/** The bundle registered under `name`; throws for a name that is not in the list (a build or test mistake). */
export function hookBundle(name: string): HookBundle {
  const b = HOOK_BUNDLES.find((h) => h.name === name);
  if (!b) throw new Error(`no hook bundle named ${name} in src/kernel/hook-events.ts`);
  return b;
}

/** The shell filter of `checksOnly` registrations, next to the bundles. */
export const CHECKS_ONLY_SCRIPT = 'checks-only.sh';
/** The shell filter of `modRecords` registrations in the plugin (where a mod can run), next to the bundles. */
export const MOD_FILTER_SCRIPT = 'mod-filter.sh';
/** The field csm's mod sets, first, on a PostToolUse payload whose edit it recorded. */
export const MOD_RECORDED_MARK = 'csm_recorded_by_mod';

/**
 * The hooks block of hooks.json / settings.json, with each bundle run as `node "<dir>/<name>.mjs"`;
 * `plugin`: the plugin's hooks.json, where csm's mod may record edits before the command hook runs.
 */
export function hooksBlock(
  bundleDir: string,
  opts: { plugin?: boolean } = {},
): Record<string, { matcher?: string; hooks: { type: 'command'; command: string; timeout: number }[] }[]> {
  const out: ReturnType<typeof hooksBlock> = {};
  for (const b of HOOK_BUNDLES) {
    for (const r of b.events) {
      const bundle = `"${bundleDir}/${b.name}.mjs"`;
      const filter = r.checksOnly ? CHECKS_ONLY_SCRIPT : r.modRecords && opts.plugin ? MOD_FILTER_SCRIPT : null;
      const command = filter ? `sh "${bundleDir}/${filter}" ${bundle}` : `node ${bundle}`;
      const handler = { type: 'command' as const, command, timeout: b.timeout };
      (out[r.event] ??= []).push(
        r.matcher === undefined ? { hooks: [handler] } : { matcher: r.matcher, hooks: [handler] },
      );
    }
  }
  return out;
}
