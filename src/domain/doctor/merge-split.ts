import { formatSessionId } from '../../kernel/ids.ts';
import { splitLines } from './conflict-markers.ts';
import { scanLedger } from './ledger-scan.ts';
import { exactSides, LEDGER_KIND, type MergeSides, sessionHeadings } from './merged-session.ts';

/**
 * Taking a merged session apart: the ledger and each Markdown file split into the two sessions
 * they hold, the second renumbered to the next free number. Text in, text out.
 */

export interface LedgerSplit {
  /** One ledger text per session: the first keeps the number, the others are renumbered. */
  parts: string[];
  how: 'conflict markers' | 'git merge' | 'session.started';
}

/** Splits a merged ledger: exact sides when known, otherwise at every `session.started` after the first. */
export function splitLedger(text: string, sides: MergeSides | null): LedgerSplit {
  const exact = exactSides(text, sides);
  if (exact && exact.first !== null && exact.second !== null) {
    const one = (t: string): boolean => scanLedger(t).sessionStarts.length === 1;
    if (one(exact.first) && one(exact.second)) return { parts: [exact.first, exact.second], how: exact.how };
  }
  const lines = splitLines(text);
  const starts = scanLedger(text).sessionStarts.map((n) => n - 1);
  const cuts = [0, ...starts.slice(1), lines.length];
  const parts: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) parts.push(lines.slice(cuts[i], cuts[i + 1]).join(''));
  return { parts, how: 'session.started' };
}

/** Rewrites "Session NNN" in the heading lines of a document moved to another number. */
export function renumberHeadings(text: string, from: string, to: string): string {
  const n = Number(from);
  return splitLines(text)
    .map((line) =>
      /^#{1,6}[ \t]/.test(line)
        ? line.replace(/\bSession([ \t]+)0*([0-9]+)\b/g, (all, sp: string, num: string) =>
            Number(num) === n ? `Session${sp}${to}` : all,
          )
        : line,
    )
    .join('');
}

/** Appends one event line, cutting a torn tail first (as the store's append does). */
export function appendLine(ledger: string, line: string): string {
  const whole = ledger === '' || ledger.endsWith('\n') ? ledger : ledger.slice(0, ledger.lastIndexOf('\n') + 1);
  return `${whole}${line}\n`;
}

export const renumberedLine = (from: string, to: string, t: string): string =>
  JSON.stringify({ v: 1, t, type: 'session.renumbered', from, to });

const mixedNote = (ids: readonly string[], session: string): string =>
  `> csm doctor: branches that both used session number ${session} were merged into this file line by line, ` +
  `and the two documents could not be told apart. It may hold lines of session ${ids.join(' and ')}: keep ` +
  `what belongs here.\n`;

function withNote(text: string, note: string): string {
  const lines = splitLines(text);
  const at = lines.findIndex((l) => /^#[ \t]/.test(l));
  if (at < 0) return `${note}\n${text}`;
  const head = lines.slice(0, at + 1).join('');
  return `${head}${head.endsWith('\n') ? '' : '\n'}\n${note}${lines.slice(at + 1).join('')}`;
}

export interface MarkdownSplit {
  /** One entry per session (null: the file does not belong to that session). */
  parts: (string | null)[];
  how: 'conflict markers' | 'git merge' | 'headings' | 'copied';
}

/** Splits one merged markdown document into `count` documents (before renumbering). */
export function splitMarkdown(
  text: string,
  session: string,
  count: number,
  sides: MergeSides | null,
  ids: readonly string[],
): MarkdownSplit {
  const exact = count === 2 ? exactSides(text, sides) : null;
  if (exact) return { parts: [exact.first, exact.second], how: exact.how };
  const heads = sessionHeadings(text, session);
  if (heads.length === count) {
    const lines = splitLines(text);
    const cuts = [0, ...heads.slice(1), lines.length];
    const parts: string[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) parts.push(lines.slice(cuts[i], cuts[i + 1]).join(''));
    return { parts, how: 'headings' };
  }
  // Interleaved beyond telling apart (git shares the lines both documents have): nothing is dropped,
  // every session gets the whole text with a note saying so.
  const noted = withNote(text, mixedNote(ids, session));
  return { parts: Array.from({ length: count }, () => noted), how: 'copied' };
}

export interface SessionFile {
  kind: string;
  text: string;
  sides: MergeSides | null;
}

/** Lines that are whole events (conflict markers, bad and torn lines left out). */
export function eventLines(text: string): number {
  const s = scanLedger(text);
  return s.lineCount - s.badLines.length - (s.torn ? 1 : 0);
}

export interface RenumberPlan {
  /** ids[0] is the session that keeps the number; the others are new. */
  ids: string[];
  /**
   * Files to write (content) or remove (null), per session and kind. tasks.json is rebuilt from the ledgers afterwards.
   */
  writes: { session: string; kind: string; content: string | null }[];
  how: { kind: string; how: string }[];
  /** Event lines in the merged ledger, and in the split ones (without the added session.renumbered events). */
  eventsBefore: number;
  eventsAfter: number;
}

/**
 * Splits a session that two branches both created into the session that keeps the number and
 * one (or more) renumbered from `firstFree` on. Nothing is dropped: every line of the merged
 * files ends up in one of the new files.
 */
export function planRenumber(
  session: string,
  files: readonly SessionFile[],
  firstFree: number,
  t: string,
): RenumberPlan {
  const ledger = files.find((f) => f.kind === LEDGER_KIND);
  const split = splitLedger(ledger?.text ?? '', ledger?.sides ?? null);
  const ids = [formatSessionId(Number(session)), ...split.parts.slice(1).map((_, i) => formatSessionId(firstFree + i))];
  const writes: RenumberPlan['writes'] = [];
  const how: RenumberPlan['how'] = [{ kind: LEDGER_KIND, how: split.how }];
  split.parts.forEach((part, i) => {
    const id = ids[i] as string;
    writes.push({
      session: id,
      kind: LEDGER_KIND,
      content: i === 0 ? part : appendLine(part, renumberedLine(ids[0] as string, id, t)),
    });
  });
  for (const f of files) {
    if (f.kind === LEDGER_KIND || !f.kind.endsWith('.md')) continue;
    const md = splitMarkdown(f.text, session, ids.length, f.sides, ids);
    how.push({ kind: f.kind, how: md.how });
    md.parts.forEach((part, i) => {
      const id = ids[i] as string;
      if (i === 0) writes.push({ session: id, kind: f.kind, content: part });
      else if (part !== null) writes.push({ session: id, kind: f.kind, content: renumberHeadings(part, session, id) });
    });
  }
  return {
    ids,
    writes,
    how,
    eventsBefore: eventLines(ledger?.text ?? ''),
    eventsAfter: split.parts.reduce((n, p) => n + eventLines(p), 0),
  };
}
