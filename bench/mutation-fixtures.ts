/**
 * The fixture projects of the mutation harness (bench/mutations.ts): the same small library —
 * numbers, and text helpers that use them from another file — with its tests, for each runner
 * Stop meets. Each has one test failing before the session (`initials` of an empty name), so that
 * "nothing new" is always a question. `sources` are the files whose lines are mutated; `full`
 * runs the whole suite in a form the harness reads itself (never csm's parsers), and `failing`
 * names the failing tests of that output.
 */
export interface Fixture {
  runner: string;
  files: Record<string, string>;
  sources: string[];
  /** Needs csm's own node_modules (the JS runners). */
  nodeModules: boolean;
  /** The tool that must be installed, or null. */
  needs: string | null;
  full: string;
  failing(output: string): string[];
  env?: Record<string, string>;
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const CONFIG = json({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } });

// ---------------------------------------------------------------- JavaScript

const NUM_BODY = [
  'function clamp(n, lo, hi) {',
  '  if (n < lo) return lo;',
  '  if (n > hi) return hi;',
  '  return n;',
  '}',
  'function mean(xs) {',
  '  if (xs.length === 0) return 0;',
  '  let total = 0;',
  '  for (const x of xs) total += x;',
  '  return total / xs.length;',
  '}',
  'function isEven(n) {',
  '  return n % 2 === 0;',
  '}',
];
const TEXT_BODY = [
  'function pad(s, width) {',
  "  while (s.length < width) s = ' ' + s;",
  '  return s;',
  '}',
  'function percent(part, whole) {',
  "  return clamp(Math.round((part / whole) * 100), 0, 100) + '%';",
  '}',
  'function initials(name) {',
  "  return name.split(' ').filter((w) => w.length > 0).map((w) => w[0].toUpperCase()).join('');",
  '}',
];
/** The test cases: [file, name, expression, expected as JS]. `initials of nobody` fails before the session. */
const CASES: [string, string, string, string][] = [
  ['num', 'clamp keeps a value inside', 'clamp(5, 0, 10)', '5'],
  ['num', 'clamp raises to the floor', 'clamp(-3, 0, 10)', '0'],
  ['num', 'clamp lowers to the ceiling', 'clamp(12, 0, 10)', '10'],
  ['num', 'clamp keeps the edge', 'clamp(10, 0, 10)', '10'],
  ['num', 'mean of three', 'mean([1, 2, 6])', '3'],
  ['num', 'mean of none', 'mean([])', '0'],
  ['num', 'even four', 'isEven(4)', 'true'],
  ['num', 'odd three', 'isEven(3)', 'false'],
  ['text', 'pad to width', "pad('7', 3)", "'  7'"],
  ['text', 'pad leaves a long string', "pad('1234', 3)", "'1234'"],
  ['text', 'percent of half', 'percent(1, 2)', "'50%'"],
  ['text', 'percent capped', 'percent(3, 2)', "'100%'"],
  ['text', 'initials of two words', "initials('ada lovelace')", "'AL'"],
  ['text', 'initials skip extra spaces', "initials('grace  hopper')", "'GH'"],
  ['text', 'initials of nobody', "initials('')", "'?'"],
];
const casesOf = (file: string): [string, string, string][] =>
  CASES.filter((c) => c[0] === file).map(([, n, e, v]) => [n, e, v]);

function jsProject(
  style: 'cjs' | 'esm',
  testFile: (file: string, imports: string) => string,
  testPath: (file: string) => string,
  script: string,
): Record<string, string> {
  const esm = style === 'esm';
  const num = esm
    ? lines(...NUM_BODY.map((l) => (l.startsWith('function') ? `export ${l}` : l)))
    : lines(...NUM_BODY, 'module.exports = { clamp, mean, isEven };');
  const textHead = esm ? "import { clamp } from './num.js';" : "const { clamp } = require('./num.js');";
  const text = esm
    ? lines(textHead, ...TEXT_BODY.map((l) => (l.startsWith('function') ? `export ${l}` : l)))
    : lines(textHead, ...TEXT_BODY, 'module.exports = { pad, percent, initials };');
  const imports = (file: string): string => {
    const names = file === 'num' ? 'clamp, mean, isEven' : 'pad, percent, initials';
    return esm ? `import { ${names} } from '../src/${file}.js';` : `const { ${names} } = require('../src/${file}.js');`;
  };
  return {
    'package.json': json({
      name: 'mutants',
      private: true,
      ...(esm ? { type: 'module' } : {}),
      scripts: { test: script },
    }),
    'src/num.js': num,
    'src/text.js': text,
    [testPath('num')]: testFile('num', imports('num')),
    [testPath('text')]: testFile('text', imports('text')),
    '.gitignore': 'node_modules\n',
    '.claude/csm.json': CONFIG,
  };
}

const jestLike =
  (header: string) =>
  (file: string, imports: string): string =>
    lines(
      header,
      imports,
      '',
      ...casesOf(file).map(([n, e, v]) => `test(${JSON.stringify(n)}, () => { expect(${e}).toEqual(${v}); });`),
    );

const tapLines = (out: string): string[] =>
  out
    .split('\n')
    .map((l) => /^\s*not ok \d+ - (.+?)(\s+#\s*(TODO|SKIP).*)?$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && !m[3])
    .map((m) => (m[1] ?? '').trim());

const jsonFailures = (out: string): string[] => {
  const start = out.indexOf('{');
  try {
    const r = JSON.parse(out.slice(start)) as {
      testResults?: {
        assertionResults?: { status: string; fullName?: string; title?: string }[];
        message?: string;
        name?: string;
      }[];
    };
    return (r.testResults ?? []).flatMap((f) => {
      const failed = (f.assertionResults ?? [])
        .filter((a) => a.status === 'failed')
        .map((a) => a.fullName ?? a.title ?? '?');
      // a file that did not load has no assertion results, only a message
      return failed.length === 0 && f.message ? [`${f.name}: did not load`] : failed;
    });
  } catch {
    return ['(the suite printed no JSON: it did not run)'];
  }
};

const vitest: Fixture = {
  runner: 'vitest',
  files: jsProject('esm', jestLike("import { expect, test } from 'vitest';"), (f) => `test/${f}.test.js`, 'vitest run'),
  sources: ['src/num.js', 'src/text.js'],
  nodeModules: true,
  needs: null,
  full: 'node_modules/.bin/vitest run --reporter=json',
  failing: jsonFailures,
};

const jest: Fixture = {
  runner: 'jest',
  files: jsProject('cjs', jestLike(''), (f) => `__tests__/${f}.test.js`, 'jest'),
  sources: ['src/num.js', 'src/text.js'],
  nodeModules: true,
  needs: null,
  full: 'node_modules/.bin/jest --json 2>/dev/null',
  failing: jsonFailures,
};

const mocha: Fixture = {
  runner: 'mocha',
  files: jsProject(
    'cjs',
    (file, imports) =>
      lines(
        "const assert = require('node:assert/strict');",
        imports,
        '',
        ...casesOf(file).map(([n, e, v]) => `it(${JSON.stringify(n)}, () => { assert.deepEqual(${e}, ${v}); });`),
      ),
    (f) => `test/${f}.spec.js`,
    'mocha',
  ),
  sources: ['src/num.js', 'src/text.js'],
  nodeModules: true,
  needs: null,
  full: 'node_modules/.bin/mocha --reporter json 2>/dev/null',
  failing: (out) => {
    try {
      return (JSON.parse(out.slice(out.indexOf('{'))) as { failures: { fullTitle: string }[] }).failures.map(
        (f) => f.fullTitle,
      );
    } catch {
      return ['(the suite printed no JSON: it did not run)'];
    }
  },
};

const nodeTest: Fixture = {
  runner: 'node:test',
  files: jsProject(
    'cjs',
    (file, imports) =>
      lines(
        "const test = require('node:test');",
        "const assert = require('node:assert/strict');",
        imports,
        '',
        ...casesOf(file).map(([n, e, v]) => `test(${JSON.stringify(n)}, () => { assert.deepEqual(${e}, ${v}); });`),
      ),
    (f) => `test/${f}.test.js`,
    'node --test',
  ),
  sources: ['src/num.js', 'src/text.js'],
  nodeModules: false,
  needs: null,
  full: 'node --test --test-reporter=tap',
  failing: tapLines,
};

const ava: Fixture = {
  runner: 'ava',
  files: jsProject(
    'esm',
    (file, imports) =>
      lines(
        "import test from 'ava';",
        imports,
        '',
        ...casesOf(file).map(([n, e, v]) => `test(${JSON.stringify(n)}, (t) => { t.deepEqual(${e}, ${v}); });`),
      ),
    (f) => `test/${f}.js`,
    'ava',
  ),
  sources: ['src/num.js', 'src/text.js'],
  nodeModules: true,
  needs: null,
  full: 'node_modules/.bin/ava --tap',
  failing: tapLines,
};

// ---------------------------------------------------------------- Python

const PY_NUM = lines(
  'def clamp(n, lo, hi):',
  '    if n < lo:',
  '        return lo',
  '    if n > hi:',
  '        return hi',
  '    return n',
  '',
  '',
  'def mean(xs):',
  '    if len(xs) == 0:',
  '        return 0',
  '    total = 0',
  '    for x in xs:',
  '        total += x',
  '    return total / len(xs)',
  '',
  '',
  'def is_even(n):',
  '    return n % 2 == 0',
);
const PY_TEXT = lines(
  'from .num import clamp',
  '',
  '',
  'def pad(s, width):',
  '    while len(s) < width:',
  '        s = " " + s',
  '    return s',
  '',
  '',
  'def percent(part, whole):',
  '    return str(clamp(round(part / whole * 100), 0, 100)) + "%"',
  '',
  '',
  'def initials(name):',
  '    return "".join(w[0].upper() for w in name.split(" ") if len(w) > 0)',
);
const pyExpr = (e: string): string =>
  e
    .replace(/isEven/g, 'is_even')
    .replace(/\btrue\b/g, 'True')
    .replace(/\bfalse\b/g, 'False');
const pyValue = (v: string): string => pyExpr(v);
const pyName = (n: string): string => n.replace(/\W+/g, '_');
const pyImports = (file: string): string =>
  `from pkg.${file} import ${file === 'num' ? 'clamp, mean, is_even' : 'pad, percent, initials'}`;

const pytest: Fixture = {
  runner: 'pytest',
  files: {
    'pyproject.toml': lines('[tool.pytest.ini_options]', 'pythonpath = ["."]'),
    'pkg/__init__.py': '',
    'pkg/num.py': PY_NUM,
    'pkg/text.py': PY_TEXT,
    ...Object.fromEntries(
      ['num', 'text'].map((f) => [
        `tests/test_${f}.py`,
        lines(
          pyImports(f),
          '',
          ...casesOf(f).flatMap(([n, e, v]) => [
            '',
            `def test_${pyName(n)}():`,
            `    assert ${pyExpr(e)} == ${pyValue(v)}`,
          ]),
        ),
      ]),
    ),
    '.gitignore': lines('__pycache__/', '.pytest_cache/'),
    '.claude/csm.json': CONFIG,
  },
  sources: ['pkg/num.py', 'pkg/text.py'],
  nodeModules: false,
  needs: 'pytest',
  full: 'pytest -q -rfE -p no:cacheprovider',
  failing: (out) =>
    out
      .split('\n')
      .map((l) => /^(FAILED|ERROR) (\S+)/.exec(l)?.[2])
      .filter((x): x is string => x !== undefined),
};

const unittest: Fixture = {
  runner: 'unittest',
  files: {
    'pkg/__init__.py': '',
    'pkg/num.py': PY_NUM,
    'pkg/text.py': PY_TEXT,
    'tests/__init__.py': '',
    ...Object.fromEntries(
      ['num', 'text'].map((f) => [
        `tests/test_${f}.py`,
        lines(
          'import unittest',
          '',
          pyImports(f),
          '',
          '',
          `class ${f === 'num' ? 'Num' : 'Text'}Test(unittest.TestCase):`,
          ...casesOf(f).flatMap(([n, e, v]) => [
            `    def test_${pyName(n)}(self):`,
            `        self.assertEqual(${pyExpr(e)}, ${pyValue(v)})`,
            '',
          ]),
        ),
      ]),
    ),
    '.gitignore': lines('__pycache__/'),
    '.claude/csm.json': CONFIG,
  },
  sources: ['pkg/num.py', 'pkg/text.py'],
  nodeModules: false,
  needs: 'python3',
  full: 'python3 -m unittest -v 2>&1',
  failing: (out) =>
    out
      .split('\n')
      .map((l) => /^(\S+) \((\S+)\) \.\.\. (FAIL|ERROR)$/.exec(l)?.[2])
      .filter((x): x is string => x !== undefined),
};

// ---------------------------------------------------------------- Go and Rust

/** A case in Go: `clamp(5, 0, 10)` → `Clamp(5, 0, 10)`, `[1, 2]` → `[]float64{1, 2}`, every result compared as text. */
const goCall = (e: string): string =>
  e
    .replace(/^(\w)(\w*)\(/, (_m, a: string, b: string) => `${a.toUpperCase()}${b}(`)
    .replace(/\[([^\]]*)\]/, '[]float64{$1}')
    .replace(/'/g, '"');
const goCase = ([n, e, v]: [string, string, string]): string[] => [
  `\t\t{${JSON.stringify(n)}, fmt.Sprint(${goCall(e)}), ${JSON.stringify(v.replace(/^'(.*)'$/, '$1'))}},`,
];
const goTest = (pkg: string, cases: [string, string, string][]): string =>
  lines(
    `package ${pkg}`,
    '',
    'import (',
    '\t"fmt"',
    '\t"testing"',
    ')',
    '',
    'func TestCases(t *testing.T) {',
    '\tcases := []struct{ name, got, want string }{',
    ...cases.flatMap(goCase),
    '\t}',
    '\tfor _, c := range cases {',
    '\t\tc := c',
    '\t\tt.Run(c.name, func(t *testing.T) {',
    '\t\t\tif c.got != c.want {',
    '\t\t\t\tt.Fatalf("got %q, want %q", c.got, c.want)',
    '\t\t\t}',
    '\t\t})',
    '\t}',
    '}',
  );

const go: Fixture = {
  runner: 'go test',
  files: {
    'go.mod': lines('module example.com/mutants', '', 'go 1.19'),
    'num/num.go': lines(
      'package num',
      '',
      '// Clamp keeps n within lo and hi.',
      'func Clamp(n, lo, hi float64) float64 {',
      '\tif n < lo {',
      '\t\treturn lo',
      '\t}',
      '\tif n > hi {',
      '\t\treturn hi',
      '\t}',
      '\treturn n',
      '}',
      '',
      '// Mean is the average of xs, 0 for none.',
      'func Mean(xs []float64) float64 {',
      '\tif len(xs) == 0 {',
      '\t\treturn 0',
      '\t}',
      '\ttotal := 0.0',
      '\tfor _, x := range xs {',
      '\t\ttotal += x',
      '\t}',
      '\treturn total / float64(len(xs))',
      '}',
      '',
      '// IsEven says whether n is even.',
      'func IsEven(n int) bool {',
      '\treturn n%2 == 0',
      '}',
    ),
    'text/text.go': lines(
      'package text',
      '',
      'import (',
      '\t"fmt"',
      '\t"math"',
      '\t"strings"',
      '',
      '\t"example.com/mutants/num"',
      ')',
      '',
      '// Pad pads s on the left to width.',
      'func Pad(s string, width int) string {',
      '\tfor len(s) < width {',
      '\t\ts = " " + s',
      '\t}',
      '\treturn s',
      '}',
      '',
      '// Percent is part of whole in whole percents, at most 100.',
      'func Percent(part, whole float64) string {',
      '\treturn fmt.Sprint(num.Clamp(math.Round(part/whole*100), 0, 100)) + "%"',
      '}',
      '',
      '// Initials are the first letters of the words of name.',
      'func Initials(name string) string {',
      '\tout := ""',
      '\tfor _, w := range strings.Split(name, " ") {',
      '\t\tif len(w) > 0 {',
      '\t\t\tout += strings.ToUpper(w[:1])',
      '\t\t}',
      '\t}',
      '\treturn out',
      '}',
    ),
    'num/num_test.go': goTest('num', casesOf('num')),
    'text/text_test.go': goTest('text', casesOf('text')),
    '.claude/csm.json': CONFIG,
  },
  sources: ['num/num.go', 'text/text.go'],
  nodeModules: false,
  needs: 'go',
  full: 'go test -count=1 -json ./... 2>&1',
  failing: (out) => {
    // the leaves: a failing test none of whose subtests failed (a panic while building the table
    // fails TestCases alone), and a failing package none of whose tests failed (it did not build)
    const fails: string[] = [];
    for (const l of out.split('\n')) {
      try {
        const e = JSON.parse(l) as { Action?: string; Test?: string; Package?: string };
        if (e.Action === 'fail') fails.push(e.Test ? `${e.Package} ${e.Test}` : `${e.Package}`);
      } catch {
        if (/^#\s+\S+/.test(l)) fails.push(l.trim());
      }
    }
    return fails.filter((f) => !fails.some((g) => g !== f && (g.startsWith(`${f}/`) || g.startsWith(`${f} `))));
  },
  env: { GOFLAGS: '-mod=mod', GOPROXY: 'off' },
};

const rustCase =
  (file: string) =>
  ([n, e, v]: [string, string, string]): string[] => {
    const call = e
      .replace(/isEven/, 'is_even')
      .replace(
        /\[([^\]]*)\]/,
        (_m, xs: string) =>
          `&[${xs
            .split(',')
            .filter((x) => x.trim())
            .map((x) => `${x.trim()}.0`)
            .join(', ')}]`,
      )
      .replace(/'([^']*)'/g, '"$1"')
      .replace(/\b(clamp)\((-?\d+), (\d+), (\d+)\)/, '$1($2.0, $3.0, $4.0)')
      .replace(/\b(percent)\((\d+), (\d+)\)/, '$1($2.0, $3.0)');
    const want =
      file === 'num' && /^\d+$/.test(v) && !/is_even/.test(call) ? `${v}.0` : v.replace(/'([^']*)'/g, '"$1"');
    return ['#[test]', `fn ${pyName(n)}() {`, `    assert_eq!(${call}, ${want});`, '}', ''];
  };

const cargo: Fixture = {
  runner: 'cargo test',
  files: {
    'Cargo.toml': lines('[package]', 'name = "mutants"', 'version = "0.1.0"', 'edition = "2021"'),
    'src/lib.rs': lines('pub mod num;', 'pub mod text;'),
    'src/num.rs': lines(
      'pub fn clamp(n: f64, lo: f64, hi: f64) -> f64 {',
      '    if n < lo {',
      '        return lo;',
      '    }',
      '    if n > hi {',
      '        return hi;',
      '    }',
      '    n',
      '}',
      '',
      'pub fn mean(xs: &[f64]) -> f64 {',
      '    if xs.len() == 0 {',
      '        return 0.0;',
      '    }',
      '    let mut total = 0.0;',
      '    for x in xs {',
      '        total += x;',
      '    }',
      '    total / xs.len() as f64',
      '}',
      '',
      'pub fn is_even(n: i64) -> bool {',
      '    n % 2 == 0',
      '}',
    ),
    'src/text.rs': lines(
      'use crate::num::clamp;',
      '',
      'pub fn pad(s: &str, width: usize) -> String {',
      '    let mut out = s.to_string();',
      '    while out.len() < width {',
      '        out = format!(" {}", out);',
      '    }',
      '    out',
      '}',
      '',
      'pub fn percent(part: f64, whole: f64) -> String {',
      '    format!("{}%", clamp((part / whole * 100.0).round(), 0.0, 100.0))',
      '}',
      '',
      'pub fn initials(name: &str) -> String {',
      "    name.split(' ').filter(|w| w.len() > 0).map(|w| w[..1].to_uppercase()).collect()",
      '}',
    ),
    'tests/num.rs': lines('use mutants::num::*;', '', ...casesOf('num').flatMap(rustCase('num'))),
    'tests/text.rs': lines('use mutants::text::*;', '', ...casesOf('text').flatMap(rustCase('text'))),
    '.gitignore': lines('target/'),
    '.claude/csm.json': CONFIG,
  },
  sources: ['src/num.rs', 'src/text.rs'],
  nodeModules: false,
  needs: 'cargo',
  full: 'cargo test --no-fail-fast 2>&1',
  failing: (out) => {
    const failed = out
      .split('\n')
      .map((l) => /^test (\S+) \.\.\. FAILED$/.exec(l)?.[1])
      .filter((x): x is string => x !== undefined);
    // a compile error fails every test of the crate without naming one
    return failed.length === 0 && /^error(\[E\d+\])?:/m.test(out) ? ['(the crate did not compile)'] : failed;
  },
  env: { CARGO_NET_OFFLINE: 'true', RUST_BACKTRACE: '0' },
};

export const FIXTURES: Fixture[] = [vitest, jest, mocha, nodeTest, ava, pytest, unittest, go, cargo];
