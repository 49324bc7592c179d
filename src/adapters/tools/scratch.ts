import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import url from 'node:url';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';

/** Scratch repositories and hook-bundle runs for `csm demo` and `csm profile` (never the user's project). */

export const makeTempDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export const removeDir = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });

/** A directory that does not exist yet, or exists and is empty. */
export const isNewOrEmptyDir = (dir: string): boolean => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

export const ensureDir = (dir: string): void => void fs.mkdirSync(dir, { recursive: true });

export const listDir = (dir: string): string[] => fs.readdirSync(dir).sort();

/** Writes a file of the scratch project; says whether it created it or replaced an older text. */
export function writeProjectFile(
  root: string,
  rel: string,
  content: string,
): { type: 'create' | 'update'; original: string | null } {
  const file = path.join(root, rel);
  const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return { type: original === null ? 'create' : 'update', original };
}

/** Runs git in the scratch repo with a fixed identity; a failure is a user error naming git. */
export function git(cwd: string, ...args: string[]): void {
  const r = spawnSync(
    'git',
    ['-c', 'user.name=csm demo', '-c', 'user.email=demo@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new CsmError('IO', ...msg.tools.demoGitFailed(args[0], r.stderr || r.error?.message));
}

/** dist/hooks/<name>.mjs next to the running CLI bundle (or the repository's dist/ when run from source). */
export function hookPath(name: string): string {
  const here = path.dirname(url.fileURLToPath(import.meta.url));
  for (const candidate of [
    path.join(here, 'hooks', `${name}.mjs`),
    path.join(here, '..', '..', '..', 'dist', 'hooks', `${name}.mjs`),
  ]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new CsmError('NOT_FOUND', ...msg.tools.hookBundleMissing(name));
}

/** Runs a hook bundle as Claude Code does: JSON on stdin, JSON (or nothing) on stdout. */
export function runHookBundle(
  name: string,
  payload: object,
  cwd: string,
): { stdout: Record<string, unknown> | null; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [hookPath(name)], {
    cwd,
    input: JSON.stringify(payload),
    encoding: 'utf8',
    env: { ...process.env, CSM_DISABLE: '' },
  });
  const text = (r.stdout ?? '').trim();
  return { stdout: text ? (JSON.parse(text) as Record<string, unknown>) : null, ms: Date.now() - t0 };
}

/** Wall time (ms) of `node <args>` with `input` on stdin, csm's switches cleared. */
export function timeNode(args: readonly string[], input: string, cwd: string): number {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, args, { cwd, input, env: { ...process.env, CSM_DISABLE: '', CSM_DEBUG: '' } });
  return Number(process.hrtime.bigint() - t) / 1e6;
}
