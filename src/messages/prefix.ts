/** The prefix of every sentence csm says to a person, so each has it once and the same. Imports nothing. */
export const P = 'csm: ';

/** Prefixes a sentence once (a sentence that already has the prefix keeps it). */
export const csmSays = (text: string): string => (text.startsWith(P) ? text : `${P}${text}`);
