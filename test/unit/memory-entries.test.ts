import { describe, expect, it } from 'vitest';
import { addEntry, newestEntries, splitMemory } from '../../src/domain/memory/memory-entries.ts';
import { memoryFileContent } from '../../src/templates/memory.ts';

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
});
