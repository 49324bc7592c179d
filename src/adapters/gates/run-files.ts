import path from 'node:path';
import { readTextQuietly } from '../store/atomic-file.ts';

/** The files that change how a project's scripts and targets run: package managers' settings, make, task runners. */
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

/** The files a Makefile includes (`include`, `-include`, `sinclude`), as written: no variable in the name. */
function makeIncludes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*-?s?include[ \t]+([^\n#]+)/gm)) {
    for (const name of (m[1] ?? '').trim().split(/\s+/)) if (name && !/[$*?[]/.test(name)) out.push(name);
  }
  return out.slice(0, 20);
}

/**
 * Those files as they are now (null: absent, unreadable, not a regular file), and the files the
 * Makefile includes under `include:<name>` — one that does not exist yet (`-include config.mk`)
 * is there as null, so that creating it later shows as a change.
 */
export function readRunFiles(root: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of RUN_FILES) out[name] = readTextQuietly(path.join(root, name));
  const make = ['GNUmakefile', 'makefile', 'Makefile'].map((n) => out[n]).find((t) => t != null);
  for (const name of make ? makeIncludes(make) : []) {
    const rel = path.relative(root, path.resolve(root, name));
    if (!rel.startsWith('..')) out[`include:${rel}`] = readTextQuietly(path.join(root, rel));
  }
  return out;
}
