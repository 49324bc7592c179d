/**
 * Git conflict markers in a session file (a merge done without csm's `merge=union` attributes).
 * Both sides can be recovered exactly: the text outside the conflicts belongs to both.
 */
const START = /^<{7}(?: |$)/;
const BASE = /^\|{7}(?: |$)/;
const MID = /^={7}$/;
const END = /^>{7}(?: |$)/;

/** Lines with their `\n`, so joining them gives the text back byte for byte. */
export const splitLines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

const bare = (line: string): string => line.replace(/\r?\n$/, '');

export const hasConflictMarkers = (text: string): boolean => splitLines(text).some((l) => START.test(bare(l)));

export interface ConflictSides {
  ours: string;
  theirs: string;
  /** Both sides of every conflict, ours first (what `merge=union` would have written). */
  union: string;
  conflicts: number;
}

/** Splits a file with conflict markers into its two sides; null when there are none or they do not nest properly. */
export function resolveConflictMarkers(text: string): ConflictSides | null {
  let ours = '';
  let theirs = '';
  let union = '';
  let conflicts = 0;
  let state: 'common' | 'ours' | 'base' | 'theirs' = 'common';
  for (const line of splitLines(text)) {
    const l = bare(line);
    if (START.test(l)) {
      if (state !== 'common') return null;
      state = 'ours';
      conflicts++;
    } else if (BASE.test(l) && state === 'ours') state = 'base';
    else if (MID.test(l) && (state === 'ours' || state === 'base')) state = 'theirs';
    else if (END.test(l)) {
      if (state !== 'theirs') return null;
      state = 'common';
    } else if (state === 'common') {
      ours += line;
      theirs += line;
      union += line;
    } else if (state === 'ours') {
      ours += line;
      union += line;
    } else if (state === 'theirs') {
      theirs += line;
      union += line;
    }
    // lines of the merge base (diff3 style) belong to neither side
  }
  if (state !== 'common' || conflicts === 0) return null;
  return { ours, theirs, union, conflicts };
}
