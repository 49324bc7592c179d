import type { JsSources } from '../../contracts/project-facts.ts';
import type { AffectedRun } from './gate-def.ts';
import { isInertChange } from './inert-change.ts';
import { shellSplit } from './shell-words.ts';
import { shellWord } from '../runners/text-tools.ts';

/**
 * node:test has no "related" mode of its own: Stop runs the test files that load a changed file,
 * directly or through other modules, read from the project's relative imports (`JsSources`).
 */

const EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx', '.json'];
/** TypeScript's `import './x.js'` names the .ts file it compiles from. */
const TS_TWIN: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** A POSIX path with `.` and `..` resolved; '' is the root; null when it climbs above it. */
function normal(p: string): string | null {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

const join = (dir: string, rel: string): string | null => normal(dir ? `${dir}/${rel}` : rel);
const dirOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');

/**
 * The file a relative specifier loads from `from`, as Node and TypeScript resolve it; null when it is not one of ours.
 */
export function resolveImport(src: JsSources, from: string, spec: string): string | null {
  const base = join(dirOf(from), spec);
  if (base === null) return null;
  const has = (f: string): boolean => Object.hasOwn(src.imports, f);
  for (const ext of EXTENSIONS) if (has(base + ext)) return base + ext;
  const dot = base.lastIndexOf('.');
  for (const twin of TS_TWIN[base.slice(dot)] ?? [])
    if (has(base.slice(0, dot) + twin)) return base.slice(0, dot) + twin;
  const main = src.mains[base];
  if (main !== undefined) {
    const m = join(base, main);
    if (m !== null) for (const ext of EXTENSIONS) if (has(m + ext)) return m + ext;
  }
  for (const ext of EXTENSIONS.slice(1))
    if (has(`${base ? `${base}/` : ''}index${ext}`)) return `${base ? `${base}/` : ''}index${ext}`;
  return null;
}

/** Test files `isTest` accepts that load any of `changed`; `unreached` lists the changed files no such test loads. */
export function testsLoading(
  src: JsSources,
  changed: readonly string[],
  isTest: (f: string) => boolean,
): { tests: string[]; unreached: string[] } {
  const loadedBy = new Map<string, string[]>();
  for (const [file, specs] of Object.entries(src.imports)) {
    for (const spec of specs) {
      const target = resolveImport(src, file, spec);
      if (target !== null && target !== file) loadedBy.set(target, [...(loadedBy.get(target) ?? []), file]);
    }
  }
  const tests = new Set<string>();
  const unreached: string[] = [];
  for (const start of changed) {
    const seen = new Set([start]);
    const queue = [start];
    let found = false;
    while (queue.length > 0) {
      const f = queue.shift() as string;
      if (isTest(f)) {
        tests.add(f);
        found = true;
      }
      for (const by of loadedBy.get(f) ?? []) {
        if (seen.has(by)) continue;
        seen.add(by);
        queue.push(by);
      }
    }
    if (!found) unreached.push(start);
  }
  return { tests: [...tests].sort(), unreached };
}

/** Node 20's default test files (`node --test` with no file named); node_modules never. */
const NODE_TEST_FILE =
  /(^|\/)test\/.*\.[cm]?js$|(^|\/)[^/]*[.\-_]test\.[cm]?js$|(^|\/)test-[^/]*\.[cm]?js$|(^|\/)test\.[cm]?js$/;
/** node's options that take the next word as their value. */
const VALUE_FLAG = new RegExp(
  `^(${[
    '--test-reporter|--test-reporter-destination|--test-name-pattern|--test-skip-pattern|--import|--require|-r',
    '--loader|--experimental-loader|--test-concurrency|--test-timeout|--test-shard|--env-file|--conditions|-C',
  ].join('|')})$`,
);
const CHANGED_SOURCE = /\.(m?[jt]sx?|c[jt]s)$/;

/**
 * `node --test` narrowed to the test files that load a changed file, among those it runs (its
 * file and folder arguments, else Node's default names). Null — everything runs — when it names
 * globs, when no JS/TS file changed, or when a changed file is loaded by none of its tests (a
 * file read at run time, a test outside the patterns: nothing here can say what it affects).
 */
export function nodeTestAffected(
  command: string,
  files: readonly string[],
  sources: () => JsSources | null,
): AffectedRun | null {
  const words = shellSplit(command);
  const at = words.findIndex((w) => /(^|\/)node$/.test(w));
  const args = words.slice(at + 1);
  if (at < 0 || !args.includes('--test')) return null;
  const flags: string[] = [];
  const named: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as string;
    if (!w.startsWith('-')) named.push(w);
    else if (!/^--watch/.test(w))
      flags.push(w, ...(VALUE_FLAG.test(w) && args[i + 1] !== undefined ? [args[++i] as string] : []));
  }
  if (named.some((n) => /[*?{}[\]'"$]/.test(n))) return null;
  const changed = files.filter((f) => CHANGED_SOURCE.test(f));
  if (changed.length === 0 || files.some((f) => !CHANGED_SOURCE.test(f) && !isInertChange(f))) return null;
  const src = sources();
  // a changed source it cannot see (deleted, too large, too many files) may be loaded by any test
  if (!src || changed.some((f) => !Object.hasOwn(src.imports, f))) return null;
  const roots = named.map((n) => normal(n)).filter((n): n is string => n !== null);
  // a named file runs as it is; in a named folder, as with none named, the files with a test's name
  const isTest = (f: string): boolean =>
    /\.[cm]?js$/.test(f) &&
    (roots.length === 0
      ? NODE_TEST_FILE.test(f)
      : roots.some((r) => f === r || ((r === '' || f.startsWith(`${r}/`)) && NODE_TEST_FILE.test(f))));
  const { tests, unreached } = testsLoading(src, changed, isTest);
  if (tests.length === 0 || unreached.length > 0) return null;
  // nearly every test loads it (an index that loads everything): the whole run, as written, is as quick
  const all = Object.keys(src.imports).filter(isTest).length;
  if (tests.length > 4 && tests.length >= all * 0.8) return null;
  const scope =
    tests.length <= 5
      ? `node --test ${tests.join(' ')}`
      : `node --test on ${tests.length} of ${all} test files, those loading ` +
        `${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ' …' : ''}`;
  return { command: [...words.slice(0, at + 1), ...flags, ...tests.map(shellWord)].join(' '), scope };
}
