import {
  addEntry,
  entryOf,
  joinMemory,
  type MemoryEntry,
  newestEntries,
  notYetWritten,
  splitMemory,
  withArchived,
} from '../../domain/memory/memory-entries.ts';
import { ENTRIES_MARKER, type MemoryKind, memoryFileContent } from '../../templates/memory.ts';
import { redact } from '../../domain/redact.ts';
import { tidyMarkdown } from '../../domain/text/tidy-markdown.ts';
import type { Project } from './open-store.ts';
import type { SessionStore } from './session-store.ts';

const archiveHeader = (kind: string): string =>
  `# ${kind} (archive)\n\nOlder entries moved out of memory/${kind}.md to keep the session context ` +
  `small.\n\n${ENTRIES_MARKER}\n`;

/**
 * Appends dated entries to .claude/memory/<kind>.md under the lock, keeping at most `max` entries
 * there; older ones move to memory/archive/<kind>.md (written first, so an interruption between
 * the two leaves an entry in both, never in neither; the next write settles it). With `once`,
 * entries session `session` already wrote (here or in the archive) are not written again.
 * Call with texts already redacted. Returns the file and how many entries were added.
 */
export async function addMemoryEntries(
  store: SessionStore,
  kind: MemoryKind,
  texts: string[],
  session: string | null,
  max: number,
  opts: { once?: boolean } = {},
): Promise<{ file: string; added: number }> {
  const file = store.files.memory.file(kind);
  const added = await store.locked(() => {
    let current = store.files.memory.read(kind) ?? memoryFileContent(kind);
    const archive = store.files.memory.readArchive(kind);
    const fresh = opts.once && session ? notYetWritten([current, archive ?? ''], session, texts) : texts;
    if (fresh.length === 0) return 0;
    const date = store.now().toISOString().slice(0, 16).replace('T', ' ');
    const archived: MemoryEntry[] = [];
    for (const text of fresh) {
      const r = addEntry(current, entryOf(date, session, text), max);
      current = r.file;
      archived.push(...r.archived);
    }
    if (archived.length) {
      const { preamble, entries } = splitMemory(archive ?? archiveHeader(kind));
      store.files.memory.writeArchive(kind, tidyMarkdown(joinMemory(preamble, withArchived(entries, archived))));
    }
    store.files.memory.write(kind, tidyMarkdown(current));
    return fresh.length;
  });
  return { file, added };
}

/** The newest `n` entries of a memory file (none when the file is missing). */
export const newestMemory = (store: SessionStore, kind: string, n: number): MemoryEntry[] =>
  newestEntries(store.files.memory.read(kind) ?? '', n);

/** `csm memory add`: one entry (redacted), also recorded in the active session's ledger. */
export async function addMemory(
  p: Project,
  kind: MemoryKind,
  text: string,
): Promise<{ file: string; text: string; session: string | null }> {
  const session = p.store.activeSessionId();
  const clean = redact(text);
  const { file } = await addMemoryEntries(p.store, kind, [clean], session, p.config.memory.maxEntries);
  if (session) await p.store.append(session, [{ type: 'memory.added', kind, text: clean }]);
  return { file, text: clean, session };
}
