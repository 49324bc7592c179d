import type { TestFilesConfig } from '../../contracts/project-facts.ts';

/** The folder common to files, with its trailing '/' ('' for none), as ava finds it. */
function commonFolder(files: readonly string[]): string {
  const [first, ...rest] = files.map((f) => f.split('/'));
  if (!first) return '';
  let n = first.length - 1;
  for (const parts of rest) while (n > 0 && parts.slice(0, n).join('/') !== first.slice(0, n).join('/')) n--;
  return n > 0 ? `${first.slice(0, n).join('/')}/` : '';
}

/** ava's prefix for a test file's titles: its path from the run's common folder, test words and extension dropped. */
function avaPrefix(file: string, base: string, exts: readonly string[]): string {
  const parts = (file.startsWith(base) ? file.slice(base.length) : file).split('/').filter((p) => p !== '__tests__');
  const name = (parts.pop() ?? '')
    .replace(/\.spec\./, '.')
    .replace(/\.test\./, '.')
    .replace(/test-/, '')
    .replace(new RegExp(`\\.(${exts.join('|')})$`), '');
  return [...parts, name].join(' › ');
}

/**
 * ava names a test `file › title` only when several files run, the file from their common folder:
 * a narrowed run names the same test otherwise than the whole run (the baseline) does.
 */
export function avaRenames(
  tests: readonly string[],
  all: readonly string[],
  config: TestFilesConfig,
): { from: string; to: string }[] {
  const exts = ['js', 'cjs', 'mjs', ...(typeof config.ava === 'object' && config.ava ? config.ava.extensions : [])];
  const [narrowBase, fullBase] = [commonFolder(tests), commonFolder(all)];
  const renames = tests.map((f) => ({
    from: tests.length > 1 ? avaPrefix(f, narrowBase, exts) : '',
    to: all.length > 1 ? avaPrefix(f, fullBase, exts) : '',
  }));
  return renames.every((r) => r.from === r.to) ? [] : renames;
}
