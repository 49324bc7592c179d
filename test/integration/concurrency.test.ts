/**
 * Many real processes writing the store at once (built CLI and hook bundles): nothing is lost,
 * ids stay unique, every line of the ledger and every JSON file stays valid.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTempRepo,
  csm,
  csmJson,
  editPayload,
  expectValidTasksFile,
  ledgerLines,
  readLedger,
  readTasks,
  readText,
  runHook,
  sessionPath,
  writeFiles,
} from './support/temp-repo.ts';

/** Every .json file under .claude/ parses; every .jsonl line parses; no temp file is left behind. */
function expectStoreIntact(dir: string): void {
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  const files = walk(path.join(dir, '.claude'));
  for (const f of files) {
    if (f.endsWith('.json')) expect(() => JSON.parse(readText(f)), f).not.toThrow();
    if (f.endsWith('.jsonl')) {
      const text = readText(f);
      expect(text.endsWith('\n'), f).toBe(true);
      for (const [i, l] of text.split('\n').filter(Boolean).entries())
        expect(() => JSON.parse(l), `${f}:${i + 1}`).not.toThrow();
    }
  }
  expect(
    files.filter((f) => f.endsWith('.tmp')),
    'temp files left',
  ).toEqual([]);
}

const N = 24;
const HOOKS = 64; // issue 9: 64 concurrent PostToolUse processes on one session

describe('parallel writers', () => {
  it(`${N} parallel \`csm task add\` processes: ${N} tasks, unique ids, ${N} more ledger lines, tasks.json valid`, async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Parallel adds');
    const linesBefore = ledgerLines(dir).length;

    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        csm(dir, 'task', 'add', `Parallel task ${i}`, '--estimate', String(i + 1), '--json'),
      ),
    );
    for (const [i, r] of results.entries()) expect(r.code, `add ${i}: ${r.stderr}`).toBe(0);

    const ids = results.map((r) => JSON.parse(r.stdout).id as string);
    expect(new Set(ids).size).toBe(N);
    expect([...ids].sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))).toEqual(
      Array.from({ length: N }, (_, i) => `task-${i + 1}`),
    );

    expect(ledgerLines(dir).length).toBe(linesBefore + N);
    const added = readLedger(dir).filter((e) => e.type === 'task.added');
    expect(new Set(added.map((e) => e.task.title))).toEqual(
      new Set(Array.from({ length: N }, (_, i) => `Parallel task ${i}`)),
    );

    const tasks = await expectValidTasksFile(sessionPath(dir, '001', 'tasks.json'));
    expect(tasks.tasks).toHaveLength(N);
    expect(tasks.metrics.totalTasks).toBe(N);
    expect(tasks.metrics.timeEstimated).toBe((N * (N + 1)) / 2);
    // each process's answer is what is on disk for that id
    for (const r of results) {
      const mine = JSON.parse(r.stdout);
      expect(tasks.tasks.find((t: any) => t.id === mine.id)?.title).toBe(mine.title);
    }
    expectStoreIntact(dir);
  });

  it(`${HOOKS} PostToolUse hook processes at once on distinct files: ${HOOKS} file.edited events, every file on the active task`, async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Parallel edits');
    await csmJson(dir, 'task', 'add', 'Edit many files', '--estimate', '30');
    await csmJson(dir, 'task', 'start', 'task-1');
    const files = Array.from({ length: HOOKS }, (_, i) => `src/module-${String(i).padStart(2, '0')}.ts`);
    writeFiles(dir, Object.fromEntries(files.map((f) => [f, 'b\n'])));

    const results = await Promise.all(
      files.map((f, i) => runHook('post-tool-use', editPayload(dir, f, { sessionId: `claude-session-${i % 3}` }))),
    );
    for (const [i, r] of results.entries()) {
      expect(r.code, `hook ${i}: ${r.stderr}`).toBe(0);
      expect(r.stdout, `hook ${i} said something (a fail-open message?)`).toBe('');
    }

    const edits = readLedger(dir).filter((e) => e.type === 'file.edited');
    expect(edits).toHaveLength(HOOKS);
    expect(edits.map((e) => e.path).sort()).toEqual(files);
    for (const e of edits) expect(e).toMatchObject({ tool: 'Edit', added: 1, removed: 1, task: 'task-1' });

    // tasks.json follows the ledger: at once when the lock came free in time, else at the next write
    const early = await expectValidTasksFile(sessionPath(dir, '001', 'tasks.json'));
    const listedAtOnce = early.tasks[0].files.length;
    const list = await csmJson(dir, 'task', 'list');
    expect([...list[0].files].sort()).toEqual(files);
    const tasks = await expectValidTasksFile(sessionPath(dir, '001', 'tasks.json'));
    expect([...tasks.tasks[0].files].sort()).toEqual(files);
    expect(tasks.unassignedFiles).toEqual([]);
    expectStoreIntact(dir);
    console.log(
      `concurrency: ${HOOKS} PostToolUse processes at once, ${edits.length} edits recorded, ${HOOKS - edits.length} lost, ${listedAtOnce} listed in tasks.json at once (the rest at the next write), every store file valid`,
    );
  });

  it('12 parallel `csm start` processes: exactly one session is started, the others are refused', async () => {
    const dir = createTempRepo();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => csm(dir, 'start', `Objective ${i}`)));
    const ok = results.filter((r) => r.code === 0);
    for (const r of results.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/still active|already exists/);
    }
    const ledgers = fs.readdirSync(path.join(dir, '.claude', 'sessions')).filter((n) => n.endsWith('-events.jsonl'));
    // "starting while another session is active is refused": the check must hold under the lock too
    expect(ledgers, `${ok.length} starts succeeded`).toEqual(['session-001-events.jsonl']);
    expect(ok).toHaveLength(1);
    expectStoreIntact(dir);
  });

  it('mixed writers at once (task add, hooks, memory add, task start) lose nothing', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Mixed writers');
    await csmJson(dir, 'task', 'add', 'Receiver');
    await csmJson(dir, 'task', 'start', 'task-1');
    const linesBefore = ledgerLines(dir).length;
    const ADDS = 8;
    const EDITS = 12;
    const MEMS = 6;
    const edited = Array.from({ length: EDITS }, (_, i) => `lib/part-${i}.js`);
    writeFiles(dir, Object.fromEntries(edited.map((f) => [f, 'b\n'])));

    const jobs: Promise<{ code: number | null; stderr: string; what: string }>[] = [];
    for (let i = 0; i < Math.max(ADDS, EDITS, MEMS); i++) {
      if (i < ADDS)
        jobs.push(csm(dir, 'task', 'add', `Added concurrently ${i}`).then((r) => ({ ...r, what: `add ${i}` })));
      if (i < EDITS)
        jobs.push(
          runHook('post-tool-use', editPayload(dir, edited[i] as string)).then((r) => ({ ...r, what: `hook ${i}` })),
        );
      if (i < MEMS)
        jobs.push(
          csm(dir, 'memory', 'add', i % 2 ? 'decisions' : 'patterns', `Concurrent note ${i}`).then((r) => ({
            ...r,
            what: `memory ${i}`,
          })),
        );
    }
    jobs.push(csm(dir, 'task', 'start', 'task-1').then((r) => ({ ...r, what: 'start again' })));
    const results = await Promise.all(jobs);
    for (const r of results) expect(r.code, `${r.what}: ${r.stderr}`).toBe(0);

    const events = readLedger(dir);
    expect(events.length).toBe(linesBefore + ADDS + EDITS + MEMS);
    expect(events.filter((e) => e.type === 'task.added')).toHaveLength(1 + ADDS);
    expect(
      events
        .filter((e) => e.type === 'file.edited')
        .map((e) => e.path)
        .sort(),
    ).toEqual([...edited].sort());
    expect(events.filter((e) => e.type === 'memory.added')).toHaveLength(MEMS);

    await csmJson(dir, 'task', 'list'); // brings tasks.json level should a hook's projection have found the lock taken
    const tasks = await expectValidTasksFile(sessionPath(dir, '001', 'tasks.json'));
    expect(tasks.tasks).toHaveLength(1 + ADDS);
    expect(new Set(tasks.tasks.map((t: any) => t.id)).size).toBe(1 + ADDS);
    expect([...tasks.tasks[0].files].sort()).toEqual([...edited].sort());
    expect(tasks.tasks.filter((t: any) => t.status === 'in_progress').map((t: any) => t.id)).toEqual(['task-1']);

    const patterns = readText(path.join(dir, '.claude', 'memory', 'patterns.md'));
    const decisions = readText(path.join(dir, '.claude', 'memory', 'decisions.md'));
    for (let i = 0; i < MEMS; i++) expect(i % 2 ? decisions : patterns, `note ${i}`).toContain(`Concurrent note ${i}`);
    expectStoreIntact(dir);
    expect(readTasks(dir).metrics.totalTasks).toBe(1 + ADDS);
  });
});

describe('two Claude sessions editing at once (issue 15 §2: ledger appends take no lock)', () => {
  const PER_SESSION = 200;
  const BURST = 50;

  it(`2 sessions × ${PER_SESSION} PostToolUse in simultaneous bursts of ${BURST}, with task commands and a SessionStart in between: no edit lost, tasks.json equals the ledger`, async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Two terminals');
    await csmJson(dir, 'task', 'add', 'First half', '--estimate', '20');
    await csmJson(dir, 'task', 'add', 'Second half', '--estimate', '20');
    await csmJson(dir, 'task', 'start', 'task-1');
    const paths = Array.from(
      { length: 2 * PER_SESSION },
      (_, i) => `src/${i % 2 ? 'right' : 'left'}/part-${String(i).padStart(3, '0')}.ts`,
    );
    writeFiles(dir, Object.fromEntries(paths.map((f) => [f, 'b\n'])));

    const t0 = Date.now();
    let slowest = 0;
    const problems: string[] = [];
    // each wave: both sessions send a burst of BURST at the same moment (2 × BURST processes at once)
    for (let b = 0; b * 2 * BURST < paths.length; b++) {
      const jobs: Promise<void>[] = paths.slice(b * 2 * BURST, (b + 1) * 2 * BURST).map(async (f, k) => {
        const started = Date.now();
        const r = await runHook(
          'post-tool-use',
          editPayload(dir, f, { sessionId: k % 2 ? 'claude-right' : 'claude-left' }),
        );
        slowest = Math.max(slowest, Date.now() - started);
        if (r.code !== 0 || r.stdout !== '')
          problems.push(`${f}: exit ${r.code}, said ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`);
      });
      // what the person does in the other terminal meanwhile
      if (b === 1)
        jobs.push(
          csm(dir, 'task', 'done', 'task-1', '--force').then(
            (r) => void (r.code !== 0 && problems.push(`task done: ${r.stderr}`)),
          ),
        );
      if (b === 2)
        jobs.push(
          csm(dir, 'task', 'start', 'task-2').then(
            (r) => void (r.code !== 0 && problems.push(`task start: ${r.stderr}`)),
          ),
        );
      if (b === 3) {
        jobs.push(
          runHook('session-start', {
            session_id: 'claude-third',
            transcript_path: path.join(dir, 't.jsonl'),
            cwd: dir,
            hook_event_name: 'SessionStart',
            source: 'startup',
          }).then((r) => {
            if (r.code !== 0 || !r.stdout.includes('additionalContext'))
              problems.push(`SessionStart: exit ${r.code}, ${r.stdout.slice(0, 200)}`);
          }),
        );
      }
      await Promise.all(jobs);
    }
    const wallMs = Date.now() - t0;
    expect(problems).toEqual([]);

    const events = readLedger(dir);
    const edits = events.filter((e) => e.type === 'file.edited');
    expect(edits.map((e) => e.path).sort(), 'every edit recorded once').toEqual([...paths].sort());
    expect(new Set(edits.map((e) => e.claudeSession))).toEqual(new Set(['claude-left', 'claude-right']));
    for (const e of edits) expect(['task-1', 'task-2', null]).toContain(e.task);

    // One more command brings tasks.json level with the ledger; it then lists each task's files as the ledger does.
    await csmJson(dir, 'task', 'list');
    const tasks = await expectValidTasksFile(sessionPath(dir, '001', 'tasks.json'));
    const fromLedger = (task: string | null): string[] =>
      [...new Set(edits.filter((e) => e.task === task).map((e) => e.path as string))].sort();
    for (const t of tasks.tasks as { id: string; files: string[] }[])
      expect([...t.files].sort(), t.id).toEqual(fromLedger(t.id));
    expect([...tasks.unassignedFiles].sort()).toEqual(fromLedger(null));
    expect(tasks.tasks.map((t: { status: string }) => t.status)).toEqual(['completed', 'in_progress']);
    expectStoreIntact(dir);
    const perTask = (tasks.tasks as { id: string; files: string[] }[])
      .map((t) => `${t.id} ${t.files.length}`)
      .join(', ');
    console.log(
      `concurrency: 2 sessions × ${PER_SESSION} PostToolUse in simultaneous bursts of ${BURST}: ${edits.length}/${paths.length} edits recorded (${paths.length - edits.length} lost), ${perTask}, ${fromLedger(null).length} unassigned; slowest hook ${slowest} ms, ${wallMs} ms in all`,
    );
  }, 300_000);
});

describe('a CLI write behind a busy lock', () => {
  it('waits, says once who holds the lock, and goes on when it is free', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Busy lock');
    // another csm process (alive: this test's sleeping child) holds the store lock for 2.5 s
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    const lockDir = path.join(dir, '.claude', '.csm', 'locks', 'store.lock');
    fs.mkdirSync(lockDir, { recursive: true });
    fs.writeFileSync(`${lockDir}.owner`, `${holder.pid} ${os.hostname()}`);
    // a live holder's lock never goes stale here: its time stamp lies an hour ahead
    const ahead = new Date(Date.now() + 3600_000);
    fs.utimesSync(lockDir, ahead, ahead);
    // released once the CLI has said it is waiting; what the ledger holds then shows it did not write before
    let addedWhileHeld = -1;
    let cliStderr = '';
    const released = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (!/waiting for another csm process/.test(cliStderr)) return;
        clearInterval(poll);
        addedWhileHeld = readLedger(dir).filter((e) => e.type === 'task.added').length;
        fs.rmSync(lockDir, { recursive: true, force: true });
        fs.rmSync(`${lockDir}.owner`, { force: true });
        resolve();
      }, 50);
    });
    try {
      const r = await csm(dir, 'task', 'add', 'Behind the lock', {
        onStderr: (text: string) => void (cliStderr += text),
      });
      await released;
      expect(r.code, r.stderr).toBe(0);
      expect(
        r.stderr.match(/csm: waiting for another csm process \(pid \d+\) to finish writing \.claude\//g),
        r.stderr,
      ).toHaveLength(1);
      expect(r.stderr).toContain(`pid ${holder.pid}`);
      expect(addedWhileHeld, 'nothing written while the lock was held').toBe(0);
      expect(readLedger(dir).filter((e) => e.type === 'task.added')).toHaveLength(1);
      console.log('concurrency: csm task add waited behind a live lock, said so once, then wrote');
    } finally {
      holder.kill();
    }
  });
});
