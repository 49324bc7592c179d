import path from 'node:path';
import { hookSample } from './hook-samples.ts';
import { git, hookPath, makeTempDir, removeDir, timeNode, writeProjectFile } from '../../adapters/tools/scratch.ts';
import { HOOK_BUNDLES } from '../../kernel/hook-events.ts';
import { sessionStartContext } from '../hooks/session-start-context.ts';
import type { Project } from '../session/open-store.ts';

export interface ProfileRow {
  hook: string;
  medianMs: number;
  baselineMs: number;
  ratio: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Runs each hook bundle on its sample payload in a scratch repo with an active session (so the
 * hooks do their real work) and compares its median wall time with `node -e 0` on this machine.
 * `setup(dir)` prepares the repo (the CLI's own init/start); runs alternate to share the noise.
 */
export async function profileHooks(
  setup: (dir: string) => Promise<void> | void,
  runs: number,
): Promise<{ rows: ProfileRow[]; dir: string }> {
  const dir = makeTempDir('csm-profile-');
  writeProjectFile(dir, 'src/profile.ts', 'export const x = 1;\n');
  await setup(dir);
  const file = path.join(dir, 'src', 'profile.ts');
  const rows: ProfileRow[] = [];
  for (const b of HOOK_BUNDLES) {
    const bundle = hookPath(b.name);
    const input = JSON.stringify(hookSample(b.name, dir, file));
    timeNode([bundle], input, dir); // warm the file cache
    const h: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      h.push(timeNode([bundle], input, dir));
      base.push(timeNode(['-e', '0'], '', dir));
    }
    const m = median(h);
    const bm = median(base);
    rows.push({ hook: b.name, medianMs: round1(m), baselineMs: round1(bm), ratio: Math.round((m / bm) * 100) / 100 });
  }
  return { rows, dir };
}

/**
 * `csm profile`: a scratch repo with a session and a task in progress, made by the CLI itself
 * (`csm(argv)`, output silenced by the caller), then every hook timed in it. The repo is removed.
 */
export async function profile(runs: number, csm: (argv: string[]) => Promise<number>): Promise<ProfileRow[]> {
  const { rows, dir } = await profileHooks(async (d) => {
    git(d, 'init', '-q');
    await csm(['start', 'profile the hooks', '--cwd', d]);
    await csm(['task', 'add', 'hot path', '--cwd', d]);
    await csm(['task', 'start', 'task-1', '--cwd', d]);
  }, runs);
  removeDir(dir);
  return rows;
}

export interface ContextSize {
  source: string;
  chars: number;
  /** A rough estimate: characters ÷ 4. */
  tokens: number;
}

/**
 * What SessionStart would put into Claude's context in this repository now, per source, without
 * recording anything (no Claude session is named). Null without an active session.
 */
export async function contextSizes(p: Project): Promise<{ session: string; sizes: ContextSize[] } | null> {
  const id = p.store.activeSessionId();
  if (!id) return null;
  const sizes: ContextSize[] = [];
  for (const source of ['startup', 'resume', 'compact']) {
    const { text } = await sessionStartContext(p.store, p.config, id, { source });
    sizes.push({ source, chars: text.length, tokens: Math.round(text.length / 4) });
  }
  return { session: id, sizes };
}
