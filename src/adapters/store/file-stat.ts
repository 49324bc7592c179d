import fs from 'node:fs';

/** `<size>:<mtimeMs>` of a file, or null when it is missing: a cheap key that changes whenever the file is written. */
export function statKey(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

export const fileExists = (file: string): boolean => fs.existsSync(file);
