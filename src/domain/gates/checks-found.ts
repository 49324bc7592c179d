import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { GateDef } from './gate-def.ts';

/** What of the project's own checks Stop runs: tests, a typecheck, a linter (csm's console and docs checks aside). */
export interface ChecksFound {
  test: boolean;
  typecheck: boolean;
  lint: boolean;
  /** package.json's `test` is `npm init`'s placeholder ("no test specified"), which csm does not run. */
  placeholder: boolean;
}

export function checksFound(gates: readonly GateDef[], facts: ProjectFacts): ChecksFound {
  const onStop = gates.filter((g) => g.command !== null && g.source !== 'builtin' && g.when.includes('stop'));
  const has = (kind: GateDef['kind']): boolean => onStop.some((g) => g.kind === kind);
  return {
    test: has('test'),
    typecheck: has('compile'),
    lint: has('lint'),
    placeholder: /no test specified/.test(facts.node?.scripts.test ?? ''),
  };
}

const ADD_TEST =
  'add a "test" script to package.json (or a Makefile target, pytest, go test, cargo test), or a gate to ' +
  '.claude/csm.json: {"gates": [{"name": "test", "command": "<your test command>"}]}';

/**
 * What Stop will not check, plainly, with the fix; null when it runs the project's tests. Said by
 * `csm start`, `csm status` and `csm doctor`: a project with no checks is not protected silently.
 */
export function checksGap(found: ChecksFound): { message: string; fix: string } | null {
  if (found.test) return null;
  const placeholder = found.placeholder ? ` (package.json's "test" is npm init's placeholder, not a test)` : '';
  const others = [found.typecheck ? 'a typecheck' : null, found.lint ? 'a linter' : null].filter((x) => x !== null);
  const message = others.length
    ? `no tests found${placeholder}: Stop runs ${others.join(' and ')} but cannot catch a test that breaks`
    : `no test, lint or typecheck found${placeholder}: Stop checks only for console leftovers and docs, ` +
      'so it cannot catch a broken build or a failing test';
  return { message, fix: ADD_TEST };
}
