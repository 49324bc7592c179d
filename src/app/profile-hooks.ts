import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hookPath } from './demo.ts';

export interface ProfileRow {
  hook: string;
  medianMs: number;
  baselineMs: number;
  ratio: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

function time(args: string[], input: string, cwd: string): number {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, args, { cwd, input, env: { ...process.env, CSM_DISABLE: '', CSM_DEBUG: '' } });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Runs each hook bundle on a sample payload in a scratch repo with an active session (so the
 * hooks do their real work) and compares its median wall time with `node -e 0` on this machine.
 * `setup(dir)` prepares the repo (the CLI's own init/start); runs alternate to share the noise.
 */
export function profileHooks(setup: (dir: string) => Promise<void> | void, runs: number): Promise<{ rows: ProfileRow[]; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-profile-'));
  return Promise.resolve(setup(dir)).then(() => {
    const file = path.join(dir, 'src', 'profile.ts');
    const base = { session_id: 'csm-profile', transcript_path: path.join(dir, '.t.jsonl'), cwd: dir };
    const payloads: Record<string, object> = {
      'session-start': { ...base, hook_event_name: 'SessionStart', source: 'startup' },
      'post-tool-use': {
        ...base,
        hook_event_name: 'PostToolUse',
        tool_name: 'Edit',
        tool_use_id: 'toolu_profile',
        tool_input: { file_path: file, old_string: '1', new_string: '2', replace_all: false },
        tool_response: { filePath: file, structuredPatch: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-export const x = 1;', '+export const x = 2;'] }] },
      },
      stop: { ...base, hook_event_name: 'Stop', stop_hook_active: false, background_tasks: [], session_crons: [] },
    };
    const rows: ProfileRow[] = [];
    for (const [hook, payload] of Object.entries(payloads)) {
      const bundle = hookPath(hook);
      const input = JSON.stringify(payload);
      time([bundle], input, dir); // warm the file cache
      const h: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < runs; i++) {
        h.push(time([bundle], input, dir));
        b.push(time(['-e', '0'], '', dir));
      }
      const m = median(h);
      const bm = median(b);
      rows.push({ hook, medianMs: Math.round(m * 10) / 10, baselineMs: Math.round(bm * 10) / 10, ratio: Math.round((m / bm) * 100) / 100 });
    }
    return { rows, dir };
  });
}
