import { ENTRIES_MARKER } from '../../templates/memory.ts';
import { tidyMarkdown } from '../text/tidy-markdown.ts';

/** A dated memory entry: `## <date> · session NNN` then the text (`###` in files an earlier csm wrote). */
export interface MemoryEntry {
  heading: string;
  text: string;
}

/** The entry for `text` dated `date` (from session `session`, when there is one). */
export const entryOf = (date: string, session: string | null, text: string): MemoryEntry => ({
  heading: `${date}${session ? ` · session ${session}` : ''}`,
  text: text.trim(),
});

/** Splits a memory file into its preamble (up to the marker) and its entries, oldest first. */
export function splitMemory(markdown: string): { preamble: string; entries: MemoryEntry[] } {
  const at = markdown.indexOf(ENTRIES_MARKER);
  const preamble = at >= 0 ? markdown.slice(0, at + ENTRIES_MARKER.length) : markdown.replace(/\s+$/, '');
  const body = at >= 0 ? markdown.slice(at + ENTRIES_MARKER.length) : '';
  const entries: MemoryEntry[] = [];
  for (const chunk of body.split(/^#{2,3} /m).slice(1)) {
    const nl = chunk.indexOf('\n');
    const heading = (nl >= 0 ? chunk.slice(0, nl) : chunk).trim();
    const text = (nl >= 0 ? chunk.slice(nl + 1) : '').trim();
    entries.push({ heading, text });
  }
  return { preamble, entries };
}

export const joinMemory = (preamble: string, entries: readonly MemoryEntry[]): string =>
  `${preamble}\n${entries.map((e) => `\n## ${e.heading}\n\n${e.text}\n`).join('')}`;

/**
 * Adds an entry and keeps at most `max` entries in the file; older ones go to the archive
 * (returned so the caller appends them to memory/archive/<kind>.md).
 */
export function addEntry(markdown: string, entry: MemoryEntry, max: number): { file: string; archived: MemoryEntry[] } {
  const { preamble, entries } = splitMemory(markdown);
  entries.push(entry);
  const archived = entries.length > max ? entries.splice(0, entries.length - max) : [];
  return { file: joinMemory(preamble, entries), archived };
}

/** The newest `n` entries, newest first. */
export const newestEntries = (markdown: string, n: number): MemoryEntry[] =>
  splitMemory(markdown).entries.slice(-n).reverse();

/** An entry's text as it reads back from a file csm wrote (tidied, trimmed): what "already there" compares. */
const asWritten = (text: string): string =>
  splitMemory(tidyMarkdown(joinMemory(ENTRIES_MARKER, [{ heading: 'x', text }]))).entries[0]?.text ?? text.trim();

/**
 * The texts of `texts` that session `session` has not yet written to any of `files` (the memory
 * file and its archive): a completion run again after an interruption adds each entry once.
 */
export function notYetWritten(files: readonly string[], session: string, texts: readonly string[]): string[] {
  const mine = new Set(
    files.flatMap((f) =>
      splitMemory(f)
        .entries.filter((e) => e.heading.endsWith(` · session ${session}`))
        .map((e) => e.text),
    ),
  );
  return texts.filter((t) => !mine.has(asWritten(t)));
}

/** `archived` appended to an archive's entries, leaving out any it already holds (the same heading and text). */
export function withArchived(entries: readonly MemoryEntry[], archived: readonly MemoryEntry[]): MemoryEntry[] {
  const key = (e: MemoryEntry): string => `${e.heading}\n${e.text}`;
  const seen = new Set(entries.map(key));
  return [...entries, ...archived.filter((e) => !seen.has(key(e)) && seen.add(key(e)))];
}
