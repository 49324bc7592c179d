import fs from 'node:fs';

/**
 * What the process was started with: environment, working directory, platform. The use cases ask here instead of
 * reading `process`.
 */

/** The directory Claude Code runs the project in (CLAUDE_PROJECT_DIR), when set. */
export const projectDirEnv = (): string | undefined => process.env.CLAUDE_PROJECT_DIR;

export const processCwd = (): string => process.cwd();

export const isWindows = (): boolean => process.platform === 'win32';

/** The environment as a plain record (doctor reads CLAUDE_CONFIG_DIR and CLAUDE_PLUGIN_ROOT from it). */
export const environment = (): Record<string, string | undefined> => process.env;

export const nodeVersion = (): string => process.version;

/** A path usable as a working directory: a plausible string (not 1 MB, no NUL) naming a directory. */
export function usableDir(dir: string | undefined): string | undefined {
  if (!dir || dir.length > 4096 || dir.includes('\0')) return undefined;
  try {
    return fs.statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}

export const processId = (): number => process.pid;

/** SHA-256 of a text, hex; node:crypto is loaded on the first call only (hooks rarely need it). */
export const sha256 = (text: string): string =>
  process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');

/** The machine's time zone (IANA name; TZ when set), for pages a person reads here. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Whether a process with this pid runs on this machine (one of another user's counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
