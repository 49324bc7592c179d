import path from 'node:path';
import { runHookBundle, writeProjectFile as write } from '../../adapters/tools/scratch.ts';
import { processId } from '../../adapters/host.ts';
import type { DemoIo } from './demo-io.ts';

/** Claude Code's side of `csm demo`: the payloads the real client sends to each hook, and how the demo prints them. */

/** A structuredPatch like Claude Code's: one hunk with every old line removed and every new line added. */
function patchOf(original: string | null, content: string): unknown[] {
  if (original === null) return [];
  const old = original.replace(/\n$/, '').split('\n');
  const neu = content.replace(/\n$/, '').split('\n');
  return [
    {
      oldStart: 1,
      oldLines: old.length,
      newStart: 1,
      newLines: neu.length,
      lines: [...old.map((l) => `-${l}`), ...neu.map((l) => `+${l}`)],
    },
  ];
}

/**
 * Claude Code's side of the demo: each edit written and sent to PostToolUse, and Stop payloads, as the real client
 * sends them.
 */
export interface ClaudeCode {
  /** Writes a file as Claude's Write/Edit does and sends PostToolUse. */
  edit(rel: string, content: string): void;
  /** Sends Stop; its answer. */
  stop(active: boolean): Record<string, unknown> | null;
  /** Sends SessionStart (startup); its answer and how long it took. */
  start(): { stdout: Record<string, unknown> | null; ms: number };
}

export function claudeCode(root: string, io: DemoIo): ClaudeCode {
  const base = { session_id: `demo-${processId()}`, transcript_path: path.join(root, '.transcript.jsonl'), cwd: root };
  let toolNo = 0;
  return {
    edit(rel, content) {
      const { type, original } = write(root, rel, content);
      const abs = path.join(root, rel);
      const payload =
        type === 'create'
          ? {
              tool_name: 'Write',
              tool_input: { file_path: abs, content },
              tool_response: {
                type: 'create',
                filePath: abs,
                content,
                structuredPatch: [],
                originalFile: null,
                userModified: false,
              },
            }
          : {
              tool_name: 'Edit',
              tool_input: { file_path: abs, old_string: original, new_string: content, replace_all: false },
              tool_response: {
                filePath: abs,
                oldString: original,
                newString: content,
                originalFile: original,
                structuredPatch: patchOf(original, content),
                userModified: false,
                replaceAll: false,
              },
            };
      const r = runHookBundle(
        'post-tool-use',
        { ...base, hook_event_name: 'PostToolUse', tool_use_id: `toolu_demo${++toolNo}`, ...payload },
        root,
      );
      io.say(`  [PostToolUse ${payload.tool_name} ${rel}] recorded (${r.ms} ms)`);
    },
    start: () => runHookBundle('session-start', { ...base, hook_event_name: 'SessionStart', source: 'startup' }, root),
    stop: (active) =>
      runHookBundle(
        'stop',
        {
          ...base,
          hook_event_name: 'Stop',
          stop_hook_active: active,
          last_assistant_message: 'Done.',
          background_tasks: [],
          session_crons: [],
        },
        root,
      ).stdout,
  };
}

/** What a Stop answer did, as the demo prints it: blocked or passed, with its message. */
export const stopVerdict = (r: { decision?: unknown; systemMessage?: unknown } | null): string =>
  `${r?.decision === 'block' ? 'blocked' : 'gates pass'}${r?.systemMessage ? ` — ${String(r.systemMessage)}` : ''}`;

/** The first `lines` lines of a text, each quoted with `  | ` as the demo prints what Claude is given. */
export const quoted = (text: string, lines: number): string =>
  text
    .split('\n')
    .slice(0, lines)
    .map((l) => `  | ${l}`)
    .join('\n');
