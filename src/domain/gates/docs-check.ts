import type { CheckOutcome } from './gate-def.ts';
import { matchCovers, matchGlob } from './match-glob.ts';

const DOC_GLOBS = ['**/*.{md,mdx,rst,adoc,txt}', 'docs/**', 'doc/**', '**/CHANGELOG*', '**/CHANGES*', '**/HISTORY*'];
const SOURCE_EXT = `{${[
  'ts,tsx,mts,cts,js,jsx,mjs,cjs,vue,svelte,py,rs,go,java,kt,kts,scala,rb,php,cs,fs',
  'c,h,cc,cpp,hpp,m,mm,swift,ex,exs,erl,clj,dart,lua,sh,sql,zig',
].join(',')}}`;
/** Source files, tests excluded (a test change needs no doc). */
const SOURCE = [
  `**/*.${SOURCE_EXT}`,
  '!**/*.{test,spec}.*',
  '!**/{test,tests,__tests__,spec,fixtures}/**',
  '!**/test_*.py',
  '!**/*_test.{py,go}',
];

export const isDoc = (path: string): boolean => DOC_GLOBS.some((g) => matchGlob(g, path));
export const isSource = (path: string): boolean => !isDoc(path) && matchCovers(SOURCE, path);

/** Documentation updated: changed source with no doc, docs/ or CHANGELOG change fails (advisory by default). */
export function docsCheck(changedPaths: readonly string[]): CheckOutcome {
  const source = changedPaths.filter(isSource);
  if (source.length === 0) return { status: 'pass', output: 'no source changes' };
  if (changedPaths.some(isDoc)) return { status: 'pass', output: 'docs updated with the source' };
  const list = source.slice(0, 5).join(', ') + (source.length > 5 ? `, … (${source.length})` : '');
  return {
    status: 'fail',
    output: `source changed without a doc or CHANGELOG change: ${list}\nupdate README/docs or add a CHANGELOG entry`,
  };
}
