import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/contracts/run-result.ts';
import { commandOutcome } from '../../../src/domain/gates/command-outcome.ts';
import type { GateDef } from '../../../src/domain/gates/gate-def.ts';

const gate = (command: string): GateDef => ({ name: 'test', kind: 'test', command, blocking: true }) as GateDef;
const ran = (output: string, exitCode = 2): RunResult => ({
  exitCode,
  signal: null,
  timedOut: false,
  notFound: false,
  output,
  durationMs: 5,
});

describe('a gate whose program is not installed could not run: it does not fail', () => {
  it("reads make's Error 127 and pnpm's `Command not found` as a missing program", () => {
    const make = commandOutcome(
      gate('make lint'),
      ran(
        'golangci-lint run ./...\nmake: golangci-lint: No such file or directory\nmake: *** [Makefile:2: lint] Error 127\n',
      ),
    );
    expect(make.status).toBe('error');
    expect(make.output).toMatch(/^command not found: golangci-lint — install it/);
    const pnpm = commandOutcome(
      gate('pnpm exec vitest run'),
      ran(' ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL  Command "vitest" not found\n', 254),
    );
    expect(pnpm.output).toMatch(/^command not found: vitest/);
    // a test that fails with exit 2 under make is a failure, not a missing program
    expect(commandOutcome(gate('make test'), ran('FAIL x\nmake: *** [Makefile:4: test] Error 1\n')).status).toBe(
      'fail',
    );
  });
});

describe('a chained script run step by step, against the baseline', () => {
  const steps = (lint: boolean): string =>
    [
      '::csm-step:: node lint.js',
      ...(lint ? ['src/a.js:3:1 no-var', '::csm-step-failed:: 1'] : ['clean']),
      '::csm-step:: node tests.js',
      'boom: the old failure',
      '::csm-step-failed:: 1',
    ].join('\n');
  const base = {
    status: 'fail' as const,
    failures: null,
    failed: null,
    lines: ['boom: the old failure'],
    everyStep: true,
    failedSteps: [1],
  };

  it('blocks when a step that passed before fails now, whatever no parser reads in it', () => {
    const now = commandOutcome(gate('npm run test'), ran(steps(true), 1), undefined, base);
    expect(now.read?.preexisting).toBeUndefined();
    expect(now.read?.failedSteps).toEqual([0, 1]);
    expect(now.output).toMatch(/a step of its script that passed then fails now \(step 1\)/);
  });

  it('says nothing new when the same steps fail as before', () => {
    const same = commandOutcome(gate('npm run test'), ran(steps(false), 1), undefined, base);
    expect(same.read?.failedSteps).toEqual([1]);
    expect(same.read?.preexisting).toBe(true);
  });
});
