import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../../src/contracts/events.ts';
import { BLOCK_REASON_MAX_CHARS, blockingFailures, blockReason } from '../../../src/domain/gates/block-reason.ts';

const fail = (name: string, summary: string, command: string | null = `npm run ${name}`): GateResult => ({
  name,
  status: 'fail',
  blocking: true,
  durationMs: 5,
  command,
  summary,
  fingerprint: null,
  cached: false,
});

describe('blockReason', () => {
  it('is empty with nothing failed', () => expect(blockReason([])).toBe(''));

  it('names the gate, shows its lines indented and the re-run command', () => {
    const text = blockReason([fail('test', 'src/a.test.ts:4:15\nAssertionError: expected 2 to be 3')]);
    expect(text.split('\n')).toEqual([
      'csm: the gate test failed — fix it before stopping.',
      '✗ test — re-run: npm run test',
      '  src/a.test.ts:4:15',
      '  AssertionError: expected 2 to be 3',
    ]);
  });

  it('gives a built-in check the csm command to re-run it', () => {
    expect(blockReason([fail('no-console', 'a.ts:1: console.log(1)', null)])).toContain(
      're-run: csm gates --only no-console',
    );
  });

  it('stays short with many long failures', () => {
    const long = Array.from(
      { length: 200 },
      (_, i) => `src/file${i}.ts:${i}:1 error TS2322: Type 'string' is not assignable to type 'number'.`,
    ).join('\n');
    const text = blockReason([fail('typecheck', long), fail('test', long), fail('build', long)], {
      attempt: 2,
      cap: 3,
    });
    expect(text.length).toBeLessThanOrEqual(BLOCK_REASON_MAX_CHARS);
    expect(text).toContain('3 gates typecheck, test, build failed');
    expect(text).toContain('block 2 of 3');
    for (const g of ['typecheck', 'test', 'build']) expect(text).toContain(`✗ ${g} — re-run`);
  });

  it('picks blocking failures only', () => {
    const rs: GateResult[] = [
      fail('a', ''),
      { ...fail('b', ''), blocking: false },
      { ...fail('c', ''), status: 'error' },
      { ...fail('d', ''), status: 'pass' },
    ];
    expect(blockingFailures(rs).map((x) => x.name)).toEqual(['a']);
  });
});
