import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Set in the environment of the process `startAfterStop` starts: the Stop bundle then runs the background job. */
const AFTER_STOP_ENV = 'CSM_AFTER_STOP';

/**
 * Whether this process is the background run `startAfterStop` started; the mark is taken off (the
 * checks it runs do not see it).
 */
export function takeAfterStopMark(): boolean {
  const marked = process.env[AFTER_STOP_ENV] === '1';
  delete process.env[AFTER_STOP_ENV];
  return marked && process.env.CSM_DISABLE !== '1' && process.env.CSM_DISABLE !== 'true';
}

/**
 * Starts this same hook bundle again, detached, in `root`, with nothing of its stdio: Claude Code
 * waits for the Stop hook and its pipes only, not for it. Never throws (a failed start is logged).
 */
export function startAfterStop(root: string, log: (what: string, e: unknown) => void): void {
  try {
    const script = process.argv[1];
    if (!script) return;
    const child = spawn(process.execPath, [script], {
      cwd: root,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, [AFTER_STOP_ENV]: '1' },
    });
    child.on('error', (e) => log('could not start the advisory checks after Stop', e));
    child.unref();
  } catch (e) {
    log('could not start the advisory checks after Stop', e);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One background run per repository at a time: a file holding the runner's pid, created only
 * when absent (or left by a process that is gone). Returns the release, or null when another
 * live run holds it.
 */
export function claimBackgroundRun(file: string): (() => void) | null {
  const localDir = path.dirname(file);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(localDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) return null;
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}
