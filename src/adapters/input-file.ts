import fs from 'node:fs';
import { CsmError } from '../errors.ts';

/** The text of a file the user names on the command line, or of stdin for `-`. */
export function readInputText(source: string, what: string): string {
  try {
    return fs.readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (e) {
    throw new CsmError('INVALID_INPUT', `could not read ${what} from ${source === '-' ? 'stdin' : source} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
