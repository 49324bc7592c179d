import type { HookName } from '../../kernel/hook-events.ts';

/** A payload as Claude Code sends it to each hook, for `csm profile` and the bench. */

const base = (dir: string, event: string): Record<string, unknown> => ({
  session_id: 'csm-sample',
  transcript_path: `${dir}/.transcript.jsonl`,
  cwd: dir,
  hook_event_name: event,
});

const SAMPLES: Record<HookName, (dir: string, file: string) => Record<string, unknown>> = {
  'session-start': (dir) => ({ ...base(dir, 'SessionStart'), source: 'startup' }),
  'post-tool-use': (dir, file) => ({
    ...base(dir, 'PostToolUse'),
    tool_name: 'Edit',
    tool_use_id: 'toolu_sample',
    tool_input: { file_path: file, old_string: '1', new_string: '2', replace_all: false },
    tool_response: {
      filePath: file,
      structuredPatch: [
        {
          oldStart: 1,
          oldLines: 1,
          newStart: 1,
          newLines: 1,
          lines: ['-export const x = 1;', '+export const x = 2;'],
        },
      ],
    },
  }),
  'user-prompt-submit': (dir) => ({ ...base(dir, 'UserPromptSubmit'), prompt: 'Go on with the next task.' }),
  'pre-compact': (dir) => ({ ...base(dir, 'PreCompact'), trigger: 'auto', custom_instructions: '' }),
  stop: (dir) => ({ ...base(dir, 'Stop'), stop_hook_active: false, background_tasks: [], session_crons: [] }),
};

/** The payload Claude Code sends hook `name` in the repository `dir` (after an edit of `file`). */
export const hookSample = (name: HookName, dir: string, file: string): Record<string, unknown> =>
  SAMPLES[name](dir, file);
