/** Starting content of .claude/memory/*.md. Entries are appended below the marker line. */
export const MEMORY_KINDS = ['architecture', 'patterns', 'decisions', 'errors'] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

export const MEMORY_INTRO: Record<MemoryKind, string> = {
  architecture: 'How the system is put together: modules, boundaries, data flow. One dated entry per fact.',
  patterns: 'Code patterns this project follows, with where to find an example.',
  decisions:
    'Decisions and why they were made. Newest last. Recorded by `csm memory add decisions` and on `csm complete`.',
  errors:
    'Known problems: symptom, cause, fix and files. Gate failures fixed during a session are added on `csm complete`.',
};

export const ENTRIES_MARKER = '<!-- csm: entries below -->';

export const memoryFileContent = (kind: MemoryKind): string =>
  `# ${kind[0]!.toUpperCase()}${kind.slice(1)}\n\n${MEMORY_INTRO[kind]}\n\n${ENTRIES_MARKER}\n`;
