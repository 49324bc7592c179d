import { describe, expect, it } from 'vitest';
import {
  commandOutcome,
  editedFile,
  evidenceKind,
  lineCounts,
  repoRelative,
  statedExitCode,
} from '../../src/domain/edits/edit-facts.ts';
import { isCsmOwnPath } from '../../src/kernel/own-paths.ts';

describe('repoRelative', () => {
  it.each([
    ['/repo', '/repo/src/a.ts', 'src/a.ts'],
    ['/repo', '/repo/./src/../lib/b.ts', 'lib/b.ts'],
    ['/repo', 'src/rel.ts', 'src/rel.ts'],
    ['/repo', '/repository/x.ts', null],
    ['/repo', '/other/x.ts', null],
    ['/repo', '/repo/../etc/passwd', null],
    ['/repo', '/repo', null],
    ['C:\\Users\\me\\repo', 'C:\\Users\\me\\repo\\src\\a.ts', 'src/a.ts'],
    ['C:\\Users\\me\\repo', 'c:\\users\\me\\repo\\src\\B.ts', 'src/B.ts'],
    // on POSIX a backslash is part of a name: `/repo\src\win.ts` is a file in /, not in /repo
    ['/repo', '/repo\\src\\win.ts', null],
    ['/repo', '/repo/src\\win.ts', 'src\\win.ts'],
    ['/repo', '/repo/a\0b', null],
  ])('%s + %s → %s', (root, file, want) => {
    expect(repoRelative(root, file)).toBe(want);
  });
  it("takes a relative path from the tool's working directory", () => {
    expect(repoRelative('/repo', 'rel.js', '/repo/sub/deeper')).toBe('sub/deeper/rel.js');
    expect(repoRelative('/repo', '../up.js', '/repo/sub')).toBe('up.js');
    expect(repoRelative('/repo', '../../../etc/passwd', '/repo/sub')).toBeNull();
    expect(repoRelative('/repo', '/repo/abs.js', '/repo/sub')).toBe('abs.js');
    // a cwd written another way than the root (/private/tmp for /tmp): the root resolves it
    expect(repoRelative('/tmp/repo', 'src/a.js', '/private/tmp/repo')).toBe('src/a.js');
  });
});

describe('lineCounts', () => {
  it('counts + and - lines of the structured patch', () => {
    const resp = { structuredPatch: [{ lines: ['-a', '+b', '+c', ' d'] }, { lines: ['-x'] }] };
    expect(lineCounts('Edit', {}, resp)).toEqual({ added: 2, removed: 2 });
  });
  it('counts a new file by its content', () => {
    expect(
      lineCounts('Write', { content: 'a\nb\n' }, { type: 'create', structuredPatch: [], originalFile: null }),
    ).toEqual({ added: 2, removed: 0 });
  });
  it('survives garbage', () => {
    expect(lineCounts('Edit', {}, { structuredPatch: [null, { lines: 'x' }, { lines: [1, '+ok'] }] })).toEqual({
      added: 1,
      removed: 0,
    });
    expect(lineCounts('Edit', {}, 'nope')).toEqual({ added: 0, removed: 0 });
  });
});

describe('what counts as work', () => {
  it('knows csm’s own files', () => {
    expect(isCsmOwnPath('.claude/sessions/session-001-tasks.json')).toBe(true);
    expect(isCsmOwnPath('.claude/commands/deploy.md')).toBe(false);
    expect(isCsmOwnPath('src/.claude/x')).toBe(false);
  });
  it('finds the edited file of each editing tool', () => {
    expect(editedFile('Write', { file_path: '/a' })).toBe('/a');
    expect(editedFile('NotebookEdit', { notebook_path: '/n.ipynb' })).toBe('/n.ipynb');
    expect(editedFile('Write', { file_path: `/${'p'.repeat(5000)}` })).toBeNull(); // longer than PATH_MAX: not a file that was written
    expect(editedFile('Bash', { command: 'x' })).toBeNull();
  });
  it.each([
    ['npm test', 'test'],
    ['npm run test -- --run', 'test'],
    ['npx vitest run', 'test'],
    ['cargo test', 'test'],
    ['npx tsc --noEmit', 'typecheck'],
    ['npm run lint', 'lint'],
    ['npm run build', 'build'],
    ['ls -la', null],
    ['git commit -m "test"', null],
  ])('%s is %s evidence', (cmd, kind) => {
    expect(evidenceKind(cmd)).toBe(kind);
  });
});

describe('commandOutcome: whether a check command passed, when that is known', () => {
  it.each([
    ['Claude Code: PostToolUse with its result object', false, { stdout: 'ok', interrupted: false }, 'pass'],
    ['Claude Code: PostToolUseFailure', true, 'Exit code 1', 'fail'],
    ['Claude Code: interrupted', false, { interrupted: true }, 'fail'],
    ['no result at all', false, undefined, 'pass'],
    ['Codex: the output only, no exit code (a failing npm test looks like this)', false, 'out\nerr\n', null],
    ['Codex: a result that states exit 0', false, 'Exit code: 0\nWall time: 0 seconds\nOutput:\nok', 'pass'],
    ['Codex: a result that states exit 3', false, 'Exit code: 3\nOutput:\nfailed', 'fail'],
    ['text that only mentions an exit code', false, 'tests ran. Exit code: 0', null],
  ] as const)('%s → %s', (_what, failed, response, want) => {
    expect(commandOutcome(failed, response)).toBe(want);
  });
  it('statedExitCode reads only an opening `Exit code: N`', () => {
    expect(statedExitCode('Exit code: 12\n')).toBe(12);
    expect(statedExitCode('Exit code: x')).toBeNull();
    expect(statedExitCode({ exitCode: 0 })).toBeNull();
  });
});
