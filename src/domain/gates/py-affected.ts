import type { PyImport, PySources } from '../../contracts/project-facts.ts';
import type { AffectedRun } from './gate-def.ts';
import { isInertChange } from './inert-change.ts';
import { shellWord as q } from '../runners/text-tools.ts';

/**
 * Which Python test files a change can affect, soundly: a test is picked when it reaches a changed
 * file through imports, transitively — `from pkg.api import x` runs `pkg/__init__.py` and
 * `pkg/api/__init__.py`, and whatever those import; pytest also runs every `conftest.py` above a
 * test. A module name is matched loosely (any file whose dotted path ends with it: the project's
 * sys.path is not known), which picks more tests, never fewer. A file that imports by a computed
 * name (`importlib.import_module`) may reach anything. When a change can affect tests in ways no
 * import shows (configuration, data files, conftest.py) the answer is "everything": null.
 */
export const isPyTest = (f: string): boolean => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(f);

const dirOf = (f: string): string => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '');
/** 'src/pkg/api/__init__.py' → 'src/pkg/api'; 'src/pkg/core.py' → 'src/pkg/core'. */
const modulePath = (f: string): string => f.replace(/\.py$/, '').replace(/(^|\/)__init__$/, '');

/** Every dotted name a file may be imported by: each tail of its path ('src.pkg.core', 'pkg.core', 'core'). */
function byName(files: readonly string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const f of files) {
    const parts = modulePath(f).split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const name = parts.slice(i).join('.');
      index.set(name, [...(index.get(name) ?? []), f]);
    }
  }
  return index;
}

/** The `__init__.py` files of the packages above `file` (Python runs each on the way in). */
function packageInits(file: string, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let d = dirOf(file); d; d = dirOf(d)) if (known.has(`${d}/__init__.py`)) out.push(`${d}/__init__.py`);
  return out;
}

/** The files one import statement of `from` can load. */
function resolve(
  from: string,
  imp: PyImport,
  index: ReadonlyMap<string, string[]>,
  known: ReadonlySet<string>,
): string[] {
  const targets: string[] = [];
  if (imp.level > 0) {
    // relative: from the importing file's package, up level - 1 packages
    let base = dirOf(from);
    for (let i = 1; i < imp.level; i++) base = dirOf(base);
    const at = [base, ...imp.module.split('.').filter(Boolean)].filter(Boolean).join('/');
    for (const stem of [at, ...imp.names.map((n) => (at ? `${at}/${n}` : n))]) {
      for (const f of [`${stem}.py`, `${stem}/__init__.py`]) if (known.has(f)) targets.push(f);
    }
  } else {
    const parts = imp.module.split('.');
    // 'a.b.c' loads a, a.b and a.b.c; `from a.b import n` may load the submodule a.b.n
    const names = [
      ...parts.map((_, i) => parts.slice(0, i + 1).join('.')),
      ...imp.names.map((n) => `${imp.module}.${n}`),
    ];
    for (const n of names) targets.push(...(index.get(n) ?? []));
  }
  return [...new Set(targets.flatMap((t) => [t, ...packageInits(t, known)]))];
}

/** File → the files that load it (directly). */
function importers(src: PySources): Map<string, Set<string>> {
  const files = Object.keys(src.imports);
  const known = new Set(files);
  const index = byName(files);
  const conftests = files.filter((f) => /(^|\/)conftest\.py$/.test(f));
  const dynamic = new Set(src.dynamic);
  const out = new Map<string, Set<string>>();
  const edge = (user: string, used: string): void => {
    if (user === used) return;
    if (!out.has(used)) out.set(used, new Set());
    out.get(used)?.add(user);
  };
  for (const f of files) {
    for (const imp of src.imports[f] ?? []) for (const t of resolve(f, imp, index, known)) edge(f, t);
    for (const init of packageInits(f, known)) edge(f, init);
    if (isPyTest(f)) for (const c of conftests) if (f.startsWith(dirOf(c) ? `${dirOf(c)}/` : '')) edge(f, c);
    if (dynamic.has(f)) for (const t of files) edge(f, t);
  }
  return out;
}

/**
 * The test files the changed files can affect (sorted), or null when it cannot be said: a changed
 * file that is not Python and not prose, a changed conftest.py, or a changed module no test
 * reaches (it may be run in ways no import shows: run the whole suite then).
 */
export function pythonAffectedTests(
  changed: readonly string[],
  src: PySources,
  isTest: (f: string) => boolean = isPyTest,
): string[] | null {
  if (changed.some((f) => !f.endsWith('.py') && !isInertChange(f))) return null;
  const py = changed.filter((f) => f.endsWith('.py'));
  if (py.length === 0 || py.some((f) => /(^|\/)conftest\.py$/.test(f))) return null;
  const users = importers(src);
  const picked = new Set<string>();
  for (const f of py) {
    const reached = new Set([f]);
    const queue = [f];
    while (queue.length > 0) {
      for (const u of users.get(queue.pop() as string) ?? []) {
        if (reached.has(u)) continue;
        reached.add(u);
        queue.push(u);
      }
    }
    const tests = [...reached].filter(isTest);
    if (tests.length === 0) return null;
    for (const t of tests) picked.add(t);
  }
  return [...picked].sort();
}

/**
 * pytest on the test files of the change: the tests that reach a changed file through imports,
 * transitively (see py-affected.ts), and those named after a changed module (`test_<module>.py`,
 * `<module>_test.py`). Null — the whole suite — when that cannot be said.
 */
export function pytestAffected(
  command: string,
  files: readonly string[],
  sources: PySources | null,
): AffectedRun | null {
  if (!sources) return null;
  const reached = pythonAffectedTests(files, sources);
  if (!reached) return null;
  const named = Object.keys(sources.imports).filter((t) => {
    const base = t.split('/').pop() ?? t;
    return (
      isPyTest(t) &&
      files.some((f) => {
        const name = f
          .replace(/\.py$/, '')
          .replace(/\/__init__$/, '')
          .split('/')
          .pop();
        return base === `test_${name}.py` || base === `${name}_test.py`;
      })
    );
  });
  const list = [...new Set([...reached, ...named])].sort();
  return { command: `${command} ${list.map(q).join(' ')}`, scope: `pytest ${list.join(' ')}` };
}
