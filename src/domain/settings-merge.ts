import { HOOK_BUNDLES } from '../kernel/hook-events.ts';

/**
 * Merging csm's hooks into a Claude Code settings object, and taking them out again.
 * Pure: the caller reads and writes the file.
 */
export interface HookHandler {
  type: string;
  command?: string;
  timeout?: number;
  [k: string]: unknown;
}
export interface HookGroup {
  matcher?: string;
  hooks: HookHandler[];
  [k: string]: unknown;
}
export type HooksBlock = Record<string, HookGroup[]>;

/**
 * How csm's own handlers are recognised: their command runs one of csm's hook bundles (post-tool-use-failure: a name
 * csm registered before).
 */
const BUNDLE_NAMES = [...HOOK_BUNDLES.map((b) => b.name), 'post-tool-use-failure'].join('|');
const CSM_BUNDLE = new RegExp(
  String.raw`claude-session-manager[\\/]+dist[\\/]+hooks[\\/]|[\\/]dist[\\/]hooks[\\/](${BUNDLE_NAMES})\.mjs`,
);
export const isCsmHandler = (h: HookHandler): boolean => typeof h.command === 'string' && CSM_BUNDLE.test(h.command);

const asGroups = (v: unknown): HookGroup[] =>
  Array.isArray(v)
    ? (v.filter((g) => g && typeof g === 'object' && Array.isArray((g as HookGroup).hooks)) as HookGroup[])
    : [];

/**
 * csm's hooks as the template has them: its handlers that the template does not list under the
 * same event and matcher (an older csm's, e.g. Bash on the edit matcher) are taken out, so an
 * upgrade never leaves a hook running twice; the template's missing ones are added. Everything
 * that is not csm's is kept as it is.
 */
export function mergeHooks(
  settings: Record<string, unknown>,
  template: HooksBlock,
): { settings: Record<string, unknown>; added: number; removed: number } {
  const key = (event: string, g: HookGroup, h: HookHandler): string =>
    `${event}\0${g.matcher ?? ''}\0${h.command ?? ''}`;
  const current = new Set(
    Object.entries(template).flatMap(([event, groups]) => groups.flatMap((g) => g.hooks.map((h) => key(event, g, h)))),
  );
  const { settings: kept, removed } = removeCsmHooks(settings, (event, g, h) => current.has(key(event, g, h)));
  const hooks: Record<string, unknown> = { ...((kept.hooks as Record<string, unknown> | undefined) ?? {}) };
  let added = 0;
  for (const [event, groups] of Object.entries(template)) {
    const existing = asGroups(hooks[event]);
    const commands = new Set(existing.flatMap((g) => g.hooks.map((h) => h.command)));
    const toAdd = groups
      .map((g) => ({ ...g, hooks: g.hooks.filter((h) => !commands.has(h.command)) }))
      .filter((g) => g.hooks.length > 0);
    added += toAdd.reduce((n, g) => n + g.hooks.length, 0);
    if (toAdd.length) hooks[event] = [...(Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : []), ...toAdd];
  }
  return { settings: { ...kept, hooks }, added, removed };
}

/** Takes csm's handlers out (except those `keep` says to keep); other hooks stay as they are. */
export function removeCsmHooks(
  settings: Record<string, unknown>,
  keep: (event: string, group: HookGroup, handler: HookHandler) => boolean = () => false,
): { settings: Record<string, unknown>; removed: number } {
  const src = settings.hooks;
  if (!src || typeof src !== 'object') return { settings, removed: 0 };
  let removed = 0;
  const hooks: Record<string, unknown> = {};
  for (const [event, value] of Object.entries(src as Record<string, unknown>)) {
    if (!Array.isArray(value)) {
      hooks[event] = value;
      continue;
    }
    const kept: unknown[] = [];
    for (const g of value) {
      if (!g || typeof g !== 'object' || !Array.isArray((g as HookGroup).hooks)) {
        kept.push(g);
        continue;
      }
      const group = g as HookGroup;
      const rest = group.hooks.filter((h) => !isCsmHandler(h) || keep(event, group, h));
      removed += group.hooks.length - rest.length;
      if (rest.length) kept.push({ ...group, hooks: rest });
    }
    if (kept.length) hooks[event] = kept;
  }
  const out: Record<string, unknown> = { ...settings, hooks };
  if (Object.keys(hooks).length === 0) delete out.hooks;
  return { settings: out, removed };
}

export const countCsmHooks = (settings: Record<string, unknown>): number =>
  Object.values((settings.hooks as Record<string, unknown>) ?? {})
    .flatMap((v) => asGroups(v).flatMap((g) => g.hooks))
    .filter(isCsmHandler).length;
