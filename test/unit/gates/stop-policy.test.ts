import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../../src/contracts/events.ts';
import { afterGates, decideStop, preflight, type StopPreflightInput } from '../../../src/domain/gates/stop-policy.ts';

const ok: StopPreflightInput = {
  stopEnabled: true,
  sessionActive: true,
  stopHookActive: false,
  agentId: null,
  backgroundTasks: 0,
};
const r = (name: string, status: GateResult['status'], blocking = true, summary = ''): GateResult => ({
  name,
  status,
  blocking,
  durationMs: 1,
  command: `npm run ${name}`,
  summary,
  fingerprint: 'f',
  cached: false,
});

describe('preflight', () => {
  it.each<[string, Partial<StopPreflightInput>, string]>([
    ['all clear', {}, 'run-gates'],
    ['stop disabled in config', { stopEnabled: false }, 'stop-disabled'],
    ['no active session', { sessionActive: false }, 'no-session'],
    ['stop_hook_active', { stopHookActive: true }, 'stop-hook-active'],
    ['subagent', { agentId: 'a1' }, 'subagent'],
    ['background tasks', { backgroundTasks: 2 }, 'background-tasks'],
  ])('%s', (_, over, expected) => {
    const p = preflight({ ...ok, ...over });
    expect(p.action === 'skip' ? p.reason : p.action).toBe(expected);
  });
});

describe('afterGates', () => {
  const cap = { consecutiveBlocks: 0, blockCap: 3 };
  it.each<[string, GateResult[], number, string, number]>([
    ['all pass', [r('test', 'pass')], 0, 'allow', 0],
    ['blocking failure', [r('test', 'fail')], 0, 'block', 1],
    ['second block', [r('test', 'fail')], 1, 'block', 2],
    ['third block', [r('test', 'fail')], 2, 'block', 3],
    ['cap reached', [r('test', 'fail')], 3, 'allow', 0],
    ['error never blocks', [r('test', 'error')], 0, 'allow', 0],
    ['advisory failure never blocks', [r('docs', 'fail', false)], 0, 'allow', 0],
    ['skipped never blocks', [r('x', 'skipped')], 0, 'allow', 0],
    ['a pass resets the counter', [r('test', 'pass')], 2, 'allow', 0],
    ['nothing ran', [], 1, 'allow', 0],
  ])('%s', (_, results, blocks, action, next) => {
    const d = afterGates(results, { ...cap, consecutiveBlocks: blocks });
    expect(d.action).toBe(action);
    if (d.action === 'block' || d.action === 'allow') expect(d.consecutiveBlocks).toBe(next);
  });

  it('asks for an errors.md entry when the cap lets Stop through', () => {
    const d = afterGates([r('test', 'fail', true, 'a.test.ts:3 expected 1 to be 2')], {
      consecutiveBlocks: 3,
      blockCap: 3,
    });
    expect(d).toMatchObject({ action: 'allow', why: 'cap-reached', recordError: { gates: ['test'] } });
    if (d.action !== 'allow') throw new Error('unreachable');
    expect(d.systemMessage).toMatch(/still failing after 3 blocks.*errors\.md/);
    expect(d.recordError?.summary).toContain('a.test.ts:3');
  });

  it('blocks with the gate, its lines and the command', () => {
    const d = afterGates(
      [r('test', 'fail', true, 'FAIL a.test.ts\nAssertionError: expected 1 to be 2'), r('lint', 'fail', false)],
      cap,
    );
    if (d.action !== 'block') throw new Error('expected a block');
    expect(d.failed).toEqual(['test']);
    expect(d.reason).toContain('re-run: npm run test');
    expect(d.reason).toContain('AssertionError');
    expect(d.reason).toContain('block 1 of 3');
    expect(d.systemMessage).toContain('(1/3)');
  });

  it('mentions gates that could not run and advisory failures on allow', () => {
    const d = afterGates(
      [r('test', 'error', false, 'command not found: vitest'), r('docs', 'fail', false), r('t', 'pass')],
      cap,
    );
    if (d.action !== 'allow') throw new Error('expected allow');
    expect(d.systemMessage).toContain('could not run test (command not found: vitest) — not blocking');
    expect(d.systemMessage).toContain('advisory gate failed: docs');
  });

  it('tells a failure from before the session that ran, one not run on Stop (advisory), and one unchanged since reported', () => {
    const d = afterGates(
      [
        { ...r('test', 'fail', false), preexisting: true },
        { ...r('build', 'fail', false), preexisting: true, cached: true },
        { ...r('lint', 'fail', false), cached: true },
      ],
      cap,
    );
    expect(d.action).toBe('allow');
    expect(d.action === 'allow' && d.systemMessage).toBe(
      'csm: test failing since before this session, nothing new — not blocking; build failing since before this session — advisory, run at task-done and complete; lint still failing, unchanged since reported — not blocking a turn that changed nothing',
    );
  });

  it('says nothing when all pass', () => {
    const d = afterGates([r('test', 'pass')], cap);
    expect(d).toMatchObject({ action: 'allow', systemMessage: null, recordError: null });
  });
});

describe('decideStop', () => {
  it('skips before gates, asks for gates, then decides', () => {
    expect(
      decideStop({
        ...ok,
        stopHookActive: true,
        consecutiveBlocks: 0,
        blockCap: 3,
        gateOutcome: { results: [r('t', 'fail')] },
      }),
    ).toEqual({ action: 'skip', reason: 'stop-hook-active' });
    expect(decideStop({ ...ok, consecutiveBlocks: 0, blockCap: 3 })).toEqual({ action: 'run-gates' });
    expect(
      decideStop({ ...ok, consecutiveBlocks: 0, blockCap: 3, gateOutcome: { results: [r('t', 'fail')] } }).action,
    ).toBe('block');
  });
});
