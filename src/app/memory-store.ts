import fs from 'node:fs';
import path from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../adapters/store/atomic-file.ts';
import { assertWritable } from '../adapters/store/paths.ts';
import type { SessionStore } from '../adapters/store/session-store.ts';
import { addEntry, joinMemory, renderEntry, splitMemory } from '../domain/memory/memory-entries.ts';
import { type MemoryKind, memoryFileContent } from '../templates/memory.ts';

/**
 * Appends dated entries to .claude/memory/<kind>.md under the lock, keeping at most `max` entries
 * there; older ones move to memory/archive/<kind>.md. Call with texts already redacted.
 */
export async function addMemoryEntries(store: SessionStore, kind: MemoryKind, texts: string[], session: string | null, max: number): Promise<string> {
  const file = path.join(store.paths.memory, `${kind}.md`);
  await store.locked(() => {
    assertWritable(store.paths, file);
    let current = readTextIfExists(file) ?? memoryFileContent(kind);
    const date = store.now().toISOString().slice(0, 16).replace('T', ' ');
    const archived: { heading: string; text: string }[] = [];
    for (const text of texts) {
      const [heading, ...rest] = renderEntry(date, session, text).slice(4).split('\n');
      const r = addEntry(current, { heading: heading ?? date, text: rest.join('\n').trim() }, max);
      current = r.file;
      archived.push(...r.archived);
    }
    if (archived.length) {
      const archiveFile = path.join(store.paths.memory, 'archive', `${kind}.md`);
      assertWritable(store.paths, archiveFile);
      const existing = readTextIfExists(archiveFile) ?? `# ${kind} (archive)\n\nOlder entries moved out of memory/${kind}.md to keep the session context small.\n\n<!-- csm: entries below -->\n`;
      const { preamble, entries } = splitMemory(existing);
      fs.mkdirSync(path.dirname(archiveFile), { recursive: true });
      writeFileAtomic(archiveFile, joinMemory(preamble, [...entries, ...archived]));
    }
    writeFileAtomic(file, current);
  });
  return file;
}
