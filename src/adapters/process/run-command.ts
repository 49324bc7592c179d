import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { RunResult } from '../../contracts/run-result.ts';
import { OutputBuffer } from './output-buffer.ts';

export interface RunOptions {
  cwd: string;
  /** Time limit in ms; the whole process group is killed when it passes. */
  timeoutMs: number;
  /** Added to the environment (CI=true is set unless the environment or this has it). */
  env?: Record<string, string>;
  /** Combined stdout+stderr kept, head and tail (bytes). */
  maxOutputBytes?: number;
  /** Between SIGTERM and SIGKILL on a time-out (ms). */
  killGraceMs?: number;
  /** Put the project's `node_modules/.bin` first on PATH (a script's steps run outside `npm run`). */
  localBins?: boolean;
}

export type { RunResult };

const POSIX = process.platform !== 'win32';

function start(command: string, opts: RunOptions): ChildProcess {
  // The project's checks run as its CI runs them: CI=true (test runners leave watch mode off) and
  // nothing else changed. No NO_COLOR/FORCE_COLOR: a project's own tests may read them, and the
  // output's colours are stripped when it is read.
  const env: NodeJS.ProcessEnv = { ...process.env, CI: process.env.CI ?? 'true', ...opts.env };
  if (opts.localBins) env.PATH = `${path.join(opts.cwd, 'node_modules', '.bin')}${path.delimiter}${env.PATH ?? ''}`;
  const common = {
    cwd: opts.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  };
  // detached on POSIX: the command leads its own process group, so a time-out kills its children too
  return POSIX
    ? spawn('sh', ['-c', WATCHED, 'csm-check', command], { ...common, detached: true })
    : spawn(command, { ...common, shell: true });
}

/**
 * The command, with a watchdog in its process group first: should this process be killed outright
 * (SIGKILL runs no handler), the watchdog ends the whole group within a second. The command runs in
 * a fresh shell (`exec`), so its own `wait` does not wait for the watchdog, and its exit status is
 * the command's. When the command ends, the group (watchdog included) is ended as before.
 */
const WATCHED = `(while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 0) </dev/null >/dev/null 2>&1 &
exec sh -c "$1"`;

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (POSIX && child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

/** The commands running now: their process groups end with this process. */
const live = new Set<ChildProcess>();
let guarded = false;

/**
 * When the process running the checks is told to stop (Claude Code ending a hook, Ctrl-C) or
 * exits, the checks' process groups go with it instead of running on under PID 1. The exit
 * status stays what the process set (a hook's 0), else 128 + the signal.
 */
function guardChildren(): void {
  if (guarded || !POSIX) return;
  guarded = true;
  const endAll = (): void => {
    for (const c of live) killTree(c, 'SIGKILL');
  };
  process.on('exit', endAll);
  for (const [signal, n] of [
    ['SIGTERM', 15],
    ['SIGINT', 2],
    ['SIGHUP', 1],
  ] as const) {
    process.on(signal, () => {
      endAll();
      process.exit(process.exitCode ?? 128 + n);
    });
  }
}

/** Runs `command` through the shell with a time limit. Never throws: failures are in the result. */
export function runCommand(command: string, opts: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const buf = new OutputBuffer(opts.maxOutputBytes);
  guardChildren();
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = start(command, opts);
      live.add(child);
    } catch (e) {
      resolve({
        exitCode: null,
        signal: null,
        timedOut: false,
        notFound: true,
        output: (e as Error).message,
        durationMs: 0,
      });
      return;
    }
    let timedOut = false;
    let done = false;
    let spawnError: NodeJS.ErrnoException | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child, 'SIGTERM');
      killTimer = setTimeout(() => killTree(child, 'SIGKILL'), opts.killGraceMs ?? 2000);
    }, opts.timeoutMs);
    const finish = (): void => {
      if (done) return;
      done = true;
      live.delete(child);
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      const code = exit?.code ?? null;
      const notFound = spawnError?.code === 'ENOENT' || code === 127;
      const output = buf.toString() + (spawnError ? `${spawnError.message}\n` : '');
      resolve({
        exitCode: code,
        signal: exit?.signal ?? null,
        timedOut,
        notFound,
        output,
        durationMs: Math.round(performance.now() - t0),
      });
    };
    child.stdout?.on('data', (c: Buffer) => buf.push(c));
    child.stderr?.on('data', (c: Buffer) => buf.push(c));
    child.on('error', (e) => {
      spawnError = e;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Leftover background processes of the command would hold the pipes open: end them,
      // then give the pipes a moment to drain.
      if (POSIX) killTree(child, 'SIGKILL');
      drainTimer = setTimeout(finish, 500);
    });
    child.on('close', finish);
  });
}

/** Runs tasks with at most `concurrency` at a time; results keep the tasks' order. */
export async function runParallel<T>(tasks: readonly (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
  return results;
}
