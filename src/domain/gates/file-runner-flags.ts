// The flags of mocha and ava as file-runner-affected.ts reads a command: which take a value, which name files.

export type FileRunner = 'mocha' | 'ava';

export interface RunnerFlags {
  /** Flags that take the next word as their value. */
  value: RegExp;
  /** Flags that take none. */
  bare: RegExp;
  /** Flags that name test files (their value is a spec). */
  spec: RegExp;
  /** Flags that add file extensions. */
  extension: RegExp;
  ignore: RegExp;
  /** Flags that point at another configuration: its file choice is not known here. */
  elsewhere: RegExp;
  /** Watch mode: never on Stop. */
  dropped: RegExp;
}

/** A flag set from its words: `--x` (and `--no-x`, `--x-y`, a family ending in `*`). */
function flags(...words: string[]): RegExp {
  const alt = words.map((w) => w.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*$/, '[\\w-]+'));
  return new RegExp(`^(${alt.join('|')})$`);
}

const MOCHA_VALUE = ['-r', '--require', '-R', '--reporter', '-O', '--reporter-option', '--reporter-options'];
const MOCHA_VALUE_MORE = [
  '-t',
  '--timeout',
  '--timeouts',
  '-s',
  '--slow',
  '-u',
  '--ui',
  '-g',
  '--grep',
  '-f',
  '--fgrep',
];
const MOCHA_VALUE_FILES = ['--file', '--spec', '--extension', '--ignore', '--exclude', '--config', '--package'];
const MOCHA_VALUE_REST = ['--retries', '-j', '--jobs', '-n', '--node-option', '--global', '--globals'];
const MOCHA_BARE = ['--recursive', '--exit', '--sort', '--parallel', '--check-leaks', '--inline-diffs', '--full-trace'];
const MOCHA_BARE_COLOR = ['-c', '--color', '--colors', '-C', '--no-color', '--no-colors', '--diff', '--no-diff'];
const MOCHA_BARE_RUN = ['-A', '--async-only', '--allow-uncaught', '--delay', '--fail-zero', '--forbid-only'];
const MOCHA_BARE_MORE = ['--forbid-pending', '-i', '--invert', '-b', '--bail', '--no-bail', '--enable-source-maps'];
const MOCHA_BARE_NODE = ['--no-warnings', '--experimental-*', '--pass-on-failing-test-suite'];

export const FLAGS: Record<FileRunner, RunnerFlags> = {
  mocha: {
    value: flags(...MOCHA_VALUE, ...MOCHA_VALUE_MORE, ...MOCHA_VALUE_FILES, ...MOCHA_VALUE_REST, '--watch-*'),
    bare: flags(...MOCHA_BARE, ...MOCHA_BARE_COLOR, ...MOCHA_BARE_RUN, ...MOCHA_BARE_MORE, ...MOCHA_BARE_NODE),
    spec: flags('--spec'),
    extension: flags('--extension'),
    ignore: flags('--ignore', '--exclude'),
    elsewhere: flags('--config', '--package', '--no-config', '--no-package'),
    dropped: flags('-w', '--watch'),
  },
  ava: {
    value: flags('-m', '--match', '-T', '--timeout', '-c', '--concurrency', '--node-arguments', '--config'),
    bare: flags(
      '-v',
      '--verbose',
      '-s',
      '--serial',
      '--fail-fast',
      '-u',
      '--update-snapshots',
      '--tap',
      '-t',
      '--color',
      '--no-color',
      '--no-worker-threads',
    ),
    spec: /^$/,
    extension: /^$/,
    ignore: /^$/,
    elsewhere: flags('--config'),
    dropped: flags('-w', '--watch'),
  },
};
