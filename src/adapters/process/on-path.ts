import fs from 'node:fs';
import path from 'node:path';

const isFile = (p: string): boolean => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Whether a command's program can start here: a path relative to the project, a binary in the
 * project's node_modules/.bin, or one on PATH (with Windows' extensions).
 */
export function canRun(root: string, program: string): boolean {
  if (program.includes('/') || program.includes('\\')) return isFile(path.resolve(root, program));
  const exts =
    process.platform === 'win32'
      ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase())]
      : [''];
  const dirs = [
    path.join(root, 'node_modules', '.bin'),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  return dirs.some((d) => exts.some((e) => isFile(path.join(d, program + e))));
}
