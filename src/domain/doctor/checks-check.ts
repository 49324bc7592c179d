import { type ChecksFound, checksGap } from '../gates/checks-found.ts';
import { type Check, ok, warn } from './check.ts';

/** Whether Stop runs the project's own tests, lint and typecheck; a project with none is said so, with the fix. */
export function checksCheck(found: ChecksFound | null): Check[] {
  if (found === null) return [];
  const gap = checksGap(found);
  if (gap) return [warn('checks', 'checks', gap.message, gap.fix)];
  const runs = ['tests', found.typecheck ? 'a typecheck' : null, found.lint ? 'a linter' : null].filter(
    (x) => x !== null,
  );
  return [ok('checks', 'checks', `Stop runs the project's ${runs.join(', ')}`)];
}
