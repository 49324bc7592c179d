import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOutput } from '../../../src/domain/runners/parse-output.ts';
import { cleanTerminalText } from '../../../src/domain/runners/terminal-text.ts';
import { diffLines, labelled } from '../../../src/domain/runners/text-tools.ts';
import { renderReading, rerunFor } from '../../../src/domain/runners/render-failures.ts';
import type { ParsedRun, RunnerName } from '../../../src/domain/runners/failure.ts';

const dir = path.resolve(import.meta.dirname, '../../fixtures/runners');
const COMMANDS = new Map(
  fs
    .readFileSync(path.join(dir, 'README.md'), 'utf8')
    .split('\n')
    .map((l) => /^\| `(.+?)\.txt` \| `(.*)` \|$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => [m[1] as string, (m[2] as string).replace(/\\\|/g, '|')]),
);
/** Where the outputs were captured, as the fixtures' README says (`under \`<dir>/<runner>\``): their absolute paths. */
const CAPTURE_ROOT = /under `([^`<]+)\/<runner>`/.exec(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'))?.[1];
if (!CAPTURE_ROOT) throw new Error('test/fixtures/runners/README.md no longer says where the outputs were captured');
const rootOf = (name: string): string => `${CAPTURE_ROOT}/${name.split('--')[0]}`;
const read = (name: string) => {
  const raw = fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8');
  const reading = readOutput(raw, COMMANDS.get(name) ?? null, rootOf(name));
  return { reading, text: renderReading(reading) };
};

interface Case {
  name: string;
  runner: string;
  failed: number;
  total?: number | null;
  /** A failure that must be named, with its location and expected/actual lines. */
  one: { id: string; location: string; detail?: string[]; message?: RegExp };
  /** How many failures the parser lists. */
  listed?: number;
  rerun?: RegExp;
}

const CASES: Case[] = [
  {
    name: 'vitest--default',
    runner: 'vitest',
    failed: 5,
    total: 11,
    one: {
      id: 'test/math.test.js > math > multiplies negative numbers',
      location: 'test/math.test.js:15:29',
      detail: ['- -12', '+ -11'],
    },
    rerun: /vitest run test\/math\.test\.js test\/user\.test\.js/,
  },
  {
    name: 'vitest--color',
    runner: 'vitest',
    failed: 5,
    total: 11,
    one: {
      id: 'test/user.test.js > user > greets by name',
      location: 'test/user.test.js:12:36',
      detail: ['Expected: "Hello, Ada."', 'Received: "Hello, Ada!"'],
    },
  },
  {
    name: 'vitest--tty',
    runner: 'vitest',
    failed: 5,
    total: 11,
    one: {
      id: 'test/math.test.js > math > divides by zero without throwing',
      location: 'test/math.test.js:18:12',
      message: /RangeError: cannot divide 1 by zero/,
    },
  },
  {
    name: 'vitest--large-400',
    runner: 'vitest',
    failed: 37,
    total: 400,
    listed: 37,
    one: {
      id: 'test/alpha.test.js > alpha > case 35 squares 35',
      location: 'test/alpha.test.js:40:55',
      detail: ['- 1227', '+ 1225'],
    },
  },
  {
    name: 'vitest--collect-error',
    runner: 'vitest',
    failed: 5,
    total: 11,
    one: {
      id: 'test/broken.test.js (the file failed to load)',
      location: 'test/broken.test.js:2:1',
      message: /Cannot find module '\.\.\/src\/missing\.js'/,
    },
  },
  {
    name: 'vitest--wrapped-composite',
    runner: 'vitest',
    failed: 5,
    total: 11,
    one: { id: 'test/math.test.js > math > multiplies negative numbers', location: 'test/math.test.js:15:29' },
  },
  {
    name: 'vitest--wrapped-pnpm10-composite',
    runner: 'vitest',
    failed: 5,
    total: 11,
    one: { id: 'test/math.test.js > math > multiplies negative numbers', location: 'test/math.test.js:15:29' },
  },
  {
    name: 'vitest--wrapped-composite-lintfail',
    runner: 'eslint',
    failed: 4,
    one: { id: 'no-var in bad/messy.js', location: 'bad/messy.js:2:3', message: /Unexpected var/ },
  },
  {
    name: 'jest--default',
    runner: 'jest',
    failed: 4,
    total: 9,
    one: {
      id: '__tests__/format.test.js > price > formats cents',
      location: '__tests__/format.test.js:8:25',
      detail: ['Expected: "$12.34"', 'Received: "$12.3"'],
    },
    rerun: /jest __tests__\/inventory\.test\.js __tests__\/format\.test\.js/,
  },
  {
    name: 'jest--color',
    runner: 'jest',
    failed: 4,
    total: 9,
    one: {
      id: '__tests__/inventory.test.js > inventory > snapshot lists all items',
      location: '__tests__/inventory.test.js:17:28',
      detail: ['-   "pear": 3,', '-   "plum": 0,', '+   "pear": 2,'],
    },
  },
  {
    name: 'jest--collect-error',
    runner: 'jest',
    failed: 4,
    total: 9,
    one: {
      id: '__tests__/broken.test.js (the file failed to load)',
      location: '__tests__/broken.test.js:1:18',
      message: /Cannot find module '\.\.\/src\/missing'/,
    },
  },
  {
    name: 'node-test--spec',
    runner: 'node:test',
    failed: 5,
    total: 9,
    one: {
      id: 'wordCount ignores trailing space',
      location: 'test/text.test.js:17:1',
      detail: ['actual: 3', 'expected: 2'],
    },
  },
  // two packages' node:test runs, interleaved, each line prefixed `packages/a test: ` by pnpm -r (pnpm 10.33, CI=true)
  {
    name: 'pnpm-r--node-test',
    runner: 'node:test',
    failed: 2,
    total: 4,
    one: { id: 'ta', location: 'packages/a/test/x.test.js:2:1', detail: ['expected: 2', 'actual: 1'] },
  },
  // pnpm -r runs each package's vitest from its folder: its paths are put back under the package, and the re-run starts there
  {
    name: 'pnpm-r--vitest',
    runner: 'vitest',
    failed: 1,
    total: 2,
    one: {
      id: 'test/password.test.js > masks the password',
      location: 'packages/prompts/test/password.test.js:2:43',
      detail: ['Expected: "▪"', 'Received: "*"'],
    },
  },
  {
    name: 'node-test--tap',
    runner: 'node:test',
    failed: 5,
    total: 9,
    one: {
      id: 'wordCount ignores trailing space',
      location: 'test/text.test.js:17:1',
      detail: ['expected: 2', 'actual: 3'],
    },
  },
  {
    name: 'mocha--default',
    runner: 'mocha',
    failed: 4,
    total: 8,
    one: { id: 'cart > totals lines', location: 'test/cart.spec.js:9:12', detail: ['7 !== 8'] },
  },
  {
    name: 'mocha--color',
    runner: 'mocha',
    failed: 4,
    total: 8,
    one: {
      id: 'cart > applies an unknown coupon',
      location: 'lib/cart.js:6:33',
      message: /TypeError: unknown coupon FREE/,
    },
  },
  {
    name: 'ava--default',
    runner: 'ava',
    failed: 3,
    total: 5,
    one: { id: 'math › greets', location: 'test/math.js:13', detail: ['-   count: 2,', '+   count: 1,'] },
    rerun: /npx ava --match "throws" --match "subtracts" --match "greets"/,
  },
  {
    name: 'ava--default',
    runner: 'ava',
    failed: 3,
    total: 5,
    one: { id: 'other › throws', location: 'test/other.js:4:8', message: /Error thrown in test/ },
  },
  {
    name: 'ava--tap',
    runner: 'tap',
    failed: 3,
    total: 5,
    one: { id: 'math › subtracts', location: null as unknown as string, detail: ['- 8', '+ 2'] },
  },
  {
    name: 'pytest--default',
    runner: 'pytest',
    failed: 6,
    total: 11,
    one: {
      id: 'tests/test_names.py::test_normalize_keeps_hyphen',
      location: 'tests/test_names.py:9',
      detail: ['- Jean-Luc Picard', '+ Jean-luc Picard'],
    },
    rerun: /pytest tests\/test_names\.py::test_normalize_keeps_hyphen/,
  },
  {
    name: 'pytest--noci',
    runner: 'pytest',
    failed: 6,
    total: 11,
    one: {
      id: 'tests/test_pricing.py::test_discount_rounding',
      location: 'tests/test_pricing.py:15',
      message: /assert 6\.7 == 6\.6/,
      detail: ['+  where 6.7 = discount(10, 33)'],
    },
  },
  {
    name: 'pytest--tty',
    runner: 'pytest',
    failed: 6,
    total: 11,
    one: {
      id: 'tests/test_pricing.py::test_discount_over_100',
      location: 'shop/pricing.py:3',
      message: /ValueError: percent out of range: 150/,
    },
  },
  {
    name: 'pytest--collect-error',
    runner: 'pytest',
    failed: 1,
    total: 1,
    one: {
      id: 'tests_collect/test_broken_import.py',
      location: 'tests_collect/test_broken_import.py:1',
      message: /ImportError/,
    },
  },
  {
    name: 'unittest--default',
    runner: 'unittest',
    failed: 5,
    total: 8,
    one: {
      id: 'tests.test_ops.OpsTest.test_words',
      location: 'tests/test_ops.py:17',
      message: /AssertionError: Lists differ/,
      detail: ["- ['a', '', 'b']", "+ ['a', 'b']"],
    },
    rerun: /python3 -m unittest tests\.test_broken tests\.test_ops\.OpsTest\.test_div_by_zero/,
  },
  {
    name: 'unittest--verbose',
    runner: 'unittest',
    failed: 5,
    total: 8,
    one: {
      id: 'tests.test_ops.OpsTest.test_div_by_zero',
      location: 'tests/test_ops.py:14',
      message: /ZeroDivisionError: division by zero/,
    },
  },
  {
    name: 'cargo--default',
    runner: 'cargo test',
    failed: 5,
    total: 10,
    one: { id: 'tests::median_even_length', location: 'src/lib.rs:31:9', detail: ['left: 3', 'right: 2'] },
    rerun: /cargo test -- tests::ratio_by_zero_is_zero tests::median_even_length/,
  },
  {
    name: 'cargo--backtrace',
    runner: 'cargo test',
    failed: 5,
    total: 10,
    one: {
      id: 'text::tests::splits_double_space',
      location: 'src/text.rs:20:9',
      detail: ['left: ["a", "", "b"]', 'right: ["a", "b"]'],
    },
  },
  {
    name: 'cargo--tty',
    runner: 'cargo test',
    failed: 5,
    total: 10,
    one: { id: 'tests::ratio_of_equal_panics', location: 'src/lib.rs:52:8', message: /did not panic/ },
  },
  {
    name: 'cargo--no-fail-fast',
    runner: 'cargo test',
    failed: 6,
    total: 12,
    one: { id: 'tests::median_even_length', location: 'src/lib.rs:31:9' },
  },
  {
    name: 'cargo--compile-error',
    runner: 'cargo test',
    failed: 2,
    total: null,
    one: { id: 'compile error[E0308]', location: 'src/lib.rs:59:25', message: /mismatched types/ },
  },
  {
    name: 'go--default',
    runner: 'go test',
    failed: 4,
    total: null,
    one: {
      id: 'example.com/sample/calc TestClamp',
      location: 'calc_test.go:19',
      message: /Clamp\(11, 0, 10\) = 0, want 10/,
    },
    rerun:
      /go test example\.com\/sample\/calc example\.com\/sample\/strutil -run '\^\(TestClamp\|TestPick\|TestFields\|TestParseFlag\)\$'/,
  },
  {
    name: 'go--verbose',
    runner: 'go test',
    failed: 4,
    total: null,
    one: {
      id: 'example.com/sample/strutil TestParseFlag/yes',
      location: 'strutil_test.go:26',
      message: /bad flag: yes/,
    },
  },
  {
    name: 'go--compile-error',
    runner: 'go test',
    failed: 4,
    total: null,
    one: { id: 'calc/broken.go:6', location: 'calc/broken.go:6:17', message: /cannot use Abs\(1\)/ },
  },
  {
    name: 'go--vet',
    runner: 'go vet',
    failed: 5,
    total: null,
    one: { id: 'vetme/report.go:14', location: 'vetme/report.go:14:2', message: /self-assignment/ },
  },
  {
    name: 'tsc5--default',
    runner: 'tsc',
    failed: 5,
    total: null,
    one: { id: 'TS2339 in src/main.ts', location: 'src/main.ts:9:15', message: /Property 'nmae' does not exist/ },
  },
  {
    name: 'tsc7--pretty',
    runner: 'tsc',
    failed: 5,
    total: null,
    one: {
      id: 'TS2339 in src/main.ts',
      location: 'src/main.ts:9:15',
      message: /Property 'nmae' does not exist on type 'User'/,
    },
  },
  {
    name: 'tsgo--color',
    runner: 'tsc',
    failed: 5,
    total: null,
    one: { id: 'TS18048 in src/user.ts', location: 'src/user.ts:12:10', message: /possibly 'undefined'/ },
  },
  {
    name: 'eslint--default',
    runner: 'eslint',
    failed: 3,
    total: null,
    one: {
      id: 'eqeqeq in src/orders.js',
      location: 'src/orders.js:6:20',
      message: /Expected '===' and instead saw '=='/,
    },
  },
  {
    name: 'eslint--max-warnings',
    runner: 'eslint',
    failed: 1,
    total: null,
    one: { id: 'no-console in src/report.js', location: 'src/report.js:3:3', message: /Unexpected console statement/ },
  },
  {
    name: 'oxlint--default',
    runner: 'oxlint',
    failed: 3,
    total: null,
    one: {
      id: 'eslint(no-debugger) in src/cache.js',
      location: 'src/cache.js:5:7',
      message: /`debugger` statement is not allowed/,
    },
  },
  {
    name: 'oxlint--noci',
    runner: 'oxlint',
    failed: 3,
    total: null,
    one: { id: 'eslint(use-isnan) in src/cache.js', location: 'src/cache.js:15:16', message: /NaN/ },
  },
  {
    name: 'biome--check',
    runner: 'biome',
    failed: 6,
    total: null,
    one: {
      id: 'lint/suspicious/noDoubleEquals in src/list.js',
      location: 'src/list.js:11:22',
      message: /Using == may be unsafe/,
    },
  },
  {
    name: 'biome--ci',
    runner: 'biome',
    failed: 6,
    total: null,
    one: { id: 'format in src/list.js', location: 'src/list.js', message: /not formatted/ },
  },
  {
    name: 'ruff--check',
    runner: 'ruff',
    failed: 3,
    total: null,
    one: { id: 'F401 in app/loader.py', location: 'app/loader.py:1:8', message: /`os` imported but unused/ },
  },
  {
    name: 'ruff--check-concise',
    runner: 'ruff',
    failed: 3,
    total: null,
    one: { id: 'B006 in app/loader.py', location: 'app/loader.py:5:22', message: /mutable data structures/ },
  },
  {
    name: 'ruff--format-check',
    runner: 'ruff format',
    failed: 2,
    total: null,
    one: { id: 'format in app/loader.py', location: 'app/loader.py:14', message: /not formatted/ },
  },
  {
    name: 'mypy--default',
    runner: 'mypy',
    failed: 3,
    total: null,
    one: {
      id: 'arg-type in app/service.py',
      location: 'app/service.py:6',
      message: /incompatible type "str"; expected "int"/,
    },
  },
  {
    name: 'prettier--check',
    runner: 'prettier',
    failed: 2,
    total: null,
    one: { id: 'format in src/menu.js', location: 'src/menu.js', message: /not formatted/ },
  },
  {
    name: 'prettier--syntax-error',
    runner: 'prettier',
    failed: 3,
    total: null,
    one: { id: 'SyntaxError in src/bad.js', location: 'src/bad.js:1:7', message: /Unexpected token/ },
  },
  {
    name: 'oxfmt--check',
    runner: 'oxfmt',
    failed: 2,
    total: null,
    one: { id: 'format in src/style.css', location: 'src/style.css', message: /not formatted/ },
  },
  {
    name: 'cargo-fmt--check',
    runner: 'rustfmt',
    failed: 2,
    total: null,
    one: { id: 'format in src/geo.rs', location: 'src/geo.rs:1', message: /not formatted/ },
  },
  {
    name: 'uvu--default',
    runner: 'uvu',
    failed: 8,
    total: 14,
    listed: 8,
    one: {
      id: 'tests/user.test.js > user > lists its roles',
      location: 'tests/user.test.js:17:10',
      message: /^Expected values to be deeply equal: \(equal; \+\+ expected, -- actual\)$/,
      detail: ['    "a",', '++  "c",', '    "b",', '--  "c",'],
    },
    rerun: /npx uvu \. '\(\^\|\/\)\(tests\/math\\\.test\\\.js\|tests\/user\\\.test\\\.js\)\$'/,
  },
  // uvu prints a thrown error's message without its name (TypeError)
  {
    name: 'uvu--default',
    runner: 'uvu',
    failed: 8,
    total: 14,
    one: {
      id: 'tests/user.test.js > greet > greets by nickname',
      location: 'src/user.js:6:38',
      message: /^Cannot read properties of undefined \(reading 'trim'\)$/,
    },
  },
  // node:assert inside uvu: the message is several lines, uvu's own diff follows it
  {
    name: 'uvu--color',
    runner: 'uvu',
    failed: 8,
    total: 14,
    one: {
      id: 'tests/math.test.js > add > adds decimals by node assert',
      location: 'tests/math.test.js:17:14',
      message: /^Expected values to be strictly equal:$/,
      detail: ['++0.3                    (Expected)', '--0.30000000000000004    (Actual)'],
    },
  },
  {
    name: 'uvu--color',
    runner: 'uvu',
    failed: 8,
    total: 14,
    one: {
      id: 'tests/user.test.js > greet > spells the display name',
      location: 'tests/user.test.js:33:10',
      detail: ['++Grace Hopper    (Expected)', '--GRACE HOPPER    (Actual)'],
    },
  },
  // a file run by node: uvu prints no file name
  {
    name: 'uvu--node',
    runner: 'uvu',
    failed: 5,
    total: 7,
    one: {
      id: 'greet > makes initials of a long name',
      location: 'tests/user.test.js:41:10',
      detail: ['--AKLB', '++AKL'],
    },
    rerun: /re-run the failing tests: node tests\/user\.test\.js$/m,
  },
  {
    name: 'clippy--default',
    runner: 'clippy',
    failed: 8,
    total: null,
    listed: 8,
    one: {
      id: 'clippy::needless_return in src/lib.rs',
      location: 'src/lib.rs:8:5',
      message: /^unneeded `return` statement$/,
    },
  },
  // a lint's second diagnostic has no note: its help link names it
  {
    name: 'clippy--default',
    runner: 'clippy',
    failed: 8,
    total: null,
    one: { id: 'clippy::len_zero in src/lib.rs', location: 'src/lib.rs:12:5', message: /^length comparison to zero$/ },
  },
  {
    name: 'clippy--quiet',
    runner: 'clippy',
    failed: 8,
    total: null,
    listed: 8,
    one: {
      id: 'clippy::approx_constant in src/lib.rs',
      location: 'src/lib.rs:16:5',
      message: /approximate value of `f\{32, 64\}::consts::PI` found/,
    },
  },
];

/** What the reason must never carry. */
const PASSING_LINE = /^\s*(✓|✔)\s|^\s*ok \d|^test \S+ \.\.\. ok$|^--- PASS|^\s*PASS\s|\bpassed in\b|^\s*\d+ passing/m;
const STD_FRAME =
  /\(node:|node:internal|\/rustc\/|library\/std\/|\/usr\/lib\/go|runtime\/panic\.go|site-packages\/_pytest/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('runner output → failures', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { reading, text } = read(c.name);
    const run = reading.runs[0];
    expect(run?.runner).toBe(c.runner);
    expect(run?.totals?.failed ?? run?.failures.length).toBe(c.failed);
    if (c.total !== undefined) expect(run?.totals?.total ?? null).toBe(c.total);
    if (c.listed !== undefined) expect(run?.failures).toHaveLength(c.listed);
    const f = run?.failures.find((x) => x.id === c.one.id);
    expect(f, `${c.one.id} in ${run?.failures.map((x) => x.id).join(' | ')}`).toBeDefined();
    expect(f?.location).toBe(c.one.location);
    if (c.one.detail) expect(f?.detail).toEqual(expect.arrayContaining(c.one.detail));
    if (c.one.message) expect(f?.message).toMatch(c.one.message);
    if (c.rerun) expect(text).toMatch(c.rerun);
    // the reason names the totals; for the failures it shows, their ids and locations
    expect(text.split('\n')[0]).toMatch(new RegExp(`^${c.runner.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${c.failed}`));
    for (const shown of (run?.failures ?? []).slice(0, 5)) expect(text).toContain(shown.id.slice(0, 150));
    expect(text.length).toBeLessThan(2000);
    expect(text).not.toMatch(PASSING_LINE);
    expect(text).not.toMatch(STD_FRAME);
    expect(text).not.toMatch(CONTROL);
  });

  it('sums the runs of an npm workspaces test (one node:test run per package) and lists each run once', () => {
    const one = fs.readFileSync(path.join(dir, 'node-test--spec.txt'), 'utf8');
    const both = `\n> @mono/core@1.0.0 test\n> node --test\n\n${one}\n> @mono/ui@1.0.0 test\n> node --test\n\n${one}npm error Lifecycle script \`test\` failed with error:\n`;
    const run = readOutput(both, 'npm test --workspaces', '/nowhere').runs[0];
    expect(run?.totals).toEqual({ failed: 10, total: 18, unit: 'tests' });
    expect(run?.failures).toHaveLength(2 * (readOutput(one, 'node --test', '/nowhere').runs[0]?.failures.length ?? 0));
  });

  it('says "and N more" past the first failures', () => {
    const { text } = read('vitest--large-400');
    expect(text).toMatch(/^vitest: 37 of 400 tests failed$/m);
    expect(text).toMatch(/^… and 32 more$/m);
  });

  it.each(['vitest--allpass', 'jest--allpass', 'pytest--allpass', 'cargo--allpass', 'go--allpass'])(
    '%s: a passing run has no failures',
    (name) => {
      expect(read(name).reading.runs).toEqual([]);
    },
  );

  it.each(['npm--missing-script', 'mocha--collect-error'])(
    '%s: output no parser knows keeps its failing lines, no passing line, no library frame',
    (name) => {
      const { reading, text } = read(name);
      expect(reading.runs).toEqual([]);
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(PASSING_LINE);
      expect(text).not.toMatch(STD_FRAME);
      expect(text).not.toMatch(/node_modules\//);
    },
  );
});

describe('clippy and cargo test', () => {
  const clippyOut = fs.readFileSync(path.join(dir, 'clippy--default.txt'), 'utf8');
  const compileError = fs.readFileSync(path.join(dir, 'cargo--compile-error.txt'), 'utf8');
  const runners = (raw: string, command: string | null): string[] =>
    readOutput(raw, command, '/work/scratch/runners/projects/cargo').runs.map((r) => r.runner);

  it.each(['cargo clippy -- -D warnings', 'npm run lint', null])(
    "cargo test's parser does not list clippy's diagnostics again (command: %s)",
    (command) => {
      expect(runners(clippyOut, command)).toEqual(['clippy']);
    },
  );

  it.each(['env -u RUST_BACKTRACE cargo test --features broken', 'npm test', null])(
    "clippy's parser does not read cargo test's compile errors (command: %s)",
    (command) => {
      expect(runners(compileError, command)).toEqual(['cargo test']);
    },
  );

  it("a check that runs clippy reads its compile errors as clippy's, by their codes", () => {
    const run = readOutput(compileError, 'cargo clippy -- -D warnings').runs;
    expect(run.map((r) => r.runner)).toEqual(['clippy']);
    expect(run[0]?.failures.map((f) => f.id)).toEqual(['E0308 in src/lib.rs', 'E0277 in src/lib.rs']);
  });

  it('a rustc lint named on its first diagnostic only names the later ones with the same message', () => {
    const run = readOutput(clippyOut, 'cargo clippy -- -D warnings').runs[0];
    const unused = run?.failures.filter((f) => f.id === 'unused_variables in src/names.rs');
    expect(unused?.map((f) => f.location)).toEqual(['src/names.rs:2:9', 'src/names.rs:18:9']);
  });
});

describe('uvu and clippy read only their own output', () => {
  const others = fs.readdirSync(dir).filter((f) => f.endsWith('.txt') && !/^(uvu|clippy)--/.test(f));
  it.each(others)('%s', (file) => {
    const raw = fs.readFileSync(path.join(dir, file), 'utf8');
    const name = file.replace(/\.txt$/, '');
    const runs = readOutput(raw, COMMANDS.get(name) ?? null, rootOf(name)).runs.map((r) => r.runner);
    expect(runs).not.toContain('uvu');
    expect(runs).not.toContain('clippy');
  });
});

describe('uvu re-runs', () => {
  const failed = (id: string, location: string): ParsedRun['failures'][number] => ({ id, location, message: 'x' });
  it("keeps the check's preloads and escapes the files' names", () => {
    const r: ParsedRun = {
      runner: 'uvu',
      failures: [
        failed('test/a.test.ts > s > t', 'src/a.ts:3:1'),
        failed('test/b+c.test.ts > u', 'test/b+c.test.ts:9:2'),
      ],
      totals: null,
    };
    expect(rerunFor(r, 'pnpm exec', 'uvu -r tsm test')).toBe(
      "pnpm exec uvu -r tsm . '(^|/)(test/a\\.test\\.ts|test/b\\+c\\.test\\.ts)$'",
    );
  });
  it('runs a file its check ran with node again with node; a source file alone is not run', () => {
    expect(rerunFor({ runner: 'uvu', failures: [failed('s > t', 'test/x.test.js:2:3')], totals: null }, 'npx')).toBe(
      'node test/x.test.js',
    );
    expect(rerunFor({ runner: 'uvu', failures: [failed('s > t', 'src/x.js:2:3')], totals: null }, 'npx')).toBeNull();
  });
});

describe('re-run commands', () => {
  const run = (runner: RunnerName, failures: { id: string; location?: string }[]): ParsedRun => ({
    runner,
    failures: failures.map((f) => ({ message: '', ...f, location: f.location ?? null })),
    totals: null,
  });
  it('pytest: started as the check starts it, each id shell-quoted', () => {
    const r = run('pytest', [
      { id: 'tests/test_types.py::test_range[type8-5-4]' },
      { id: 'tests/test_types.py::test_range_fail[type4-5-0<=x<5]' },
      { id: "tests/t.py::test_x[it's]" },
    ]);
    expect(rerunFor(r, 'npx', '.venv/bin/pytest -q')).toBe(
      `.venv/bin/pytest 'tests/test_types.py::test_range[type8-5-4]' 'tests/test_types.py::test_range_fail[type4-5-0<=x<5]' 'tests/t.py::test_x[it'\\''s]'`,
    );
    expect(rerunFor(run('pytest', [{ id: 'tests/a.py::test_b' }]), 'npx', 'uv run pytest -x')).toBe(
      'uv run pytest tests/a.py::test_b',
    );
    expect(rerunFor(run('pytest', [{ id: 'tests/a.py::test_b' }]), 'npx', 'python -m pytest')).toBe(
      'python -m pytest tests/a.py::test_b',
    );
    expect(rerunFor(run('pytest', [{ id: 'tests/a.py::test_b' }]), 'npx', 'npm run test')).toBe(
      'pytest tests/a.py::test_b',
    );
  });
  it('vitest: a location in a source file (where it threw) is not a file to run', () => {
    const r = run('vitest', [
      { id: 'src/index.spec.ts > a', location: 'src/index.spec.ts:3:1' },
      { id: 'src/index.spec.ts > b', location: 'src/index.ts:310:17' },
    ]);
    expect(rerunFor(r, 'npx')).toBe('npx vitest run src/index.spec.ts');
  });
});

describe('terminal text', () => {
  it('overstrikes as a printer would; a backspace nothing overwrites erases nothing', () => {
    expect(cleanTerminalText('b\bbold _\bu\n')).toBe('bold u\n');
    expect(cleanTerminalText('Variant(f47ac10b) got 2 expected 3\b\nnext')).toBe(
      'Variant(f47ac10b) got 2 expected 3\nnext',
    );
    expect(cleanTerminalText('\u001b[31mred\u001b[0m 50%\r100%')).toBe('100%');
  });
});

describe('assertion details', () => {
  it('a diff keeps its unchanged lines, so a reordering does not read as a no-op', () => {
    const body = [
      'AssertionError: expected [ …(4) ] to deeply equal [ …(4) ]',
      '',
      '- Expected',
      '+ Received',
      '',
      '  [',
      '+   "a",',
      '+   "b",',
      '    "c",',
      '    "d",',
      '-   "a",',
      '-   "b",',
      '  ]',
      '',
      ' ❯ test/x.test.ts:3:9',
    ];
    expect(diffLines(body, /^\+ Received$/)).toEqual([
      '[',
      '+   "a",',
      '+   "b",',
      '"c",',
      '"d",',
      '-   "a",',
      '-   "b",',
      ']',
    ]);
  });
  it('jest 22 puts each value on the line after its label', () => {
    const body = [
      'expect(received).toBe(expected) // Object.is equality',
      '',
      'Expected value to be:',
      '  "2018-03-11T03:00:00-04:00"',
      'Received:',
      '  "2018-03-11T03:00:00-05:00"',
    ];
    expect(labelled(body, /^(Expected|Received)( value)?( to (be|equal))?:/)).toEqual([
      'Expected value to be: "2018-03-11T03:00:00-04:00"',
      'Received: "2018-03-11T03:00:00-05:00"',
    ]);
    expect(labelled(['Expected: 3', 'Received: 4'], /^(Expected|Received):/)).toEqual(['Expected: 3', 'Received: 4']);
  });
});

describe('the re-run command', () => {
  it('is never cut short: past its limit, the first three failures, else the check itself', () => {
    const names = Array.from({ length: 40 }, (_, i) => `TestAVeryLongTestNameNumber${i}`);
    const run: ParsedRun = {
      runner: 'go test',
      failures: names.map((n) => ({ id: `example.com/m/pkg ${n}`, location: null, message: 'x' })),
      totals: null,
    };
    const text = renderReading(
      { text: '', runs: [run] },
      { maxFailures: 5, maxChars: 4000, exec: 'npx', command: 'go test ./...' },
    );
    const line = /re-run the failing tests: (.*)/.exec(text)?.[1] ?? '';
    expect(line).toBe(
      "go test example.com/m/pkg -run '^(TestAVeryLongTestNameNumber0|TestAVeryLongTestNameNumber1|TestAVeryLongTestNameNumber2)$'   (the first 3 of 40)",
    );
    expect(text).not.toMatch(/…'?$/m);
  });
});

describe('vitest locations', () => {
  it('name the test line, not a helper library frame above it', () => {
    const out = [
      ' FAIL  tests/modules/res.test.ts > res > sends json',
      'AssertionError: expected 500 to be 200',
      ' ❯ node_modules/.pnpm/supertest-fetch@2.0.0/node_modules/supertest-fetch/src/Test.ts:149:23',
      ' ❯ tests/modules/res.test.ts:532:7',
      '',
      ' Test Files  1 failed (1)',
      '      Tests  1 failed (1)',
    ].join('\n');
    const f = readOutput(out, 'vitest run', '/repo').runs[0]?.failures[0];
    expect(f?.location).toBe('tests/modules/res.test.ts:532:7');
  });
});

describe('a long reason', () => {
  it('keeps "and N more" and the re-run command when long diffs fill it', () => {
    const detail = Array.from({ length: 4 }, (_, i) => `${i % 2 ? '+' : '-'} ${'x'.repeat(150)}`);
    const failures = Array.from({ length: 17 }, (_, i) => ({
      id: `tests/a.test.ts > case ${i}`,
      location: `tests/a.test.ts:${i + 1}:1`,
      message: 'AssertionError: expected values to match',
      detail,
    }));
    const text = renderReading(
      { text: '', runs: [{ runner: 'vitest', failures, totals: { failed: 17, total: 421, unit: 'tests' } }] },
      { maxFailures: 5, maxChars: 1800, exec: 'pnpm exec' },
    );
    expect(text.length).toBeLessThanOrEqual(1800);
    expect(text).toMatch(/^… and \d+ more$/m);
    expect(text).toMatch(/^re-run the failing tests: pnpm exec vitest run tests\/a\.test\.ts$/m);
    expect(text).not.toMatch(/^…$/m);
  });
});

describe('re-run commands for several failures', () => {
  const run = (runner: ParsedRun['runner'], ids: [string, string | null, string?][]): ParsedRun => ({
    runner,
    failures: ids.map(([id, location, message]) => ({ id, location, message: message ?? 'x' })),
    totals: null,
  });
  it("vitest names every file that failed, not only the first failures'", () => {
    const ids: [string, string | null][] = [
      ...Array.from({ length: 10 }, (_, i): [string, string] => [
        `tests/a.test.ts > a ${i}`,
        `tests/a.test.ts:${i + 1}:1`,
      ]),
      ['tests/b.test.ts > b', 'tests/b.test.ts:3:1'],
    ];
    expect(rerunFor(run('vitest', ids), 'pnpm exec')).toBe('pnpm exec vitest run tests/a.test.ts tests/b.test.ts');
  });
  it('mocha greps the failing titles as one expression', () => {
    expect(
      rerunFor(
        run('mocha', [
          ['etag > a (b)', null],
          ['etag > c.d', null],
        ]),
        'npx',
      ),
    ).toBe('npx mocha --grep "a \\\\(b\\\\)|c\\\\.d"');
  });
  it('unittest leaves out a doctest, which it cannot name', () => {
    const r = run('unittest', [
      ['tests.T.test_a', 'tests.py:3'],
      ['pkg.Thing.method', 'pkg.py:9', 'Failed doctest test for pkg.Thing.method'],
    ]);
    expect(rerunFor(r, 'npx', 'make test')).toBe('python3 -m unittest tests.T.test_a');
  });
});

describe('re-run commands in a workspace', () => {
  it('start in the folder of the package each failing file lies in', () => {
    const fail = (file: string): ParsedRun['failures'][number] => ({
      id: `${file} > t`,
      location: `${file}:3:1`,
      message: 'x',
    });
    const r: ParsedRun = {
      runner: 'vitest',
      failures: [fail('packages/core/src/a.test.ts'), fail('packages/core/src/b.test.ts'), fail('apps/web/x.test.ts')],
      totals: null,
    };
    expect(rerunFor(r, 'pnpm exec', null, ['packages/core', 'apps/web'])).toBe(
      '(cd packages/core && pnpm exec vitest run src/a.test.ts src/b.test.ts); (cd apps/web && pnpm exec vitest run x.test.ts)',
    );
    // files outside every package (tests at the root) run from the root, as before
    const root: ParsedRun = { ...r, failures: [fail('tests/modules/a.test.ts')] };
    expect(rerunFor(root, 'pnpm exec', null, ['packages/core'])).toBe(
      'pnpm exec vitest run tests/modules/a.test.ts -t "t"',
    );
  });
});
