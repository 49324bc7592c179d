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
  /**
   * Under Codex: not registered at all (`false`), or with another matcher (Codex's edit tool is
   * apply_patch; it has no PostToolUseFailure, and its Bash results carry no exit code), and the
   * context it may pass on (`additionalContextLimit`, in tokens: Codex cuts at 2,500 by default).
   */
  codex?: false | { matcher?: string; contextLimit?: number };
}

/** The CLI a hook runs under: Claude Code (the default), or Codex, whose hook commands pass `--host codex`. */
export type HookHost = 'claude' | 'codex';

/** The argument that names the host in a hook command: `node "<dir>/stop.mjs" --host codex`. */
export const HOST_ARG = '--host';

/** The host a hook's arguments name (`--host codex`); anything else is Claude Code. */
export function hookHostOf(args: readonly string[]): HookHost {
  const i = args.indexOf(HOST_ARG);
  return i >= 0 && args[i + 1] === 'codex' ? 'codex' : 'claude';
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
    // csm caps its context at 10,000 characters, never more tokens than that
    events: [{ event: 'SessionStart', codex: { contextLimit: 10_000 } }],
    timeout: 15,
    budgetMs: 12_000,
  },
  {
    name: 'post-tool-use',
    useCase: { module: 'usecases/hooks/on-post-tool-use.ts', name: 'onPostToolUse' },
    events: [
      {
        event: 'PostToolUse',
        matcher: 'Write|Edit|NotebookEdit',
        modRecords: true,
        codex: { matcher: 'apply_patch|Write|Edit' },
      },
      { event: 'PostToolUse', matcher: 'Bash', checksOnly: true, codex: false },
      { event: 'PostToolUseFailure', matcher: 'Bash', checksOnly: true, codex: false },
    ],
    timeout: 10,
    budgetMs: 8_000,
  },
  {
    name: 'user-prompt-submit',
    useCase: { module: 'usecases/hooks/on-user-prompt-submit.ts', name: 'onUserPromptSubmit' },
    events: [{ event: 'UserPromptSubmit', codex: { contextLimit: 10_000 } }],
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

type HookHandlerEntry = {
  type: 'command';
  command: string;
  timeout: number;
  /** Codex only. */
  additionalContextLimit?: number;
};
type HooksBlock = Record<string, { matcher?: string; hooks: HookHandlerEntry[] }[]>;

/**
 * The hooks block of hooks.json / settings.json, with each bundle run as `node "<dir>/<name>.mjs"`;
 * `plugin`: the plugin's hooks.json, where csm's mod may record edits before the command hook runs.
 */
export function hooksBlock(bundleDir: string, opts: { plugin?: boolean } = {}): HooksBlock {
  const out: HooksBlock = {};
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

/**
 * The same for Codex (its plugin's hooks/codex-hooks.json, a project's .codex/hooks.json): each
 * bundle run as `node "<dir>/<name>.mjs" --host codex`, with the registrations Codex has.
 */
export function codexHooksBlock(bundleDir: string): HooksBlock {
  const out: HooksBlock = {};
  for (const b of HOOK_BUNDLES) {
    for (const r of b.events as readonly HookRegistration[]) {
      if (r.codex === false) continue;
      if (r.checksOnly) throw new Error(`${b.name}: a checks-only registration has no Codex form`);
      const matcher = r.codex?.matcher ?? r.matcher;
      const limit = r.codex?.contextLimit;
      const handler: HookHandlerEntry = {
        type: 'command',
        command: `node "${bundleDir}/${b.name}.mjs" ${HOST_ARG} codex`,
        timeout: b.timeout,
        ...(limit === undefined ? {} : { additionalContextLimit: limit }),
      };
      (out[r.event] ??= []).push(matcher === undefined ? { hooks: [handler] } : { matcher, hooks: [handler] });
    }
  }
  return out;
}
