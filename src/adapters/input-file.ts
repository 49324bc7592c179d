import fs from 'node:fs';
import { CsmError } from '../errors.ts';
import { msg } from '../messages/index.ts';

/** The text of a file the user names on the command line, or of stdin for `-`. */
export function readInputText(source: string, what: string): string {
  try {
    return fs.readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new CsmError('INVALID_INPUT', ...msg.tools.inputUnreadable(what, source, why, process.cwd()));
  }
}
