import { describe, expect, it } from 'vitest';
import type { JsSources } from '../../../src/contracts/project-facts.ts';
import { nodeTestAffected, resolveImport, testsLoading } from '../../../src/domain/gates/js-affected.ts';

/** A small CommonJS library: an index that loads lib/, tests that load the index or one module. */
const SRC: JsSources = {
  imports: {
    'index.js': ['./lib/command.js', './lib/help'],
    'lib/command.js': ['./suggest.js', './help.js'],
    'lib/help.js': [],
    'lib/suggest.js': [],
    'lib/unused.js': [],
    'src/util.ts': [],
    'src/api.ts': ['./util.js'],
    'tests/command.test.js': ['../'],
    'tests/help.test.js': ['../lib/help.js'],
    'tests/fixtures/helper.js': [],
    'test/api.test.mjs': ['../src/api.js'],
  },
  mains: { '': './index.js' },
};

describe('node --test: the test files that load a changed file', () => {
  it('resolves as node and TypeScript do: extensions, folders with a main, index files, .js naming a .ts', () => {
    expect(resolveImport(SRC, 'tests/command.test.js', '../')).toBe('index.js');
    expect(resolveImport(SRC, 'index.js', './lib/help')).toBe('lib/help.js');
    expect(resolveImport(SRC, 'src/api.ts', './util.js')).toBe('src/util.ts');
    expect(resolveImport(SRC, 'index.js', '../outside.js')).toBeNull();
  });

  it('follows loads through other modules; names what no test loads', () => {
    const isTest = (f: string): boolean => /\.test\.m?js$/.test(f);
    expect(testsLoading(SRC, ['lib/suggest.js'], isTest)).toEqual({ tests: ['tests/command.test.js'], unreached: [] });
    expect(testsLoading(SRC, ['lib/help.js'], isTest)).toEqual({
      tests: ['tests/command.test.js', 'tests/help.test.js'],
      unreached: [],
    });
    expect(testsLoading(SRC, ['lib/unused.js'], isTest)).toEqual({ tests: [], unreached: ['lib/unused.js'] });
  });

  it('runs those files with the same options; everything when a changed file is loaded by no test', () => {
    expect(nodeTestAffected('node --test --test-reporter spec', ['lib/help.js', 'README.md'], () => SRC)).toEqual({
      command: 'node --test --test-reporter spec tests/command.test.js tests/help.test.js',
      scope: 'node --test tests/command.test.js tests/help.test.js',
    });
    expect(nodeTestAffected('cross-env TZ=UTC node --test tests/', ['src/util.ts'], () => SRC)).toBeNull();
    expect(nodeTestAffected('node --test test/', ['src/util.ts'], () => SRC)?.command).toBe(
      'node --test test/api.test.mjs',
    );
    expect(nodeTestAffected('node --test', ['lib/unused.js'], () => SRC)).toBeNull();
    expect(nodeTestAffected('node --test', ['docs/x.md'], () => SRC)).toBeNull();
    expect(nodeTestAffected('node --test "tests/**/*.test.js"', ['lib/help.js'], () => SRC)).toBeNull();
    expect(nodeTestAffected('node --test', ['lib/help.js'], () => null)).toBeNull();
    expect(nodeTestAffected('node index.js', ['lib/help.js'], () => SRC)).toBeNull();
  });
});
