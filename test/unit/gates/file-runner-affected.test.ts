import { describe, expect, it } from 'vitest';
import type { JsSources, TestFilesConfig } from '../../../src/contracts/project-facts.ts';
import { fileRunnerAffected } from '../../../src/domain/gates/file-runner-affected.ts';

/** A library with mocha specs under test/ (one nested) and ava tests under tests/ with a helper. */
const SRC: JsSources = {
  imports: {
    'lib/money.js': [],
    'lib/cart.js': ['./money.js'],
    'lib/log.js': [],
    'lib/unused.js': [],
    'test/money.js': ['../lib/money.js'],
    'test/cart.js': ['../lib/cart.js'],
    'test/deep/log.js': ['../../lib/log.js'],
    'tests/cart.test.js': ['../lib/cart.js'],
    'tests/helpers/money.js': ['../../lib/money.js'],
    'tests/total.test.js': ['./helpers/money.js'],
    'tests/_shared.js': ['../lib/log.js'],
    'tests/other.test.js': [],
  },
  mains: {},
};
const NONE: TestFilesConfig = { mocha: 'none', ava: null };
const mocha = (command: string, files: string[], config = NONE) =>
  fileRunnerAffected('mocha', command, files, () => SRC, config);
const ava = (command: string, files: string[], config = NONE) =>
  fileRunnerAffected('ava', command, files, () => SRC, config);

describe('mocha: the spec files that load a changed file', () => {
  it("runs them with the command's own options, through other modules", () => {
    expect(mocha('mocha --timeout 5000 --reporter dot', ['lib/money.js'])).toEqual({
      command: 'mocha --timeout 5000 --reporter dot test/cart.js test/money.js',
      scope: 'mocha test/cart.js test/money.js',
    });
  });

  it("keeps to mocha's own choice: ./test at its top level, unless --recursive or a spec says more", () => {
    // test/deep/log.js is not run by a plain `mocha`: the change reaches no test of this run
    expect(mocha('mocha', ['lib/log.js'])).toBeNull();
    expect(mocha('mocha --recursive', ['lib/log.js'])?.command).toBe('mocha --recursive test/deep/log.js');
    expect(mocha("mocha 'test/**/*.js'", ['lib/log.js'])?.command).toBe('mocha test/deep/log.js');
    expect(mocha('mocha --spec test/cart.js', ['lib/money.js'])?.command).toBe('mocha test/cart.js');
  });

  it('runs everything when it cannot say: a configuration that picks files, an unknown flag, a file no test loads', () => {
    expect(mocha('mocha', ['lib/money.js'], { mocha: 'selects', ava: null })).toBeNull();
    expect(mocha('mocha', ['lib/money.js'], { mocha: 'plain', ava: null })?.command).toBe(
      'mocha test/cart.js test/money.js',
    );
    expect(mocha('mocha --config other.yml', ['lib/money.js'])).toBeNull();
    expect(mocha('mocha --some-new-flag 3', ['lib/money.js'])).toBeNull();
    expect(mocha('mocha', ['lib/unused.js'])).toBeNull();
    expect(mocha('mocha', ['lib/money.js', 'test/fixtures/data.json'])).toBeNull();
    // a file it cannot see (new and unreadable, or too many files): any test may load it
    expect(mocha('mocha', ['lib/new.js'])).toBeNull();
    expect(fileRunnerAffected('mocha', 'mocha', ['lib/money.js'], () => null, NONE)).toBeNull();
  });

  it('drops watch mode; reads `--flag=value`', () => {
    expect(mocha('mocha -w --timeout=200', ['lib/cart.js'])?.command).toBe('mocha --timeout=200 test/cart.js');
  });
});

describe('ava: the test files that load a changed file', () => {
  it('follows helpers to the tests that load them, never runs a helper or an `_` file as a test', () => {
    // ava's defaults take every file under a test/ or tests/ folder, and *.test.js anywhere
    expect(ava('ava --verbose', ['lib/money.js'])).toEqual({
      command: 'ava --verbose test/cart.js test/money.js tests/cart.test.js tests/total.test.js',
      scope: 'ava test/cart.js test/money.js tests/cart.test.js tests/total.test.js',
    });
    // only tests/_shared.js loads lib/log.js (and test/deep/log.js, one of ava's defaults: **/test/**)
    expect(ava('ava', ['lib/log.js'])?.command).toBe('ava test/deep/log.js');
  });

  it('keeps to the configured files and to the files the command names', () => {
    const files: TestFilesConfig = { mocha: 'none', ava: { files: ['tests/**/*.test.js'], extensions: [] } };
    expect(ava('ava', ['lib/log.js'], files)).toBeNull();
    expect(ava('ava', ['lib/cart.js'], files)?.command).toBe('ava tests/cart.test.js');
    expect(ava('ava tests/cart.test.js', ['lib/money.js'])?.command).toBe('ava tests/cart.test.js');
  });

  it('runs everything with a configuration in code (ava.config.js) or a subcommand', () => {
    expect(ava('ava', ['lib/money.js'], { mocha: 'none', ava: 'unknown' })).toBeNull();
    expect(ava('ava reset-cache', ['lib/money.js'])).toBeNull();
  });
});
