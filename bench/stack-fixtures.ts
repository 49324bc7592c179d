/**
 * The projects of bench/stack-ratio.ts, one per runner, each of a mid-size project's shape: 24
 * source modules of small pure functions (`util` and m02…m24; six of them use `util`), one test
 * file per module in the runner's usual layout (the layout of bench/mutation-fixtures.ts), and one
 * test that fails before the session (in m24's file). Each test file does ≈200 ms of work: a
 * checksum over a generated table, many rounds, its value checked — so the suite's time is the
 * tests', not the runner's start. Cargo is a workspace of 8 crates of 3 modules each (a crate is
 * what `cargo test -p` can select), two of them depending on the crate `util`.
 *
 * The bench changes m07 only: a leaf (it imports nothing, nothing imports it). `change(rev)` is
 * its text with a harmless edit that is new for every `rev`, so no cache — csm's, go's build
 * cache, jest's transforms — has seen the tree it runs on.
 */
export interface Stack {
  runner: string;
  files: Record<string, string>;
  /** The module the bench changes (a leaf), relative to the repository. */
  leaf: string;
  /** The leaf's text after a harmless edit, different for every `rev`. */
  change(rev: number): string;
  testFiles: number;
  /** Symlinks csm's own node_modules into the project (the JS runners, as the mutation fixtures do). */
  nodeModules: boolean;
  /** The tool that must be installed, or null. */
  needs: string | null;
  /** Run in the project before its first commit (cargo writes Cargo.lock, which must not read as a change). */
  prepare?: string;
  env?: Record<string, string>;
}

const MODULES = 24;
/** The modules that import `util` (cargo: m04–m06 are crate c2, m10–m12 crate c4). */
const USERS = new Set([4, 5, 6, 10, 11, 12]);
const LEAF = 7;
const FAILING = 24;
const TABLE = 1000;
const MOD = 2147483647;
/** Rounds of the checksum per test file: ≈200 ms each on one server core (node 20, CPython 3.11, go, Rust debug). */
const ROUNDS = { js: 12_000, py: 1_800, go: 63_000, rust: 48_000 };

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const two = (i: number): string => String(i).padStart(2, '0');
const nameOf = (i: number): string => (i === 1 ? 'util' : `m${two(i)}`);
const indices = Array.from({ length: MODULES }, (_, k) => k + 1);

/**
 * The checksum each test file computes, in closed form: round r starts from r, so after one pass
 * over the table it is r·31^n + h (mod p), and the rounds sum to 31^n·R(R−1)/2 + R·h.
 */
export function checksum(seed: number, rounds: number): number {
  const p = BigInt(MOD);
  let h = 0n;
  let a = 1n;
  for (let k = 0; k < TABLE; k++) {
    h = (h * 31n + BigInt((k * 7919 + seed) % 10007)) % p;
    a = (a * 31n) % p;
  }
  const r = BigInt(rounds);
  return Number((a * (((r * (r - 1n)) / 2n) % p) + r * h) % p);
}

/** One assertion of a test: `fn(...args)` is `want`. */
interface Check {
  fn: 'add' | 'isMultiple' | 'clamp';
  args: number[];
  want: number | boolean;
}
interface Case {
  name: string;
  checks: Check[];
}

/** Module i's tests (without the checksum): `add` adds i, `isMultiple` divides by i + 1, util clamps. */
function casesOf(i: number): Case[] {
  const d = i + 1;
  const out: Case[] = [
    { name: `adds ${i}`, checks: [{ fn: 'add', args: [5], want: 5 + i }] },
    {
      name: `knows the multiples of ${d}`,
      checks: [
        { fn: 'isMultiple', args: [2 * d], want: true },
        { fn: 'isMultiple', args: [2 * d + 1], want: false },
      ],
    },
  ];
  if (i === 1) {
    out.push({
      name: 'clamps to the range',
      checks: [
        { fn: 'clamp', args: [2000, 0, 1000], want: 1000 },
        { fn: 'clamp', args: [-1, 0, 1000], want: 0 },
      ],
    });
  }
  if (i === FAILING) out.push({ name: 'fails before the session', checks: [{ fn: 'add', args: [1], want: 2 + i }] });
  return out;
}

const snake = (fn: string): string => fn.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const ident = (s: string): string => s.replace(/\W+/g, '_');

// ---------------------------------------------------------------- JavaScript

type JsRunner = 'vitest' | 'jest' | 'mocha' | 'node:test' | 'ava';

/** What `add` returns in module i: the leaf's line is the one the bench edits. */
const jsAdd = (i: number): string => (USERS.has(i) ? `clamp(n + ${i}, 0, 1000)` : `n + ${i}`);

function jsModule(i: number, esm: boolean): string {
  const fns = [
    'function add(n) {',
    `  return ${jsAdd(i)};`,
    '}',
    '',
    'function isMultiple(n) {',
    `  return n % ${i + 1} === 0;`,
    '}',
    ...(i === 1
      ? ['', 'function clamp(n, lo, hi) {', '  if (n < lo) return lo;', '  if (n > hi) return hi;', '  return n;', '}']
      : []),
  ];
  const names = i === 1 ? 'add, isMultiple, clamp' : 'add, isMultiple';
  const head = USERS.has(i)
    ? [esm ? "import { clamp } from './util.js';" : "const { clamp } = require('./util.js');", '']
    : [];
  if (esm) return lines(...head, ...fns.map((l) => (l.startsWith('function') ? `export ${l}` : l)));
  return lines(...head, ...fns, '', `module.exports = { ${names} };`);
}

function jsTest(i: number, runner: JsRunner, esm: boolean): string {
  const names = i === 1 ? 'add, isMultiple, clamp' : 'add, isMultiple';
  const from = `../src/${nameOf(i)}.js`;
  const header: Record<JsRunner, string[]> = {
    vitest: ["import { expect, test } from 'vitest';"],
    jest: [],
    mocha: ["const assert = require('node:assert/strict');"],
    'node:test': ["const test = require('node:test');", "const assert = require('node:assert/strict');"],
    ava: ["import test from 'ava';"],
  };
  const is = (actual: string, want: string): string =>
    runner === 'vitest' || runner === 'jest'
      ? `expect(${actual}).toBe(${want});`
      : runner === 'ava'
        ? `t.is(${actual}, ${want});`
        : `assert.strictEqual(${actual}, ${want});`;
  const ava = runner === 'ava';
  const open = (name: string): string =>
    `${runner === 'mocha' ? 'it' : 'test'}(${JSON.stringify(`${nameOf(i)} ${name}`)}, (${ava ? 't' : ''}) => {`;
  const tests = casesOf(i).flatMap((c) => [
    open(c.name),
    ...c.checks.map((k) => `  ${is(`${k.fn}(${k.args.join(', ')})`, String(k.want))}`),
    '});',
    '',
  ]);
  const work = [
    open('checksum of a generated table'),
    `  const xs = Array.from({ length: ${TABLE} }, (_, k) => (k * 7919 + ${i}) % 10007);`,
    '  let total = 0;',
    `  for (let r = 0; r < ${ROUNDS.js}; r++) {`,
    '    let c = r;',
    `    for (const x of xs) c = (c * 31 + x) % ${MOD};`,
    `    total = (total + c) % ${MOD};`,
    '  }',
    `  ${is('total', String(checksum(i, ROUNDS.js)))}`,
    '});',
  ];
  const imports = esm ? `import { ${names} } from '${from}';` : `const { ${names} } = require('${from}');`;
  return lines(...header[runner], imports, '', ...tests, ...work);
}

function jsStack(runner: JsRunner, esm: boolean, testPath: (name: string) => string, script: string): Stack {
  const files: Record<string, string> = {
    'package.json': json({
      name: 'stack',
      private: true,
      ...(esm ? { type: 'module' } : {}),
      scripts: { test: script },
    }),
    '.gitignore': 'node_modules\n',
  };
  for (const i of indices) {
    files[`src/${nameOf(i)}.js`] = jsModule(i, esm);
    files[testPath(nameOf(i))] = jsTest(i, runner, esm);
  }
  const leaf = `src/${nameOf(LEAF)}.js`;
  const text = files[leaf] as string;
  const line = `  return ${jsAdd(LEAF)};`;
  return {
    runner,
    files,
    leaf,
    change: (rev) => text.replace(line, `  return n + ${LEAF} + 0 * ${rev};`),
    testFiles: MODULES,
    nodeModules: runner !== 'node:test',
    needs: null,
  };
}

// ---------------------------------------------------------------- Python

const pyValue = (v: number | boolean): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
const pyAdd = (i: number): string => (USERS.has(i) ? `clamp(n + ${i}, 0, 1000)` : `n + ${i}`);

function pyModule(i: number): string {
  return lines(
    ...(USERS.has(i) ? ['from .util import clamp', '', ''] : []),
    'def add(n):',
    `    return ${pyAdd(i)}`,
    '',
    '',
    'def is_multiple(n):',
    `    return n % ${i + 1} == 0`,
    ...(i === 1
      ? [
          '',
          '',
          'def clamp(n, lo, hi):',
          '    if n < lo:',
          '        return lo',
          '    if n > hi:',
          '        return hi',
          '    return n',
        ]
      : []),
  );
}

/** The checksum loop in Python, at `indent`. */
const pyWork = (i: number, indent: string): string[] =>
  [
    `xs = [(k * 7919 + ${i}) % 10007 for k in range(${TABLE})]`,
    'total = 0',
    `for r in range(${ROUNDS.py}):`,
    '    c = r',
    '    for x in xs:',
    `        c = (c * 31 + x) % ${MOD}`,
    `    total = (total + c) % ${MOD}`,
  ].map((l) => `${indent}${l}`);

const pyImport = (i: number): string => `from pkg.${nameOf(i)} import add, is_multiple${i === 1 ? ', clamp' : ''}`;
const pyCall = (k: Check): string => `${snake(k.fn)}(${k.args.join(', ')})`;

function pytestFile(i: number): string {
  const tests = casesOf(i).flatMap((c) => [
    '',
    '',
    `def test_${ident(`${nameOf(i)} ${c.name}`)}():`,
    ...c.checks.map((k) => `    assert ${pyCall(k)} == ${pyValue(k.want)}`),
  ]);
  const work = ['', '', `def test_${nameOf(i)}_checksum_of_a_generated_table():`, ...pyWork(i, '    ')];
  return lines(pyImport(i), ...tests, ...work, `    assert total == ${checksum(i, ROUNDS.py)}`);
}

function unittestFile(i: number): string {
  const tests = casesOf(i).flatMap((c) => [
    '',
    `    def test_${ident(c.name)}(self):`,
    ...c.checks.map((k) => `        self.assertEqual(${pyCall(k)}, ${pyValue(k.want)})`),
  ]);
  const work = ['', '    def test_checksum_of_a_generated_table(self):', ...pyWork(i, '        ')];
  const cls = `${nameOf(i)[0]?.toUpperCase()}${nameOf(i).slice(1)}Test`;
  return lines(
    'import unittest',
    '',
    pyImport(i),
    '',
    '',
    `class ${cls}(unittest.TestCase):`,
    ...tests.slice(1),
    ...work,
    `        self.assertEqual(total, ${checksum(i, ROUNDS.py)})`,
  );
}

function pyStack(runner: 'pytest' | 'unittest'): Stack {
  const files: Record<string, string> = {
    'pkg/__init__.py': '',
    '.gitignore': lines('__pycache__/', '.pytest_cache/'),
    ...(runner === 'pytest'
      ? { 'pyproject.toml': lines('[tool.pytest.ini_options]', 'pythonpath = ["."]') }
      : { 'tests/__init__.py': '' }),
  };
  for (const i of indices) {
    files[`pkg/${nameOf(i)}.py`] = pyModule(i);
    files[`tests/test_${nameOf(i)}.py`] = runner === 'pytest' ? pytestFile(i) : unittestFile(i);
  }
  const leaf = `pkg/${nameOf(LEAF)}.py`;
  const text = files[leaf] as string;
  return {
    runner,
    files,
    leaf,
    change: (rev) => text.replace(`    return ${pyAdd(LEAF)}\n`, `    return n + ${LEAF} + 0 * ${rev}\n`),
    testFiles: MODULES,
    nodeModules: false,
    needs: runner === 'pytest' ? 'pytest' : 'python3',
  };
}

// ---------------------------------------------------------------- Go

const GO_MODULE = 'example.com/stacks';
const goFn = (fn: string): string => `${fn[0]?.toUpperCase()}${fn.slice(1)}`;
const goAdd = (i: number): string => (USERS.has(i) ? `util.Clamp(n+${i}, 0, 1000)` : `n + ${i}`);

function goModule(i: number): string {
  return lines(
    `package ${nameOf(i)}`,
    '',
    ...(USERS.has(i) ? [`import "${GO_MODULE}/util"`, ''] : []),
    `// Add adds ${i} to n.`,
    'func Add(n int) int {',
    `\treturn ${goAdd(i)}`,
    '}',
    '',
    `// IsMultiple says whether n is a multiple of ${i + 1}.`,
    'func IsMultiple(n int) bool {',
    `\treturn n%${i + 1} == 0`,
    '}',
    ...(i === 1
      ? ['', '// Clamp keeps n within lo and hi.', 'func Clamp(n, lo, hi int) int {'].concat([
          '\tif n < lo {',
          '\t\treturn lo',
          '\t}',
          '\tif n > hi {',
          '\t\treturn hi',
          '\t}',
          '\treturn n',
          '}',
        ])
      : []),
  );
}

function goTest(i: number): string {
  const check = (k: Check): string[] => {
    const call = `${goFn(k.fn)}(${k.args.join(', ')})`;
    return [`\tif got := ${call}; got != ${k.want} {`, `\t\tt.Fatalf("${call} = %v, want ${k.want}", got)`, '\t}'];
  };
  const tests = casesOf(i).flatMap((c) => [
    '',
    `func Test${goFn(ident(c.name).replace(/_(\w)/g, (_m, a: string) => a.toUpperCase()))}(t *testing.T) {`,
    ...c.checks.flatMap(check),
    '}',
  ]);
  const want = checksum(i, ROUNDS.go);
  return lines(
    `package ${nameOf(i)}`,
    '',
    'import "testing"',
    ...tests,
    '',
    'func TestChecksumOfAGeneratedTable(t *testing.T) {',
    `\txs := make([]int64, ${TABLE})`,
    '\tfor k := range xs {',
    `\t\txs[k] = int64((k*7919 + ${i}) % 10007)`,
    '\t}',
    '\tvar total int64',
    `\tfor r := int64(0); r < ${ROUNDS.go}; r++ {`,
    '\t\tc := r',
    '\t\tfor _, x := range xs {',
    `\t\t\tc = (c*31 + x) % ${MOD}`,
    '\t\t}',
    `\t\ttotal = (total + c) % ${MOD}`,
    '\t}',
    `\tif total != ${want} {`,
    `\t\tt.Fatalf("checksum %d, want ${want}", total)`,
    '\t}',
    '}',
  );
}

function goStack(): Stack {
  const files: Record<string, string> = { 'go.mod': lines(`module ${GO_MODULE}`, '', 'go 1.19') };
  for (const i of indices) {
    files[`${nameOf(i)}/${nameOf(i)}.go`] = goModule(i);
    files[`${nameOf(i)}/${nameOf(i)}_test.go`] = goTest(i);
  }
  const leaf = `${nameOf(LEAF)}/${nameOf(LEAF)}.go`;
  const text = files[leaf] as string;
  return {
    runner: 'go test',
    files,
    leaf,
    change: (rev) => text.replace(`\treturn ${goAdd(LEAF)}\n`, `\treturn n + ${LEAF} + 0*${rev}\n`),
    testFiles: MODULES,
    nodeModules: false,
    needs: 'go',
    // go's test cache off: `go test ./...` would otherwise re-run only the changed package by itself
    env: { GOFLAGS: '-mod=mod -count=1', GOPROXY: 'off' },
  };
}

// ---------------------------------------------------------------- Rust

/** Crate k (1…8) holds modules 3k−2…3k; crate 1 is `util` (its own code is module 1's). */
const crateOf = (i: number): string => (i <= 3 ? 'util' : `c${Math.ceil(i / 3)}`);
const rustAdd = (i: number): string => (USERS.has(i) ? `util::clamp(n + ${i}, 0, 1000)` : `n + ${i}`);

function rustModule(i: number): string {
  return lines(
    'pub fn add(n: i64) -> i64 {',
    `    ${rustAdd(i)}`,
    '}',
    '',
    'pub fn is_multiple(n: i64) -> bool {',
    `    n % ${i + 1} == 0`,
    '}',
    ...(i === 1
      ? [
          '',
          'pub fn clamp(n: i64, lo: i64, hi: i64) -> i64 {',
          '    if n < lo {',
          '        return lo;',
          '    }',
        ].concat(['    if n > hi {', '        return hi;', '    }', '    n', '}'])
      : []),
  );
}

function rustTest(i: number): string {
  const path = i === 1 ? 'util' : `${crateOf(i)}::${nameOf(i)}`;
  const tests = casesOf(i).flatMap((c) => [
    '',
    '#[test]',
    `fn ${ident(c.name)}() {`,
    ...c.checks.map((k) => `    assert_eq!(${snake(k.fn)}(${k.args.join(', ')}), ${k.want});`),
    '}',
  ]);
  return lines(
    `use ${path}::*;`,
    ...tests,
    '',
    '#[test]',
    'fn checksum_of_a_generated_table() {',
    `    let xs: Vec<i64> = (0..${TABLE}).map(|k: i64| (k * 7919 + ${i}) % 10007).collect();`,
    '    let mut total: i64 = 0;',
    `    for r in 0..${ROUNDS.rust} {`,
    '        let mut c: i64 = r;',
    '        for x in &xs {',
    `            c = (c * 31 + x) % ${MOD};`,
    '        }',
    `        total = (total + c) % ${MOD};`,
    '    }',
    `    assert_eq!(total, ${checksum(i, ROUNDS.rust)});`,
    '}',
  );
}

function cargoStack(): Stack {
  const files: Record<string, string> = {
    'Cargo.toml': lines('[workspace]', 'members = ["crates/*"]', 'resolver = "2"'),
    '.gitignore': lines('target/'),
  };
  const crates = [...new Set(indices.map(crateOf))];
  for (const c of crates) {
    const mods = indices.filter((i) => crateOf(i) === c);
    const uses = c !== 'util' && mods.some((i) => USERS.has(i));
    files[`crates/${c}/Cargo.toml`] = lines(
      '[package]',
      `name = "${c}"`,
      'version = "0.1.0"',
      'edition = "2021"',
      ...(uses ? ['', '[dependencies]', 'util = { path = "../util" }'] : []),
    );
    const own = mods.filter((i) => i !== 1);
    files[`crates/${c}/src/lib.rs`] = lines(
      ...own.map((i) => `pub mod ${nameOf(i)};`),
      ...(c === 'util' ? ['', rustModule(1).trimEnd()] : []),
    );
    for (const i of own) files[`crates/${c}/src/${nameOf(i)}.rs`] = rustModule(i);
    for (const i of mods) files[`crates/${c}/tests/${nameOf(i)}.rs`] = rustTest(i);
  }
  const leaf = `crates/${crateOf(LEAF)}/src/${nameOf(LEAF)}.rs`;
  const text = files[leaf] as string;
  return {
    runner: 'cargo test',
    files,
    leaf,
    change: (rev) => text.replace(`    ${rustAdd(LEAF)}\n`, `    n + ${LEAF} + 0 * ${rev}\n`),
    testFiles: MODULES,
    nodeModules: false,
    needs: 'cargo',
    prepare: 'cargo generate-lockfile --offline',
    env: { CARGO_NET_OFFLINE: 'true', RUST_BACKTRACE: '0' },
  };
}

export const STACKS: Stack[] = [
  jsStack('vitest', true, (n) => `test/${n}.test.js`, 'vitest run'),
  jsStack('jest', false, (n) => `__tests__/${n}.test.js`, 'jest'),
  jsStack('mocha', false, (n) => `test/${n}.spec.js`, 'mocha'),
  jsStack('node:test', false, (n) => `test/${n}.test.js`, 'node --test'),
  jsStack('ava', true, (n) => `test/${n}.js`, 'ava'),
  pyStack('pytest'),
  pyStack('unittest'),
  goStack(),
  cargoStack(),
];
