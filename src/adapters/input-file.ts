import fs from 'node:fs';
import { CsmError } from '../errors.ts';

const WHY: Record<string, string> = {
  ENOENT: 'there is no such file',
  EACCES: 'you may not read it (permissions)',
  EISDIR: 'it is a folder, not a file',
};

/** The text of a file the user names on the command line, or of stdin for `-`. */
export function readInputText(source: string, what: string): string {
  try {
    return fs.readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const from = source === '-' ? 'stdin' : source;
    const cwd = process.cwd();
    const why = WHY[code ?? ''] ?? code ?? String(e);
    throw new CsmError('INVALID_INPUT', `could not read ${what} from ${from}: ${why}`, {
      fix: source === '-' ? `pipe ${what} in: … | csm …` : `check the path (from ${cwd}), or give - for stdin`,
    });
  }
}
