import { describe, expect, it } from 'vitest';
import {
  addEntry,
  joinMemory,
  newestEntries,
  notYetWritten,
  splitMemory,
  withArchived,
} from '../../src/domain/memory/memory-entries.ts';
import { tidyMarkdown } from '../../src/domain/text/tidy-markdown.ts';
import { ENTRIES_MARKER, memoryFileContent } from '../../src/templates/memory.ts';

describe('memory entries', () => {
  it('appends dated entries and caps the file, archiving the oldest', () => {
    let file = memoryFileContent('decisions');
    const archived: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = addEntry(file, { heading: `2026-11-2${i} · session 00${i}`, text: `decision ${i}` }, 3);
      file = r.file;
      archived.push(...r.archived.map((e) => e.text));
    }
    expect(splitMemory(file).entries.map((e) => e.text)).toEqual(['decision 3', 'decision 4', 'decision 5']);
    expect(archived).toEqual(['decision 1', 'decision 2']);
    expect(newestEntries(file, 2).map((e) => e.text)).toEqual(['decision 5', 'decision 4']);
    expect(file.startsWith('# Decisions')).toBe(true);
  });
  it('reads a file a person edited without the marker', () => {
    expect(splitMemory('# My notes\n\nfree text').entries).toEqual([]);
  });
  it('a completion run again writes only what its session has not written yet, here or in the archive', () => {
    const texts = ['Decision: keep *one* lock', 'Decision:   spaces  collapse', 'Decision: new'];
    const written = tidyMarkdown(
      joinMemory(memoryFileContent('decisions'), [
        { heading: '2026-11-25 10:00 · session 007', text: texts[0] as string },
      ]),
    );
    const archive = tidyMarkdown(
      joinMemory(`# decisions (archive)\n\n${ENTRIES_MARKER}`, [
        { heading: '2026-11-25 10:00 · session 007', text: texts[1] as string },
      ]),
    );
    expect(notYetWritten([written, archive], '007', texts)).toEqual(['Decision: new']);
    expect(notYetWritten([written, archive], '008', texts), 'another session wrote them').toEqual(texts);
  });
  it('archiving keeps one copy of an entry an interrupted write left in the archive', () => {
    const e = (n: number) => ({ heading: `2026-11-2${n} · session 00${n}`, text: `decision ${n}` });
    expect(withArchived([e(1), e(2)], [e(2), e(3), e(3)])).toEqual([e(1), e(2), e(3)]);
  });
});
