import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../adapters/store/atomic-file.ts';
import { assertWritable, type StorePaths } from '../adapters/store/paths.ts';
import { AGENTS, renderAgent } from '../templates/agents.ts';
import { MEMORY_KINDS, memoryFileContent } from '../templates/memory.ts';
import { WORKFLOWS } from '../templates/workflows.ts';

export const GITIGNORE = `# csm: machine-local state (active session, locks, caches, debug log)\n.csm/\n`;
export const GITATTRIBUTES = `# csm: keep both sides' lines when branches merge (csm doctor --fix splits a session number used on both)\nsessions/* merge=union\nmemory/*.md merge=union\nmetrics-history.jsonl merge=union\n`;

/** Every default file `csm init` owns, relative to the repo root, with its content. */
export function defaultFiles(paths: StorePaths): { file: string; content: string }[] {
  const files: { file: string; content: string }[] = [];
  for (const kind of MEMORY_KINDS) files.push({ file: path.join(paths.memory, `${kind}.md`), content: memoryFileContent(kind) });
  for (const [name, content] of Object.entries(WORKFLOWS)) files.push({ file: path.join(paths.workflows, `${name}.md`), content });
  for (const a of AGENTS) files.push({ file: path.join(paths.agents, `${a.name}.md`), content: renderAgent(a) });
  files.push({ file: path.join(paths.claude, '.gitignore'), content: GITIGNORE });
  files.push({ file: path.join(paths.claude, '.gitattributes'), content: GITATTRIBUTES });
  return files;
}

export interface InitReport {
  created: string[];
  unchanged: string[];
  kept: string[];
}

/**
 * Creates the .claude/ tree. Never replaces a file that exists: one that differs from the default
 * is reported as kept (the user edited it). Call it holding the store lock.
 */
export function initStore(paths: StorePaths): InitReport {
  const report: InitReport = { created: [], unchanged: [], kept: [] };
  for (const dir of [paths.sessions, paths.memory, paths.workflows, paths.agents, paths.local]) {
    assertWritable(paths, path.join(dir, 'x'));
    fs.mkdirSync(dir, { recursive: true });
  }
  for (const { file, content } of defaultFiles(paths)) {
    const rel = path.relative(paths.root, file);
    assertWritable(paths, file);
    let existing: string | null = null;
    try {
      existing = fs.readFileSync(file, 'utf8');
    } catch {
      existing = null;
    }
    if (existing === null) {
      writeFileAtomic(file, content);
      report.created.push(rel);
    } else if (existing === content) report.unchanged.push(rel);
    else if (file.endsWith('.gitignore') && !/^\.csm\/?\s*$/m.test(existing)) {
      // the user has their own .claude/.gitignore: add our one line, keep theirs
      writeFileAtomic(file, `${existing.replace(/\n?$/, '\n')}${GITIGNORE}`);
      report.kept.push(`${rel} (added .csm/)`);
    } else report.kept.push(rel);
  }
  return report;
}
