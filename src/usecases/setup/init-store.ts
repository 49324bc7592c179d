import path from 'node:path';
import { readTextQuietly } from '../../adapters/store/atomic-file.ts';
import { assertWritable, type StorePaths } from '../../adapters/store/paths.ts';
import { makeStoreDirs, writeStoreFile } from '../../adapters/store/store-files.ts';
import { fileExists } from '../../adapters/store/file-stat.ts';
import { formatJson } from '../../kernel/format-json.ts';
import { tidyMarkdown } from '../../domain/text/tidy-markdown.ts';
import { AGENTS, renderAgent } from '../../templates/agents.ts';
import { GITATTRIBUTES, GITIGNORE } from '../../templates/git-files.ts';
import { MEMORY_KINDS, memoryFileContent } from '../../templates/memory.ts';
import { WORKFLOWS } from '../../templates/workflows.ts';

/**
 * For a project that formats and lints with biome: `.claude/biome.json`, a nested biome config
 * (biome honours one per folder) that leaves csm's own files to csm. biome's defaults (tabs, its
 * Markdown rules) differ from prettier's, which csm's files follow; the project's own config is
 * never touched.
 */
export const BIOME_NESTED = formatJson({
  root: false,
  formatter: { enabled: false },
  linter: { enabled: false },
  assist: { enabled: false },
});

/**
 * For a project that lints its Markdown with remark (remark-lint, often with `--frail` and
 * `--output`): `.claude/.remarkignore`, which remark honours per folder, so its rules and its
 * rewriting stay on the project's own Markdown. csm's files are not written in any one project's
 * remark style, and an agent file's frontmatter must reach Claude Code as it is.
 */
export const REMARK_IGNORE =
  "# csm writes the files in this folder; remark leaves them alone (the project's remark config is not changed)\n*\n";

const REMARK_CONFIGS = [
  '.remarkrc',
  '.remarkrc.json',
  '.remarkrc.js',
  '.remarkrc.cjs',
  '.remarkrc.mjs',
  '.remarkrc.yml',
  '.remarkrc.yaml',
  '.remarkignore',
];

function usesRemark(paths: StorePaths): boolean {
  if (
    REMARK_CONFIGS.some((f) => fileExists(path.join(paths.root, f))) ||
    fileExists(path.join(paths.claude, '.remarkignore'))
  )
    return true;
  return /"remarkConfig"\s*:/.test(readTextQuietly(path.join(paths.root, 'package.json')) ?? '');
}

const usesBiome = (paths: StorePaths): boolean =>
  ['biome.json', 'biome.jsonc'].some((f) => fileExists(path.join(paths.root, f))) ||
  fileExists(path.join(paths.claude, 'biome.json'));

/** Every default file `csm init` owns, relative to the repo root, with its content. */
export function defaultFiles(paths: StorePaths): { file: string; content: string }[] {
  const files: { file: string; content: string }[] = [];
  if (usesBiome(paths)) files.push({ file: path.join(paths.claude, 'biome.json'), content: BIOME_NESTED });
  if (usesRemark(paths)) files.push({ file: path.join(paths.claude, '.remarkignore'), content: REMARK_IGNORE });
  for (const kind of MEMORY_KINDS)
    files.push({ file: path.join(paths.memory, `${kind}.md`), content: tidyMarkdown(memoryFileContent(kind)) });
  for (const [name, content] of Object.entries(WORKFLOWS))
    files.push({ file: path.join(paths.workflows, `${name}.md`), content: tidyMarkdown(content) });
  for (const a of AGENTS)
    files.push({ file: path.join(paths.agents, `${a.name}.md`), content: tidyMarkdown(renderAgent(a)) });
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
  makeStoreDirs(paths, [paths.sessions, paths.memory, paths.workflows, paths.agents, paths.local]);
  for (const { file, content } of defaultFiles(paths)) {
    const rel = path.relative(paths.root, file);
    assertWritable(paths, file);
    const existing = readTextQuietly(file);
    if (existing === null) {
      writeStoreFile(paths, file, content);
      report.created.push(rel);
    } else if (existing === content) report.unchanged.push(rel);
    else if (file.endsWith('.gitignore') && !/^\.csm\/?\s*$/m.test(existing)) {
      // the user has their own .claude/.gitignore: add our one line, keep theirs
      writeStoreFile(paths, file, `${existing.replace(/\n?$/, '\n')}${GITIGNORE}`);
      report.kept.push(`${rel} (added .csm/)`);
    } else report.kept.push(rel);
  }
  return report;
}
