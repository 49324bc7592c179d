import type { PySources } from '../../contracts/project-facts.ts';
import type { AffectedRun } from './gate-def.ts';
import { matchGlob } from './match-glob.ts';
import { pythonAffectedTests } from './py-affected.ts';
import { shellLiteral, shellSplit } from './shell-words.ts';
import { shellWord as q } from '../runners/text-tools.ts';

/**
 * `python -m unittest` (discovery) narrowed to the test modules that reach a changed file through
 * imports, as pytest is (py-affected.ts), named as unittest names them: dotted paths from the
 * top-level folder, which is put on the module path as discovery does. Only files discovery
 * itself would load count as its tests: under the start folder, in packages all the way down,
 * named after the pattern (`test*.py`). Null — the whole run — when the command names its own
 * tests or a flag this does not know, or when the change cannot be traced.
 */
interface Discovery {
  /** The words up to `unittest`, and the options kept (`-v`, `-k name`, …). */
  head: string[];
  kept: string[];
  start: string;
  top: string;
  pattern: string;
}

const BARE = /^(-v|--verbose|-q|--quiet|-f|--failfast|-c|--catch|-b|--buffer|--locals|--durations)$/;
const VALUE = /^(-k|--durations)$/;

const folder = (d: string): string => d.replace(/^\.\/?/, '').replace(/\/+$/, '');

function discovery(command: string): Discovery | null {
  const words = shellSplit(command);
  const at = words.findIndex((w, i) => w === 'unittest' && words[i - 1] === '-m');
  if (at < 0) return null;
  const args = words.slice(at + 1);
  const named: Record<string, string> = {};
  const kept: string[] = [];
  const positional: string[] = [];
  const discover = args[0] === 'discover';
  for (let i = discover ? 1 : 0; i < args.length; i++) {
    const w = args[i] as string;
    const opt = /^(-s|--start-directory|-p|--pattern|-t|--top-level-directory)$/.exec(w)?.[1];
    if (discover && opt) {
      const value = args[++i];
      if (value === undefined) return null;
      named[opt.replace(/^--?/, '')[0] as string] = value;
    } else if (BARE.test(w)) kept.push(w);
    else if (VALUE.test(w) && args[i + 1] !== undefined) kept.push(w, args[++i] as string);
    else if (w.startsWith('-')) return null;
    else positional.push(w);
  }
  // `unittest tests.test_x` names its tests; `discover a b c` gives start, pattern and top in order
  if (!discover && positional.length > 0) return null;
  const raw = [named.s ?? positional[0], named.p ?? positional[1], named.t ?? positional[2]];
  const [s, p, t] = raw.map((v) => (v === undefined ? undefined : shellLiteral(v)));
  if (
    raw.some((v, i) => v !== undefined && [s, p, t][i] === null) ||
    [s, t].some((v) => v && /[*?[]/.test(v)) ||
    p?.includes('[')
  )
    return null;
  const start = folder(s ?? '.');
  return { head: words.slice(0, at + 1), kept, start, top: t ? folder(t) : start, pattern: p ?? 'test*.py' };
}

const dirOf = (f: string): string => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '');
const within = (dir: string, f: string): boolean => dir === '' || f.startsWith(`${dir}/`);

/** Whether discovery from `d.start` loads `file` as a test module. */
function discovered(d: Discovery, file: string, known: ReadonlySet<string>): boolean {
  if (!within(d.start, file) || !matchGlob(d.pattern, file.slice(file.lastIndexOf('/') + 1))) return false;
  for (let dir = dirOf(file); dir !== d.start && dir !== ''; dir = dirOf(dir)) {
    if (!known.has(`${dir}/__init__.py`)) return false;
  }
  return true;
}

export function unittestAffected(command: string, files: readonly string[], src: PySources | null): AffectedRun | null {
  const d = discovery(command);
  if (!d || !src || !within(d.top, `${d.start}/x`.replace(/^\//, ''))) return null;
  const known = new Set(Object.keys(src.imports));
  const tests = pythonAffectedTests(files, src, (f) => discovered(d, f, known));
  if (!tests || tests.length === 0) return null;
  const modules = tests.map((t) => (d.top ? t.slice(d.top.length + 1) : t).replace(/\.py$/, '').replace(/\//g, '.'));
  const path = d.top ? [`PYTHONPATH=${q(d.top)}\${PYTHONPATH:+:$PYTHONPATH}`] : [];
  return {
    command: [...path, ...d.head, ...d.kept, ...modules].join(' '),
    scope: `unittest ${tests.length <= 5 ? modules.join(' ') : `${tests.length} test modules`}`,
  };
}
