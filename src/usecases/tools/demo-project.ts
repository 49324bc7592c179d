import { git, writeProjectFile as write } from '../../adapters/tools/scratch.ts';
import type { DemoIo } from './demo-io.ts';

/** The small project `csm demo` works in, the plan Claude proposes for it, and the code Claude writes. */

export const PLAN = {
  tasks: [
    {
      ref: 'clamp',
      title: 'Add clamp(value, min, max) to src/math.js',
      agent: 'backend-specialist',
      estimateMinutes: 15,
      expectedLines: 12,
      criteria: ['clamp keeps a value inside [min, max]', 'min > max throws a RangeError'],
      tests: ['clamps below, inside and above the range', 'throws on an inverted range'],
      files: ['src/math.js', 'test/math.test.js'],
      dependsOn: [],
    },
    {
      ref: 'docs',
      title: 'Document clamp in the README',
      agent: 'documentation-writer',
      estimateMinutes: 5,
      expectedLines: 6,
      criteria: ['README shows a clamp example'],
      tests: [],
      files: ['README.md'],
      dependsOn: ['clamp'],
    },
  ],
  risks: [{ risk: 'Off-by-one at the bounds', mitigation: 'Test both bounds exactly' }],
};

/** The demo project: a package with one helper and its test, committed. */
const DEMO_PACKAGE = {
  name: 'csm-demo-project',
  private: true,
  type: 'module',
  scripts: { test: 'node --test test/' },
};

export function makeProject(root: string, io: DemoIo): void {
  io.say(`csm demo — a real session in a fresh git repo: ${root}\n`);
  write(root, 'package.json', `${JSON.stringify(DEMO_PACKAGE, null, 2)}\n`);
  write(root, 'src/math.js', 'export const add = (a, b) => a + b;\n');
  write(
    root,
    'test/math.test.js',
    "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from " +
      "'../src/math.js';\n\ntest('add', () => assert.equal(add(2, 3), 5));\n",
  );
  write(root, 'README.md', '# demo project\n\nSmall math helpers.\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial project');
}

/** clamp() as Claude first writes it (the bug: min where max belongs), and as it fixes it. */
export const MATH_BUGGY =
  'export const add = (a, b) => a + b;\n\nexport function clamp(value, min, max) {\n  if (min > max) throw ' +
  'new RangeError(`min ${min} > max ${max}`);\n  return Math.min(Math.max(value, min), min);\n}\n';
export const MATH_FIXED = MATH_BUGGY.replace('value, min), min)', 'value, min), max)');

/** The tests Claude writes for clamp(). */
export const MATH_TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add, clamp } from " +
  "'../src/math.js';\n\ntest('add', () => assert.equal(add(2, 3), 5));\ntest('clamp keeps values in range', " +
  '() => {\n  assert.equal(clamp(-1, 0, 10), 0);\n  assert.equal(clamp(5, 0, 10), 5);\n  ' +
  "assert.equal(clamp(11, 0, 10), 10);\n});\ntest('clamp refuses an inverted range', () => assert.throws(() " +
  '=> clamp(1, 2, 0), RangeError));\n';

export const README_DOC = '# demo project\n\nSmall math helpers.\n\n```js\nclamp(11, 0, 10); // 10\n```\n';
