import path from 'node:path';
import { readTextQuietly } from '../store/atomic-file.ts';

/** The files that change how a project's scripts and targets run: package managers' settings, Makefiles, task runners. */
const RUN_FILES = [
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  'pnpm-workspace.yaml',
  'bunfig.toml',
  'GNUmakefile',
  'makefile',
  'Makefile',
  'turbo.json',
  'nx.json',
  'pytest.ini',
  'tox.ini',
  '.cargo/config.toml',
];

/** Those files as they are now (null: absent, unreadable, not a regular file). */
export function readRunFiles(root: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of RUN_FILES) out[name] = readTextQuietly(path.join(root, name));
  return out;
}
