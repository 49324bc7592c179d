import path from 'node:path';
import { readTextIfExists } from './atomic-file.ts';
import type { StorePaths } from './paths.ts';
import { appendStoreLine, makeStoreDirs, markdownNames, writeStoreFile, writeStoreFileLocked } from './store-files.ts';

/**
 * The project's own files under `.claude/` that outlive a session — memory, the metrics history,
 * the agents and workflows a plan names — bound to one store, so use cases name what they read
 * and write, never where it lives. Paths appear only to be shown to a person.
 */
export interface ProjectFiles {
  memory: {
    /** `.claude/memory/`, to show. */
    dir: string;
    file(kind: string): string;
    read(kind: string): string | null;
    readArchive(kind: string): string | null;
    /** Writes memory/<kind>.md. Call holding the store lock. */
    write(kind: string, text: string): void;
    /** Writes memory/archive/<kind>.md. Call holding the store lock. */
    writeArchive(kind: string, text: string): void;
  };
  history: {
    file: string;
    read(): string | null;
    /** Appends one JSON line. Call holding the store lock. */
    append(line: string): void;
  };
  /** The subagents in .claude/agents/ and the workflows in .claude/workflows/ (names without .md). */
  agentNames(): string[];
  workflowNames(): string[];
  readWorkflow(name: string): string | null;
  /** Writes a file the user opens (an HTML report), under the lock. */
  writeLocked(file: string, text: string): Promise<void>;
}

export function projectFiles(paths: StorePaths): ProjectFiles {
  const memoryFile = (kind: string): string => path.join(paths.memory, `${kind}.md`);
  const archiveFile = (kind: string): string => path.join(paths.memory, 'archive', `${kind}.md`);
  return {
    memory: {
      dir: paths.memory,
      file: memoryFile,
      read: (kind) => readTextIfExists(memoryFile(kind)),
      readArchive: (kind) => readTextIfExists(archiveFile(kind)),
      write: (kind, text) => writeStoreFile(paths, memoryFile(kind), text),
      writeArchive: (kind, text) => {
        makeStoreDirs(paths, [path.dirname(archiveFile(kind))]);
        writeStoreFile(paths, archiveFile(kind), text);
      },
    },
    history: {
      file: paths.metricsHistory,
      read: () => readTextIfExists(paths.metricsHistory),
      append: (line) => appendStoreLine(paths, paths.metricsHistory, line),
    },
    agentNames: () => markdownNames(paths.agents),
    workflowNames: () => markdownNames(paths.workflows),
    readWorkflow: (name) => readTextIfExists(path.join(paths.workflows, `${name}.md`)),
    writeLocked: (file, text) => writeStoreFileLocked(paths, file, text),
  };
}
