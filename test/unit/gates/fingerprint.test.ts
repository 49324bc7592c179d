import { describe, expect, it } from 'vitest';
import {
  emptyCache,
  failedUnchanged,
  fingerprintOf,
  needsRun,
  parseCache,
  updateCache,
} from '../../../src/domain/gates/fingerprint.ts';
import { fnv1a64 } from '../../../src/kernel/hash.ts';

const gate = { name: 'test', command: 'npm run test', covers: ['**', '!**/*.md'] };
const entries = [
  { path: 'src/a.ts', size: 10, mtimeMs: 1000 },
  { path: 'README.md', size: 5, mtimeMs: 2000 },
];

/** FNV-1a 64 the obvious way, with BigInt: the reference the 32-bit-halves version must match. */
function fnvReference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & ((1n << 64n) - 1n);
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the BigInt reference on 2,000 seeded strings (ASCII, BMP, surrogates, long)', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      const len = k % 100 === 0 ? 5000 : rand(64);
      let s = '';
      for (let i = 0; i < len; i++) s += String.fromCharCode(k % 3 === 0 ? rand(0x10000) : 32 + rand(95));
      expect(fnv1a64(s)).toBe(fnvReference(s));
    }
  });

  it('matches the reference vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});

describe('fingerprintOf', () => {
  const fp = fingerprintOf(entries, 'abc', gate);
  it('is stable and ignores order', () => {
    expect(fingerprintOf([...entries].reverse(), 'abc', gate)).toBe(fp);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
  });
  it.each([
    ['another head', fingerprintOf(entries, 'abd', gate)],
    ['a changed covered file', fingerprintOf([{ ...entries[0]!, mtimeMs: 1001 }, entries[1]!], 'abc', gate)],
    ['a changed size', fingerprintOf([{ ...entries[0]!, size: 11 }, entries[1]!], 'abc', gate)],
    ['another command', fingerprintOf(entries, 'abc', { ...gate, command: 'npm test' })],
    ['a salt', fingerprintOf(entries, 'abc', gate, 'base:x')],
    ['no head', fingerprintOf(entries, null, gate)],
  ])('changes with %s', (_, other) => {
    expect(other).not.toBe(fp);
  });
  it('ignores files the gate does not cover', () => {
    expect(fingerprintOf([entries[0]!, { ...entries[1]!, mtimeMs: 9 }], 'abc', gate)).toBe(fp);
  });
});

describe('the cache', () => {
  const cache = { version: 1 as const, gates: { test: { fingerprint: 'f1', passedAt: 't0' } }, failed: {} };
  it.each([
    ['same fingerprint', 'f1', false, false],
    ['new fingerprint', 'f2', false, true],
    ['forced', 'f1', true, true],
  ])('needsRun with %s', (_, fp, force, expected) => {
    expect(needsRun({ name: 'test' }, fp, cache, force)).toBe(expected);
  });
  it('needs a run for a gate never seen', () => expect(needsRun({ name: 'lint' }, 'f1', cache)).toBe(true));
  it('keeps passes, forgets failures, leaves errors and cached results alone', () => {
    const next = updateCache(
      {
        version: 1,
        gates: {
          test: { fingerprint: 'f1', passedAt: 't0' },
          lint: { fingerprint: 'l1', passedAt: 't0' },
          build: { fingerprint: 'b1', passedAt: 't0' },
        },
        failed: {},
      },
      [
        { name: 'test', status: 'fail', fingerprint: 'f2', cached: false },
        { name: 'lint', status: 'error', fingerprint: 'l2', cached: false },
        { name: 'build', status: 'pass', fingerprint: 'b1', cached: true },
        { name: 'typecheck', status: 'pass', fingerprint: 'c1', cached: false },
      ],
      't1',
    );
    expect(next.gates).toEqual({
      lint: { fingerprint: 'l1', passedAt: 't0' },
      build: { fingerprint: 'b1', passedAt: 't0' },
      typecheck: { fingerprint: 'c1', passedAt: 't1' },
    });
    expect(next.failed).toEqual({ test: { fingerprint: 'f2', failedAt: 't1' } });
  });
  it('remembers the inputs of a failure until the gate passes', () => {
    const failed = updateCache(emptyCache(), [{ name: 'test', status: 'fail', fingerprint: 'x', cached: false }], 't1');
    expect(failedUnchanged({ name: 'test' }, 'x', failed)).toBe(true);
    expect(failedUnchanged({ name: 'test' }, 'y', failed)).toBe(false);
    const passed = updateCache(failed, [{ name: 'test', status: 'pass', fingerprint: 'y', cached: false }], 't2');
    expect(failedUnchanged({ name: 'test' }, 'x', passed)).toBe(false);
    expect(parseCache(JSON.stringify(failed))).toEqual(failed);
  });
  it('remembers the inputs a gate timed out on (not other errors), and reads them back', () => {
    const outcomes = [
      {
        name: 'e2e',
        status: 'error',
        fingerprint: 'e',
        cached: false,
        summary: 'timed out after 300.0 s (limit 300 s)',
      },
      { name: 'lint', status: 'error', fingerprint: 'l', cached: false, summary: 'command not found: eslint' },
    ];
    const next = updateCache(emptyCache(), outcomes, 't1');
    expect(next.failed).toEqual({ e2e: { fingerprint: 'e', failedAt: 't1', timedOut: true } });
    expect(parseCache(JSON.stringify(next))).toEqual(next);
  });
  it.each([
    null,
    '',
    '{',
    '[]',
    '{"version":2,"gates":{}}',
    '{"version":1}',
    '{"version":1,"gates":{"a":null,"b":{"fingerprint":3}}}',
  ])('treats %j as empty', (text) => {
    expect(parseCache(text)).toEqual(emptyCache());
  });
  it('reads a good file', () => {
    expect(parseCache(JSON.stringify(cache))).toEqual(cache);
  });
});
