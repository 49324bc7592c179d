import type { JsSources, TestFilesConfig } from '../../contracts/project-facts.ts';
import type { AffectedRun } from './gate-def.ts';
import { isInertChange } from './inert-change.ts';
import { avaRenames } from './ava-names.ts';
import { FLAGS, type FileRunner } from './file-runner-flags.ts';
import { testsLoading } from './js-affected.ts';
import { matchCovers, matchGlob } from './match-glob.ts';
import { shellLiteral as literal, shellSplit } from './shell-words.ts';
import { shellWord } from '../runners/text-tools.ts';

/**
 * mocha and ava run test files: Stop runs those that load a changed file, directly or through
 * other modules (the same import graph as node:test), in place of the files the command or the
 * runner's defaults name. Sound or not done: null — the whole run — when the runner's own
 * configuration chooses the files in a way not read here, when the command has a flag this
 * does not know, or when a changed file is loaded by none of its test files.
 */
interface Parsed {
  prefix: string[];
  kept: string[];
  specs: string[];
  extensions: string[];
  ignores: string[];
  recursive: boolean;
}

/** The command's words around the runner: flags kept as written, the files it names apart; null when not understood. */
function parse(runner: FileRunner, command: string): Parsed | null {
  const words = shellSplit(command);
  const at = words.findIndex((w) => new RegExp(`(^|/)_?${runner}$`).test(w));
  if (at < 0) return null;
  const f = FLAGS[runner];
  const out: Parsed = {
    prefix: words.slice(0, at + 1),
    kept: [],
    specs: [],
    extensions: [],
    ignores: [],
    recursive: false,
  };
  const args = words.slice(at + 1);
  // `ava debug`, `ava reset-cache`: not a test run
  if (runner === 'ava' && /^(debug|reset-cache)$/.test(args[0] ?? '')) return null;
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as string;
    const [name, inline] =
      w.startsWith('--') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, null];
    if (!w.startsWith('-')) {
      out.specs.push(w);
      continue;
    }
    if (/['"]/.test(name)) return null;
    if (f.elsewhere.test(name)) return null;
    if (f.dropped.test(name)) continue;
    if (f.bare.test(name)) {
      if (name === '--recursive') out.recursive = true;
      out.kept.push(w);
      continue;
    }
    if (!f.value.test(name)) return null;
    const value = inline ?? args[++i];
    if (value === undefined) return null;
    if (f.spec.test(name)) out.specs.push(value);
    else {
      if (f.extension.test(name)) out.extensions.push(...value.split(','));
      if (f.ignore.test(name)) out.ignores.push(value);
      out.kept.push(...(inline === null ? [w, value] : [w]));
    }
  }
  const specs = out.specs.map(literal);
  return specs.every((s) => s !== null) ? { ...out, specs } : null;
}

const unquote = (s: string): string => s.replace(/^\.\//, '').replace(/\/$/, '');
const GLOB = /[*?{}[\]]/;
const extOf = (f: string): string => f.slice(f.lastIndexOf('.') + 1);

/** The files a spec names: a file, a folder's files (its top level, or all of it), a glob. */
function inSpec(spec: string, file: string, deep: boolean, exts: ReadonlySet<string>, src: JsSources): boolean {
  const s = unquote(spec);
  if (GLOB.test(s)) return matchGlob(`/${s}`, file);
  if (Object.hasOwn(src.imports, s)) return file === s;
  const under = s === '' || s === '.' ? file : file.startsWith(`${s}/`) ? file.slice(s.length + 1) : null;
  return under !== null && exts.has(extOf(file)) && (deep || !under.includes('/'));
}

const AVA_DEFAULT = [
  'test.*',
  'src/test.*',
  'source/test.*',
  '**/test-*',
  '**/*.spec.*',
  '**/*.test.*',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
];
/** ava never runs these as tests: helpers and fixtures beside the tests, names starting with `_`. */
const AVA_NOT_TESTS = /(^|\/)_|(^|\/)(test|tests|__tests__)\/(.*\/)?(__)?(helpers?|fixtures?)(__)?\//;

/** Which files the run treats as tests; null when the runner's configuration decides in a way not read here. */
function testFilter(
  runner: FileRunner,
  p: Parsed,
  config: TestFilesConfig,
  src: JsSources,
): ((f: string) => boolean) | null {
  if (runner === 'mocha') {
    if (config.mocha === 'selects') return null;
    const exts = new Set(['js', 'cjs', 'mjs', ...p.extensions]);
    const specs = p.specs.length > 0 ? p.specs : ['test'];
    return (f) =>
      !/(^|\/)node_modules\//.test(f) &&
      specs.some((s) => inSpec(s, f, p.recursive, exts, src)) &&
      !p.ignores.some((i) => matchGlob(`/${unquote(i)}`, f));
  }
  if (config.ava === 'unknown') return null;
  const exts = new Set(['js', 'cjs', 'mjs', ...(config.ava?.extensions ?? [])]);
  const configured = config.ava?.files ?? [];
  const chosen = (f: string): boolean =>
    p.specs.length > 0
      ? p.specs.some((s) => inSpec(s, f, true, exts, src))
      : configured.length > 0
        ? matchCovers(configured, f)
        : AVA_DEFAULT.some((g) => matchGlob(g, f));
  return (f) => exts.has(extOf(f)) && !/(^|\/)node_modules\//.test(f) && !AVA_NOT_TESTS.test(f) && chosen(f);
}

const listed = (files: readonly string[]): string => `${files.slice(0, 3).join(', ')}${files.length > 3 ? ' …' : ''}`;

const CHANGED_SOURCE = /\.(m?[jt]sx?|c[jt]s)$/;

/** mocha or ava narrowed to the test files that load a changed file; null: the whole run. */
export function fileRunnerAffected(
  runner: FileRunner,
  command: string,
  files: readonly string[],
  sources: () => JsSources | null,
  config: TestFilesConfig,
): AffectedRun | null {
  const parsed = parse(runner, command);
  if (!parsed) return null;
  const changed = files.filter((f) => CHANGED_SOURCE.test(f));
  if (changed.length === 0 || files.some((f) => !CHANGED_SOURCE.test(f) && !isInertChange(f))) return null;
  const src = sources();
  if (!src || changed.some((f) => !Object.hasOwn(src.imports, f))) return null;
  const isTest = testFilter(runner, parsed, config, src);
  if (!isTest) return null;
  const { tests, unreached } = testsLoading(src, changed, isTest);
  if (tests.length === 0 || unreached.length > 0) return null;
  const all = Object.keys(src.imports).filter(isTest).length;
  if (tests.length > 4 && tests.length >= all * 0.8) return null;
  const scope =
    tests.length <= 5
      ? `${runner} ${tests.join(' ')}`
      : `${runner} on ${tests.length} of ${all} test files, those loading ${listed(changed)}`;
  const run = [...parsed.prefix, ...parsed.kept, ...tests.map(shellWord)].join(' ');
  const renames = runner === 'ava' ? avaRenames(tests, Object.keys(src.imports).filter(isTest), config) : [];
  return { command: run, scope, ...(renames.length > 0 ? { renames } : {}) };
}
