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
  /** A payload Claude Code sends it in the repository `dir` (after an edit of `file`), for `csm profile` and the bench. */
  sample(dir: string, file: string): Record<string, unknown>;
}

const base = (dir: string, event: string): Record<string, unknown> => ({ session_id: 'csm-sample', transcript_path: `${dir}/.transcript.jsonl`, cwd: dir, hook_event_name: event });

export const HOOK_BUNDLES: readonly HookBundle[] = [
  {
    name: 'session-start',
    events: [{ event: 'SessionStart' }],
    timeout: 15,
    budgetMs: 12_000,
    sample: (dir) => ({ ...base(dir, 'SessionStart'), source: 'startup' }),
  },
  {
    name: 'post-tool-use',
    events: [
      { event: 'PostToolUse', matcher: 'Write|Edit|NotebookEdit|Bash' },
      { event: 'PostToolUseFailure', matcher: 'Bash' },
    ],
    timeout: 10,
    budgetMs: 8_000,
    sample: (dir, file) => ({
      ...base(dir, 'PostToolUse'),
      tool_name: 'Edit',
      tool_use_id: 'toolu_sample',
      tool_input: { file_path: file, old_string: '1', new_string: '2', replace_all: false },
      tool_response: { filePath: file, structuredPatch: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-export const x = 1;', '+export const x = 2;'] }] },
    }),
  },
  {
    name: 'user-prompt-submit',
    events: [{ event: 'UserPromptSubmit' }],
    timeout: 10,
    budgetMs: 6_000,
    sample: (dir) => ({ ...base(dir, 'UserPromptSubmit'), prompt: 'Go on with the next task.' }),
  },
  {
    name: 'pre-compact',
    events: [{ event: 'PreCompact' }],
    timeout: 10,
    budgetMs: 8_000,
    sample: (dir) => ({ ...base(dir, 'PreCompact'), trigger: 'auto', custom_instructions: '' }),
  },
  {
    name: 'stop',
    events: [{ event: 'Stop' }],
    // hooks.json gives Stop 600 s; the hook keeps 30 s of it for itself
    timeout: 600,
    budgetMs: 570_000,
    sample: (dir) => ({ ...base(dir, 'Stop'), stop_hook_active: false, background_tasks: [], session_crons: [] }),
  },
];

/** The bundle registered under `name`; throws for a name that is not in the list (a build or test mistake). */
export function hookBundle(name: string): HookBundle {
  const b = HOOK_BUNDLES.find((h) => h.name === name);
  if (!b) throw new Error(`no hook bundle named ${name} in src/kernel/hook-events.ts`);
  return b;
}

/** The hooks block of hooks.json / settings.json, with each bundle run as `node "<dir>/<name>.mjs"`. */
export function hooksBlock(bundleDir: string): Record<string, { matcher?: string; hooks: { type: 'command'; command: string; timeout: number }[] }[]> {
  const out: ReturnType<typeof hooksBlock> = {};
  for (const b of HOOK_BUNDLES) {
    for (const r of b.events) {
      const handler = { type: 'command' as const, command: `node "${bundleDir}/${b.name}.mjs"`, timeout: b.timeout };
      (out[r.event] ??= []).push(r.matcher === undefined ? { hooks: [handler] } : { matcher: r.matcher, hooks: [handler] });
    }
  }
  return out;
}
