import type { ProjectFacts } from '../../../src/contracts/project-facts.ts';
import { describe, expect, it } from 'vitest';
import { nodeFacts } from '../../support/project-facts.ts';
import { runGateToTheEnd, runToTheEnd } from '../../../src/domain/gates/bail.ts';

const facts = (scripts: Record<string, string>) => nodeFacts(scripts);

describe('running a test command to the end', () => {
  it.each([
    ['mocha --reporter spec --bail --check-leaks test/', 'mocha --reporter spec --check-leaks test/ --no-bail'],
    ['mocha -b', 'mocha --no-bail'],
    // mocha may read bail from .mocharc: said on the command line
    ['mocha test/', 'mocha test/ --no-bail'],
    ['jest --ci --bail', 'jest --ci'],
    ['jest --bail=2 src', 'jest src'],
    ['vitest run --bail 1 --reporter dot', 'vitest run --reporter dot'],
    ['vitest run --bail=3', 'vitest run'],
    ['pytest -x -q', 'pytest -q'],
    ['pytest -xvs tests', 'pytest -vs tests'],
    ['pytest --maxfail 2 tests', 'pytest tests'],
    ['pytest --maxfail=1 --exitfirst', 'pytest'],
    ['go test -failfast ./...', 'go test ./...'],
    ['cargo test --quiet', 'cargo test --quiet --no-fail-fast'],
    ['cargo test -- --nocapture', 'cargo test --no-fail-fast -- --nocapture'],
  ])('%s → %s', (command, ended) => {
    expect(runToTheEnd(command)).toBe(ended);
  });

  it.each(['vitest run', 'jest --ci', 'pytest -q', 'go test ./...', 'eslint .', 'node --test'])(
    '%s runs to the end already',
    (command) => {
      expect(runToTheEnd(command)).toBeNull();
    },
  );

  it('expands a package script and turns off each test step that stops early', () => {
    const scripts = { test: 'npm run lint && mocha --reporter spec --bail test/', lint: 'eslint .' };
    expect(runGateToTheEnd({ command: 'npm run test', kind: 'test' }, facts(scripts))).toEqual([
      'eslint .',
      'mocha --reporter spec test/ --no-bail',
    ]);
    expect(runGateToTheEnd({ command: 'npm run test', kind: 'test' }, facts({ test: 'vitest run' }))).toBeNull();
    expect(runGateToTheEnd({ command: 'npm run lint', kind: 'lint' }, facts(scripts))).toBeNull();
    expect(runGateToTheEnd({ command: 'pytest -x', kind: 'test' }, facts({}))).toEqual(['pytest']);
  });

  it('runs every package of a pnpm -r run, and a workspace build step through its script (clack built twice at once)', () => {
    expect(runToTheEnd('pnpm --color -r run test')).toBe('pnpm --no-bail --color -r run test');
    const scripts = {
      pretest: 'pnpm run build',
      test: 'pnpm -r run test',
      build: 'pnpm --filter "@clack/*" run build',
    };
    const pnpm = {
      node: { scripts, packageManager: 'pnpm' as const, hasTypescript: false },
    } as unknown as ProjectFacts;
    expect(runGateToTheEnd({ command: 'pnpm run test', kind: 'test' }, pnpm)).toEqual([
      'pnpm run build',
      'pnpm --no-bail -r run test',
    ]);
  });
});
