/**
 * What one Stop costs the store (issue 25 §4): it takes the store lock once, whatever it decides,
 * and reads each of csm's files at most twice (the gate cache is read again inside the lock before
 * it is rewritten, as every write is). Counted in the built Stop bundle through a preload that
 * wraps node's fs, in a real repository with a real test run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, csmJson, makeTempDir, runHook, writeFiles } from './support/temp-repo.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
/** Appends one line per read of a file under .claude/ and per store lock taken, to $CSM_IO_LOG. */
const PRELOAD = lines(
  "const fs = require('fs');",
  'const log = (s) => fs.appendFileSync(process.env.CSM_IO_LOG, `${s}\\n`);',
  'const readFileSync = fs.readFileSync;',
  'fs.readFileSync = function (p, ...rest) {',
  "  if (typeof p === 'string' && p.includes('/.claude/')) log(`read ${p.slice(p.indexOf('/.claude/') + 1)}`);",
  '  return readFileSync.call(this, p, ...rest);',
  '};',
  'const openSync = fs.openSync;',
  'fs.openSync = function (p, flags, ...rest) {',
  "  const reading = flags === undefined || flags === 'r' || (typeof flags === 'number' && (flags & 3) === fs.constants.O_RDONLY);",
  "  if (reading && typeof p === 'string' && p.includes('/.claude/')) log(`read ${p.slice(p.indexOf('/.claude/') + 1)}`);",
  '  return openSync.call(this, p, flags, ...rest);',
  '};',
  'const mkdirSync = fs.mkdirSync;',
  'fs.mkdirSync = function (p, ...rest) {',
  '  const r = mkdirSync.call(this, p, ...rest);',
  "  if (typeof p === 'string' && p.endsWith('/locks/store.lock')) log('lock');",
  '  return r;',
  '};',
);

const ADD = lines('export const add = (a, b) => a + b;');

describe('one Stop', () => {
  it('takes the store lock once and reads each of its files at most twice, blocking or not', {
    timeout: 180_000,
  }, async () => {
    const dir = createTempRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'p', private: true, type: 'module', scripts: { test: 'node --test' } })}\n`,
        'src/add.js': ADD,
        'test/add.test.js': lines(
          "import test from 'node:test';",
          "import assert from 'node:assert';",
          "import { add } from '../src/add.js';",
          "test('adds', () => assert.equal(add(1, 2), 3));",
        ),
        '.claude/csm.json': `${JSON.stringify({ consoleCheck: { enabled: false }, docsCheck: { enabled: false } })}\n`,
      },
    });
    await csmJson(dir, 'start', 'Count');
    const tools = makeTempDir('csm-io-');
    const preload = path.join(tools, 'count-io.cjs');
    fs.writeFileSync(preload, PRELOAD);
    const stop = async (name: string): Promise<{ out: string; reads: Map<string, number>; locks: number }> => {
      const logFile = path.join(tools, `${name}.log`);
      fs.writeFileSync(logFile, '');
      const payload = {
        session_id: 'io',
        transcript_path: path.join(dir, '.t.jsonl'),
        cwd: dir,
        hook_event_name: 'Stop',
        stop_hook_active: false,
      };
      const env = { NODE_OPTIONS: `--require ${preload}`, CSM_IO_LOG: logFile };
      const r = await runHook('stop', payload, { env, timeoutMs: 120_000 });
      expect(r.code, r.stderr).toBe(0);
      const log = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
      const reads = new Map<string, number>();
      for (const l of log.filter((x) => x.startsWith('read '))) reads.set(l.slice(5), (reads.get(l.slice(5)) ?? 0) + 1);
      return { out: r.stdout, reads, locks: log.filter((l) => l === 'lock').length };
    };

    writeFiles(dir, { 'src/add.js': ADD.replace('a + b', 'a - b') });
    const blocked = await stop('block');
    expect(blocked.out).toMatch(/"decision":"block"/);
    writeFiles(dir, { 'src/add.js': ADD });
    const allowed = await stop('allow');
    expect(allowed.out).not.toMatch(/"decision"/);

    for (const s of [blocked, allowed]) {
      // the preload saw the Stop's reads (a count of nothing proves nothing)
      expect(s.reads.get('.claude/.csm/gate-cache.json')).toBe(2);
      expect(s.locks).toBe(1);
      const twice = [...s.reads].filter(([, n]) => n > 2);
      expect(twice, JSON.stringify([...s.reads])).toEqual([]);
      // the ledger, the session's active pointer and the baselines: read once each
      for (const f of ['.claude/.csm/active', '.claude/.csm/baseline-001.json'])
        expect(s.reads.get(f) ?? 0).toBeLessThanOrEqual(1);
    }
  });
});
