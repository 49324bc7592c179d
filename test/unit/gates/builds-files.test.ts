import { describe, expect, it } from 'vitest';
import { nodeFacts } from '../../support/project-facts.ts';
import { buildsFiles } from '../../../src/domain/gates/builds-files.ts';

const facts = (scripts: Record<string, string>) => nodeFacts(scripts);

describe('a gate that writes build output (it runs before the others)', () => {
  it.each<[string, string, string, boolean]>([
    ['a test script with a build step', 'test', 'npm run test', true],
    ['a plain test script', 'test', 'npm run plain', false],
    ['a build gate', 'build', 'npm run build', true],
    ['a typecheck', 'compile', 'node_modules/.bin/tsc --noEmit', false],
    ['tsc --build', 'compile', 'tsc --build', true],
  ])('%s', (_name, kind, command, expected) => {
    const f = facts({ test: 'xo && npm run build && ava && tsd', build: 'rollup -c', plain: 'ava' });
    expect(buildsFiles({ kind: kind as 'test', command }, f)).toBe(expected);
  });
});
