import { describe, expect, it } from 'vitest';
import type { ProjectFacts } from '../../../src/contracts/project-facts.ts';
import { emptyCache, type GateCache } from '../../../src/domain/gates/fingerprint.ts';
import type { GateDef } from '../../../src/domain/gates/gate-def.ts';
import { keptFailure, keptPass, runPlan } from '../../../src/domain/gates/gate-plan.ts';

const AT = '2026-12-06T10:00:00.000Z';
const cache = (timedOut = false): GateCache =>
  ({
    ...emptyCache(),
    gates: { test: { fingerprint: 'old', passedAt: AT } },
    failed: { test: { fingerprint: 'fp', failedAt: AT, ...(timedOut ? { timedOut: true } : {}) } },
  }) as GateCache;
const gate = { name: 'test', kind: 'test', command: 'npm run test' } as GateDef;
const facts = (scripts: Record<string, string>): ProjectFacts =>
  ({ node: { scripts, packageManager: 'npm', hasTypescript: false }, workspaces: [] }) as unknown as ProjectFacts;

describe('gate plan: what runs, decided before anything starts', () => {
  it('keeps a reported failure on the same files on Stop and after it, never at task-done', () => {
    expect(keptFailure(gate, 'fp', cache(), 'stop')).toEqual({
      outcome: { status: 'fail', output: `still failing, unchanged since ${AT} (csm gates shows the output)` },
      nonBlocking: true,
    });
    expect(keptFailure(gate, 'fp', cache(), 'after-stop')?.outcome.status).toBe('fail');
    expect(keptFailure(gate, 'fp', cache(), 'task-done')).toBeNull();
    expect(keptFailure(gate, 'other', cache(), 'stop')).toBeNull();
  });

  it('does not start again on Stop a gate that timed out on these files', () => {
    expect(keptFailure(gate, 'fp', cache(true), 'stop')?.outcome).toEqual({
      status: 'error',
      output: `timed out at ${AT} on these same files — not started again until they change (csm gates --force runs it)`,
    });
    expect(keptPass(gate, cache()).outcome.output).toBe(`unchanged since it passed (${AT})`);
  });

  it('runs each step of a chained script to the end when the baseline did, and the runner without its bail', () => {
    const chained = facts({ test: 'node a.js && mocha --bail' });
    const plain = runPlan(gate, chained, null, 'stop', () => ({ status: 'pass', failures: [], failed: 0 }));
    expect(plain).toMatchObject({ command: 'npm run test', everyStep: false, toTheEnd: false, retry: null });
    const every = runPlan(gate, chained, null, 'stop', () => ({
      status: 'fail',
      failures: null,
      failed: null,
      everyStep: true,
      toTheEnd: true,
    }));
    expect(every.everyStep).toBe(true);
    expect(every.command).toMatch(/\(node a\.js\).*\(mocha --no-bail\)/);
    // at the baseline: the run as written, and a retry of every step should it fail part-way
    expect(runPlan(gate, chained, null, 'baseline', () => undefined).retry?.command).toMatch(/node a\.js/);
  });
});
