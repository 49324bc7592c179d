import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/contracts/config.ts';
import { addedLines, consoleCheck } from '../../../src/domain/gates/console-check.ts';

const patterns = DEFAULT_CONFIG.consoleCheck.patterns;

const diff = (file: string, start: number, lines: string[], removed: string[] = []): string =>
  [
    `diff --git a/${file} b/${file}`,
    'index 1111111..2222222 100644',
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -${start},${removed.length} +${start},${lines.length} @@`,
    ...removed.map((l) => `-${l}`),
    ...lines.map((l) => `+${l}`),
  ].join('\n');

describe('addedLines', () => {
  it('numbers added lines from the hunk header', () => {
    const text = diff('src/a.ts', 10, ['const a = 1;', 'console.log(a);'], ['old()']);
    expect(addedLines(text)).toEqual([
      { file: 'src/a.ts', line: 10, text: 'const a = 1;' },
      { file: 'src/a.ts', line: 11, text: 'console.log(a);' },
    ]);
  });
  it('reads a new file, a deleted file and an added line starting with "++ "', () => {
    const text = [
      'diff --git a/n.ts b/n.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/n.ts',
      '@@ -0,0 +1,2 @@',
      '+++ x',
      '+debugger;',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-console.log(1)',
    ].join('\n');
    expect(addedLines(text)).toEqual([
      { file: 'n.ts', line: 1, text: '++ x' },
      { file: 'n.ts', line: 2, text: 'debugger;' },
    ]);
  });
  it('counts context lines when the diff has them', () => {
    const text = ['--- a/x.py', '+++ b/x.py', '@@ -1,2 +1,3 @@', ' a', '+b', ' c'].join('\n');
    expect(addedLines(text)).toEqual([{ file: 'x.py', line: 2, text: 'b' }]);
  });
  it('unquotes unusual file names', () => {
    const text = ['+++ "b/we\\"ird.ts"', '@@ -0,0 +1 @@', '+x'].join('\n');
    expect(addedLines(text)[0]?.file).toBe('we"ird.ts');
  });
});

describe('consoleCheck', () => {
  it.each([
    ['src/a.ts', 'console.log(x)', 'fail'],
    ['src/a.ts', '  console.debug("x")', 'fail'],
    ['src/a.ts', 'console.error(e)', 'pass'],
    ['src/a.ts', 'debugger;', 'fail'],
    ['src/a.ts', 'const debuggerOn = true;', 'pass'],
    ['app.py', 'breakpoint()', 'fail'],
    ['app.py', 'import pdb; pdb.set_trace()', 'fail'],
    ['src/main.rs', 'dbg!(x);', 'fail'],
    ['src/a.ts', 'console.log(x) // csm-ignore', 'pass'],
    ['src/a.test.ts', 'console.log(x)', 'pass'],
    ['test/helpers.ts', 'console.log(x)', 'pass'],
    ['pkg/__tests__/a.js', 'console.log(x)', 'pass'],
    ['tests/test_app.py', 'breakpoint()', 'pass'],
    ['README.md', 'console.log("usage")', 'pass'],
  ])('%s: %s → %s', (file, line, status) => {
    expect(consoleCheck(diff(file, 1, [line]), patterns).status).toBe(status);
  });

  it('does not look at removed lines', () => {
    expect(consoleCheck(diff('a.ts', 1, ['x()'], ['console.log(1)']), patterns).status).toBe('pass');
  });

  it('lists findings as file:line with a hint', () => {
    const out = consoleCheck(diff('src/a.ts', 7, ['ok()', 'console.log(a)']), patterns);
    expect(out.findings).toEqual([{ file: 'src/a.ts', line: 8, text: 'console.log(a)' }]);
    expect(out.output).toContain('src/a.ts:8: console.log(a)');
    expect(out.output).toContain('csm-ignore');
  });

  it('caps the listed findings', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `console.log(${i})`);
    const out = consoleCheck(diff('a.ts', 1, lines), patterns);
    expect(out.findings).toHaveLength(30);
    expect(out.output).toContain('… and 10 more');
  });

  it('reports invalid patterns as an error only when none is usable', () => {
    expect(consoleCheck(diff('a.ts', 1, ['x']), ['(']).status).toBe('error');
    expect(consoleCheck(diff('a.ts', 1, ['console.log(1)']), ['(', 'console\\.log']).status).toBe('fail');
  });

  it('passes on an empty diff', () => expect(consoleCheck('', patterns).status).toBe('pass'));
});
