/**
 * SessionStart's cached fold (src/adapters/store/fold-snapshot.ts) on the real file system: what
 * it answers equals a fold of the whole ledger wherever the digest looks (tasks, active time,
 * Claude sessions, gate runs, the newest edits), and a cache that no longer fits the ledger or
 * the idle threshold is never used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/contracts/events.ts';
import { foldWithSnapshot } from '../../src/usecases/session/fold-with-cache.ts';
import { sessionActiveMs, taskActiveMs } from '../../src/domain/tasks/projection.ts';
import { type SessionState } from '../../src/domain/tasks/session-state.ts';
import { foldEvents } from '../../src/domain/tasks/fold-events.ts';
import { edit, ev, spec, started, T0 } from '../support/events.ts';
import { scratchDir } from './support/hook-runner.ts';

const IDLE = 15 * 60_000;

/** A busy session: two tasks, an edit every 20 s for `minutes`, a long break, Claude sessions and a gate run. */
function session(minutes: number): LedgerEvent[] {
  const out: LedgerEvent[] = [
    ev(0, started()),
    ev(0, { type: 'task.added', task: spec(1) }),
    ev(0, { type: 'task.added', task: spec(2) }),
    ev(0.5, { type: 'task.started', id: 'task-1' }),
  ];
  for (let m = 1; m < minutes; m += 1 / 3) {
    const gap = m > minutes / 2 && m < minutes / 2 + 1 ? 45 : 0; // someone walked away once
    out.push(ev(m + gap, edit(`src/f${Math.floor(m) % 37}.ts`, 'task-1')));
  }
  out.push(ev(minutes + 46, { type: 'claude.session', claudeSession: 'cs-2', source: 'resume' }));
  out.push(
    ev(minutes + 47, { type: 'task.completed', id: 'task-1', output: null, forced: false, noCode: false, missing: [] }),
  );
  out.push(ev(minutes + 47, { type: 'task.started', id: 'task-2' }));
  return out;
}

const write = (file: string, events: LedgerEvent[], flag = 'w'): void =>
  fs.writeFileSync(file, events.map((e) => `${JSON.stringify(e)}\n`).join(''), { flag });

/** What the digest reads, as plain data. */
function digestView(s: SessionState, now: number): unknown {
  return {
    tasks: s.tasks.map((t) => ({ id: t.id, status: t.status, files: t.files, active: taskActiveMs(s, t, now, IDLE) })),
    session: sessionActiveMs(s, now, IDLE),
    claudeSessions: s.claudeSessions,
    gateRuns: s.gateRuns,
    lastEventAt: s.lastEventAt,
    newestEdits: s.edits.slice(-300),
  };
}

function setUp(events: LedgerEvent[]): { ledger: string; local: string } {
  const dir = scratchDir('csm-fold-');
  const ledger = path.join(dir, 'session-001-events.jsonl');
  write(ledger, events);
  return { ledger, local: path.join(dir, '.csm') };
}

describe('the cached fold of SessionStart', () => {
  it('answers what a whole fold answers, for the digest, before and after more events are appended', () => {
    const first = session(300); // ~900 edits
    const { ledger, local } = setUp(first);
    const now = T0 + 400 * 60_000;
    const a = foldWithSnapshot(ledger, local, '001', IDLE); // no cache yet: whole fold, cache written
    expect(a.editsLeftOut).toBe(0);
    expect(fs.existsSync(path.join(local, 'cache', 'fold-001.json'))).toBe(true);
    const more = [ev(360, edit('src/late.ts', 'task-2')), ev(361, { type: 'gate.run', trigger: 'stop', results: [] })];
    write(ledger, more, 'a');
    const b = foldWithSnapshot(ledger, local, '001', IDLE); // from the cache + 2 new events
    const whole = foldEvents('001', [...first, ...more]);
    expect(digestView(b.state, now)).toEqual(digestView(whole, now));
    expect(b.state.edits.length).toBeLessThanOrEqual(302);
    expect(b.editsLeftOut).toBe(whole.edits.length - b.state.edits.length);
    expect(b.editsLeftOut).toBeGreaterThan(500);
    // the cache holds a compacted activity, far shorter than one point per event
    const cached = JSON.parse(fs.readFileSync(path.join(local, 'cache', 'fold-001.json'), 'utf8')) as {
      state: SessionState;
    };
    expect(cached.state.activity.length).toBeLessThan(whole.activity.length / 10);
  });

  it('is not used when the ledger was rewritten, the idle threshold changed, or the last line is torn', () => {
    const events = session(60);
    const { ledger, local } = setUp(events);
    foldWithSnapshot(ledger, local, '001', IDLE);
    // the same length, other bytes at the end: the cache's tail no longer matches
    const text = fs.readFileSync(ledger, 'utf8');
    fs.writeFileSync(ledger, `${text.slice(0, -30)}${text.slice(-30).replace('task-2', 'task-1')}`);
    const rewritten = foldWithSnapshot(ledger, local, '001', IDLE);
    expect(rewritten.editsLeftOut).toBe(0); // a whole fold
    expect(rewritten.state.tasks.find((t) => t.id === 'task-2')?.status).toBe('pending');
    // a ledger replaced by another file (a rename, a git checkout or merge), same length and tail, other middle
    foldWithSnapshot(ledger, local, '001', IDLE);
    const now = fs.readFileSync(ledger, 'utf8');
    const at = now.indexOf('src/f1.ts');
    fs.writeFileSync(`${ledger}.tmp`, `${now.slice(0, at)}src/g1.ts${now.slice(at + 9)}`);
    fs.renameSync(`${ledger}.tmp`, ledger);
    const replaced = foldWithSnapshot(ledger, local, '001', IDLE);
    expect(replaced.state.tasks.find((t) => t.id === 'task-1')?.files).toContain('src/g1.ts');
    // another idle threshold: compacted activity would give other times
    const other = foldWithSnapshot(ledger, local, '001', 5 * 60_000);
    expect(sessionActiveMs(other.state, T0 + 200 * 60_000, 5 * 60_000)).toBe(
      sessionActiveMs(foldEvents('001', events), T0 + 200 * 60_000, 5 * 60_000),
    );
    // a torn last line: the whole fold reports it
    fs.appendFileSync(ledger, '{"v":1,"t":"2026-11-25T12:00:00.000Z","type":"file.ed');
    const torn = foldWithSnapshot(ledger, local, '001', 5 * 60_000);
    expect(torn.warnings.join(' ')).toMatch(/line|torn|incomplete/i);
  });
});
