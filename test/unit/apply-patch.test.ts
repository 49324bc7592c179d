import { describe, expect, it } from 'vitest';
import { appliedPatch, patchSections, touchedFiles } from '../../src/domain/edits/apply-patch.ts';

const patch = (...lines: string[]): string => ['*** Begin Patch', ...lines, '*** End Patch', ''].join('\n');

describe('touchedFiles: every file an apply_patch call touched, with its lines', () => {
  it.each([
    [
      'a new file (the payload Codex 0.171.0 sends)',
      patch('*** Add File: src/hello.txt', '+helo world'),
      [{ path: 'src/hello.txt', added: 1, removed: 0 }],
    ],
    [
      'an update with one hunk',
      patch('*** Update File: src/a.txt', '@@', '-one', '+uno'),
      [{ path: 'src/a.txt', added: 1, removed: 1 }],
    ],
    [
      'an update with two hunks, context lines and a hunk header',
      patch(
        '*** Update File: src/math.js',
        '@@ export function add(a, b) {',
        ' keep',
        '-  return a - b;',
        '+  return a + b;',
        '@@',
        ' x',
        '+// more',
        '+// and more',
        '*** End of File',
      ),
      [{ path: 'src/math.js', added: 3, removed: 1 }],
    ],
    [
      'add, update and delete in one call (Codex sends them as one)',
      patch(
        '*** Add File: src/b.txt',
        '+two',
        '*** Update File: src/a.txt',
        '@@',
        '-one',
        '+uno',
        '*** Delete File: README.md',
      ),
      [
        { path: 'src/b.txt', added: 1, removed: 0 },
        { path: 'src/a.txt', added: 1, removed: 1 },
        { path: 'README.md', added: 0, removed: 0 },
      ],
    ],
    [
      'a move: where it went (with the lines) and where it was',
      patch('*** Update File: src/old.js', '*** Move to: lib/new.js', '@@', '-a', '+b', '+c'),
      [
        { path: 'src/old.js', added: 0, removed: 0 },
        { path: 'lib/new.js', added: 2, removed: 1 },
      ],
    ],
    [
      'a move to the same path is an update',
      patch('*** Update File: a.js', '*** Move to: a.js', '@@', '+x'),
      [{ path: 'a.js', added: 1, removed: 0 }],
    ],
    [
      'one file named twice: once, lines summed',
      patch('*** Update File: a.js', '@@', '+x', '*** Update File: a.js', '@@', '-y', '+z'),
      [{ path: 'a.js', added: 2, removed: 1 }],
    ],
    [
      'CRLF line ends and a padded path',
      patch('*** Add File:  src/w.txt ', '+a', '+b').replace(/\n/g, '\r\n'),
      [{ path: 'src/w.txt', added: 2, removed: 0 }],
    ],
    [
      'an absolute path, as written',
      patch('*** Add File: /repo/src/abs.txt', '+a'),
      [{ path: '/repo/src/abs.txt', added: 1, removed: 0 }],
    ],
    ['an empty new file', patch('*** Add File: empty.txt'), [{ path: 'empty.txt', added: 0, removed: 0 }]],
    [
      'a deleted file has no lines counted',
      patch('*** Delete File: gone.txt', '-ignored'),
      [{ path: 'gone.txt', added: 0, removed: 0 }],
    ],
    [
      'text around the envelope is skipped',
      `Here it is:\n${patch('*** Add File: x.txt', '+1')}thanks\n+not counted\n`,
      [{ path: 'x.txt', added: 1, removed: 0 }],
    ],
    [
      'content that looks like a header inside a hunk stays content',
      patch('*** Add File: doc.md', '+*** Add File: no'),
      [{ path: 'doc.md', added: 1, removed: 0 }],
    ],
    [
      'a header with no path is left out',
      patch('*** Add File: ', '+x', '*** Update File: ok.js', '@@', '+y'),
      [{ path: 'ok.js', added: 1, removed: 0 }],
    ],
    ['no patch at all', 'ls -la', []],
    ['empty text', '', []],
  ])('%s', (_name, text, want) => {
    expect(touchedFiles(text)).toEqual(want);
  });
});

describe('patchSections: the sections as written', () => {
  it('keeps the kind of change and the move', () => {
    const text = patch(
      '*** Delete File: a',
      '*** Update File: b',
      '*** Move to: c',
      '@@',
      '-1',
      '*** Add File: d',
      '+1',
    );
    expect(patchSections(text)).toEqual([
      { path: 'a', change: 'delete', movedTo: null, added: 0, removed: 0 },
      { path: 'b', change: 'update', movedTo: 'c', added: 0, removed: 1 },
      { path: 'd', change: 'add', movedTo: null, added: 1, removed: 0 },
    ]);
  });
  it('reads a patch of ten thousand lines in one pass', () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `+line ${i}`);
    expect(touchedFiles(patch('*** Add File: big.txt', ...body))).toEqual([
      { path: 'big.txt', added: 10_000, removed: 0 },
    ]);
  });
});

describe('appliedPatch: the patch of an apply_patch call that went through', () => {
  const text = patch('*** Add File: a.txt', '+a');
  const ok = 'Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nA a.txt\n';
  it.each([
    ['apply_patch', { command: text }, ok, text],
    ['apply_patch', { command: text }, undefined, text],
    ['apply_patch', { command: text }, 'Success.', text],
    ['apply_patch', { command: text }, 'Exit code: 1\nOutput:\nerror: no such file', null],
    ['apply_patch', { command: '' }, ok, null],
    ['apply_patch', { command: 42 }, ok, null],
    ['apply_patch', {}, ok, null],
    ['Bash', { command: text }, ok, null],
    [undefined, { command: text }, ok, null],
  ])('%s %j %j', (tool, input, response, want) => {
    expect(appliedPatch(tool, input, response)).toBe(want);
  });
});
