import { type Check, ok, problem, warn } from './check.ts';

export const MIN_NODE = [20, 19] as const;

/** "v20.19.1" or "20.19.1" → [20, 19, 1]; null when it is not a version. */
export function parseVersion(v: string): [number, number, number] | null {
  const m = /^v?([0-9]+)\.([0-9]+)(?:\.([0-9]+))?/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

export function nodeCheck(version: string): Check {
  const v = parseVersion(version);
  const good = v !== null && (v[0] > MIN_NODE[0] || (v[0] === MIN_NODE[0] && v[1] >= MIN_NODE[1]));
  return good
    ? ok('node', 'environment', `Node ${version} (needs >= ${MIN_NODE.join('.')})`)
    : problem(
        'node',
        'environment',
        `Node ${version} is too old: csm needs >= ${MIN_NODE.join('.')}`,
        'install Node 20.19 or newer (e.g. nvm install 22 && nvm use 22)',
      );
}

export function gitChecks(gitVersion: string | null, isRepo: boolean): Check[] {
  return [
    gitVersion
      ? ok('git', 'environment', `git ${gitVersion} on PATH`)
      : warn(
          'git',
          'environment',
          'git is not on PATH: context snapshots lose branch, commits and changed files',
          'install git (https://git-scm.com/downloads) and make sure `git --version` works',
        ),
    isRepo
      ? ok('repo', 'environment', 'inside a git repository')
      : warn(
          'repo',
          'environment',
          'not a git repository: sessions work, but branch, commits and changed files are not recorded',
          'git init (then commit .claude/ with your work)',
        ),
  ];
}

export interface ConfigFacts {
  exists: boolean;
  errors: string[];
  warnings: string[];
}

export function configChecks(c: ConfigFacts): Check[] {
  if (!c.exists) return [ok('config', 'config', 'no .claude/csm.json: the defaults apply')];
  if (c.errors.length) {
    return c.errors.map((e, i) =>
      problem(
        `config${i ? `:${i}` : ''}`,
        'config',
        e,
        'correct the named field in .claude/csm.json (csm doctor lists them all), or delete the file to use ' +
          'the defaults',
      ),
    );
  }
  return [
    ok('config', 'config', '.claude/csm.json is valid'),
    ...c.warnings.map((w, i) =>
      warn(
        `config:unknown:${i}`,
        'config',
        w,
        'remove or rename the key in .claude/csm.json (a typo is ignored silently otherwise)',
      ),
    ),
  ];
}
