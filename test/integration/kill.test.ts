/**
 * SIGKILL at random points while csm writes (issue 9 §1): PostToolUse, `csm task add`,
 * `csm plan --from-json`, `csm report` and a Stop hook run, each killed either a seeded 0–60 ms
 * after its first write under .claude/ began, or exactly at a seeded write call (before it, after
 * it, or halfway through its data). After every trial: every file parses, nothing recorded
 * before is lost, each markdown file is the old one or a whole new one, and a lock left behind
 * does not hold up the next writer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ProcResult,
  type Rng,
  HOSTNAME,
  checkStore,
  faultEnv,
  hookStdoutProblems,
  makeRng,
  runCli,
  runHookJson,
  suiteSeed,
  wholeLedgerLines,
  writeFaultPreload,
} from './support/hook-runner.ts';
import {
  createTempRepo,
  editPayload,
  makeTempDir,
  tasksJsonSchema,
  validateJsonSchema,
  writeFiles,
} from './support/temp-repo.ts';

const SEED = suiteSeed(0x6b696c6c);
const LANES = 4;
const TRIALS_PER_LANE = 25;
/** Dead-owner locks per lane checked with a timed write of their own (later ones are taken over by the next trial). */
const TIMED_TAKEOVERS_PER_LANE = 4;
/** Locks without a usable owner note per lane checked the same way (each costs the lock's staleness wait). */
const TIMED_OWNERLESS_PER_LANE = 1;
const KINDS = ['post-tool-use', 'task-add', 'plan', 'report', 'stop'] as const;
type Kind = (typeof KINDS)[number];
const WHEN = ['before', 'after', 'torn'] as const;

const CONFIG = {
  detectGates: false,
  consoleCheck: { enabled: false },
  docsCheck: { enabled: false },
  gates: [{ name: 'ok', command: 'true', timeout: 20 }],
};

/** What a whole (not cut) file of each kind looks like. */
const WHOLE: [RegExp, (text: string) => boolean][] = [
  [
    /-completed\.md$/,
    (t) => /^# Session \d{3} Completion Report\n/.test(t) && t.includes('\n## ➡️ Next steps\n\n- ') && t.endsWith('\n'),
  ],
  [
    /-review\.md$/,
    (t) =>
      /^# Session \d{3} Review\n/.test(t) &&
      /\n## 🛑 Stop hook\n\n- Blocked \d+ time\(s\)\n(- Let through [^\n]*\n)*$/.test(t),
  ],
  [
    /-plan\.md$/,
    (t) => /^# Session \d{3} Plan\n/.test(t) && t.includes('\n## 📊 Success Metrics\n') && t.endsWith('\n'),
  ],
  [
    /-tests\.md$/,
    (t) => /^# Session \d{3} Test Cases\n/.test(t) && t.includes('\n## Post-Session Tests\n') && t.endsWith('\n'),
  ],
  [/-context\.md$/, (t) => /^# Session \d{3} Context\n/.test(t) && t.endsWith('\n')],
];

let preload = '';
let schema: Record<string, unknown> = {};

beforeAll(async () => {
  preload = writeFaultPreload(makeTempDir('csm-kill-preload-', { until: 'file' }));
  schema = await tasksJsonSchema();
});

async function setupLane(): Promise<string> {
  const dir = createTempRepo({ files: { 'README.md': '# kill\n', 'src/a.ts': 'export const a = 1;\n' } });
  const must = async (args: string[]): Promise<void> => {
    const r = await runCli(dir, args);
    if (r.code !== 0) throw new Error(`csm ${args.join(' ')}: ${r.stderr}`);
  };
  await must(['init']);
  writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(CONFIG)}\n` });
  await must(['start', 'Survive SIGKILL']);
  await must(['task', 'add', 'Kill target one', '--file', 'src/a.ts']);
  await must(['task', 'add', 'Kill target two']);
  await must(['task', 'start', 'task-1']);
  await must(['report']);
  return dir;
}

const sessionsDir = (dir: string): string => path.join(dir, '.claude', 'sessions');
const ledgerOf = (dir: string): string => path.join(sessionsDir(dir), 'session-001-events.jsonl');
const lockDirOf = (dir: string): string => path.join(dir, '.claude', '.csm', 'locks', 'store.lock');

function planJson(i: number): string {
  return JSON.stringify({
    tasks: [
      {
        ref: 'p1',
        title: `Planned step one of trial ${i}`,
        agent: 'backend-specialist',
        estimateMinutes: 10,
        expectedLines: 20,
        criteria: ['step one works'],
        tests: ['one'],
        files: ['src/a.ts'],
        dependsOn: [],
      },
      {
        ref: 'p2',
        title: `Planned step two of trial ${i}`,
        agent: 'test-engineer',
        estimateMinutes: 5,
        expectedLines: 10,
        criteria: ['step two works'],
        tests: ['two'],
        files: [],
        dependsOn: ['p1'],
      },
      {
        ref: 'p3',
        title: `Planned step three of trial ${i}`,
        agent: 'documentation-writer',
        estimateMinutes: 5,
        expectedLines: 5,
        criteria: ['documented'],
        tests: [],
        files: ['README.md'],
        dependsOn: ['p2'],
      },
    ],
    risks: [{ risk: `killed in trial ${i}`, mitigation: 'atomic writes' }],
  });
}

/** Runs one operation of `kind` (trial number `i`) with the given preload env and kill timing. */
function runKind(
  dir: string,
  kind: Kind,
  i: number,
  o: { env?: Record<string, string>; killAfterSignalMs?: number; preload?: string },
): Promise<ProcResult> {
  const base = { timeoutMs: 30_000, ...o };
  switch (kind) {
    case 'post-tool-use': {
      const rel = `src/kill-${i}.ts`;
      writeFiles(dir, { [rel]: `export const k${i} = ${i};\n` });
      return runHookJson('post-tool-use', editPayload(dir, rel, { sessionId: `kill-session-${i % 3}` }), {
        ...base,
        cwd: dir,
      });
    }
    case 'task-add':
      return runCli(
        dir,
        ['task', 'add', `Task added in trial ${i}`, '--file', `src/kill-${i}.ts`, '--estimate', '5'],
        base,
      );
    case 'plan': {
      const file = path.join(path.dirname(dir), `plan-${i}.json`);
      fs.writeFileSync(file, planJson(i));
      return runCli(dir, ['plan', '--from-json', file], base);
    }
    case 'report':
      return runCli(dir, ['report'], base);
    case 'stop':
      return runHookJson(
        'stop',
        {
          session_id: `kill-session-${i % 3}`,
          cwd: dir,
          hook_event_name: 'Stop',
          stop_hook_active: false,
          last_assistant_message: 'Done.',
        },
        { ...base, cwd: dir },
      );
  }
}

interface Before {
  ledger: string[];
  md: Map<string, string>;
}

function capture(dir: string): Before {
  const md = new Map<string, string>();
  for (const f of fs.readdirSync(sessionsDir(dir)))
    if (f.endsWith('.md')) md.set(f, fs.readFileSync(path.join(sessionsDir(dir), f), 'utf8'));
  return { ledger: wholeLedgerLines(ledgerOf(dir)), md };
}

interface Tally {
  trials: number;
  timed: number;
  atCall: number;
  byKind: Record<string, number>;
  killedMidWrite: number;
  finished: number;
  killedBeforeWrite: number;
  corrupt: number;
  lost: number;
  mixedMarkdown: number;
  tornTails: number;
  tornCut: number;
  deadOwnerLocks: number;
  ownerlessLocks: number;
  ownerlessCleared: number;
  ownerlessWaitMs: number[];
  deadOwnerRecovered: number;
  slowestRecoveryMs: number;
  tmpLeft: number;
  failures: string[];
}

const newTally = (): Tally => ({
  trials: 0,
  timed: 0,
  atCall: 0,
  byKind: {},
  killedMidWrite: 0,
  finished: 0,
  killedBeforeWrite: 0,
  corrupt: 0,
  lost: 0,
  mixedMarkdown: 0,
  tornTails: 0,
  tornCut: 0,
  deadOwnerLocks: 0,
  ownerlessLocks: 0,
  ownerlessCleared: 0,
  ownerlessWaitMs: [],
  deadOwnerRecovered: 0,
  slowestRecoveryMs: 0,
  tmpLeft: 0,
  failures: [],
});

/** Every file parses, nothing recorded before is lost, markdown is old or whole. Returns problems. */
function verify(dir: string, before: Before, t: Tally, label: string): string[] {
  const problems: string[] = [];
  const store = checkStore(dir);
  if (store.problems.length) {
    t.corrupt += store.problems.length;
    problems.push(...store.problems);
  }
  const tasksFile = path.join(sessionsDir(dir), 'session-001-tasks.json');
  try {
    const tasks = JSON.parse(fs.readFileSync(tasksFile, 'utf8')) as unknown;
    const bad = validateJsonSchema(schema, tasks);
    if (bad.length) {
      t.corrupt++;
      problems.push(`tasks.json fails its schema: ${bad.slice(0, 3).join('; ')}`);
    }
  } catch (e) {
    t.corrupt++;
    problems.push(`tasks.json: ${(e as Error).message}`);
  }
  const now = wholeLedgerLines(ledgerOf(dir));
  if (now.length < before.ledger.length || before.ledger.some((l, i) => now[i] !== l)) {
    const lost = before.ledger.filter((l, i) => now[i] !== l).length;
    t.lost += Math.max(lost, before.ledger.length - now.length);
    problems.push(`ledger lost or changed ${lost} of ${before.ledger.length} recorded lines`);
  }
  for (const f of fs.readdirSync(sessionsDir(dir))) {
    if (!f.endsWith('.md')) continue;
    const text = fs.readFileSync(path.join(sessionsDir(dir), f), 'utf8');
    if (before.md.get(f) === text) continue;
    const rule = WHOLE.find(([re]) => re.test(f));
    if (rule && !rule[1](text)) {
      t.mixedMarkdown++;
      problems.push(
        `${f} is neither the old file nor a whole new one (${text.length} bytes, ends ${JSON.stringify(text.slice(-40))})`,
      );
    }
  }
  return problems.map((p) => `${label}: ${p}`);
}

/** The next writer is given this long (process start included) before the lock left behind counts as blocking it. */
const RECOVERY_CAP_MS = 3000;

/** One healthy write after a kill: must not wait on a dead process's lock, and must start a fresh line after a torn tail (never glue onto it, never cut it). */
async function recover(dir: string, t: Tally, label: string, i: number): Promise<string[]> {
  const problems: string[] = [];
  const before = wholeLedgerLines(ledgerOf(dir));
  const rel = `src/recover-${i}.ts`;
  writeFiles(dir, { [rel]: `export const r${i} = ${i};\n` });
  const r = await runHookJson('post-tool-use', editPayload(dir, rel, { sessionId: 'recovery' }), {
    cwd: dir,
    timeoutMs: RECOVERY_CAP_MS,
  });
  t.slowestRecoveryMs = Math.max(t.slowestRecoveryMs, r.ms);
  if (r.timedOut) {
    problems.push(
      `the next write was still blocked after ${RECOVERY_CAP_MS} ms by the lock the killed process left (stopped by the test)`,
    );
    return problems.map((p) => `${label}: ${p}`);
  }
  if (r.code !== 0 || r.stdout !== '')
    problems.push(`the next write failed (exit ${r.code}, ${r.ms} ms): ${r.stdout.slice(0, 200)}`);
  const text = fs.readFileSync(ledgerOf(dir), 'utf8');
  const now = wholeLedgerLines(ledgerOf(dir));
  if (!text.endsWith('\n')) problems.push('the next write left the ledger ending in a torn line');
  if (before.some((l, k) => now[k] !== l)) problems.push('the next write lost recorded lines');
  const added = now.slice(before.length).map((l) => JSON.parse(l) as { type: string; path?: string });
  if (r.code === 0 && r.stdout === '' && !added.some((e) => e.type === 'file.edited' && e.path === rel))
    problems.push('the recovery edit is not in the ledger');
  return problems.map((p) => `${label}: ${p}`);
}

type LockState = 'none' | 'dead-owner' | 'live-owner' | 'no-owner' | 'bad-owner';

/** What a killed process left in .claude/.csm/locks. */
function lockState(dir: string): LockState {
  const lockDir = lockDirOf(dir);
  if (!fs.existsSync(lockDir)) return 'none';
  let note: string;
  try {
    note = fs.readFileSync(`${lockDir}.owner`, 'utf8');
  } catch {
    return 'no-owner';
  }
  const m = /^(\d+) (\S+)$/.exec(note);
  if (!m || m[2] !== HOSTNAME) return 'bad-owner';
  try {
    process.kill(Number(m[1]), 0);
    return 'live-owner';
  } catch {
    return 'dead-owner';
  }
}

interface Calibration {
  n: Record<Kind, number>;
  /** The write call (1-based) that appends to the ledger, per kind (0: none). */
  ledgerCall: Record<Kind, number>;
}

async function lane(n: number, rng: Rng, calib: Calibration, t: Tally): Promise<void> {
  const dir = await setupLane();
  const order: Kind[] = [];
  while (order.length < TRIALS_PER_LANE) order.push(...[...KINDS].sort(() => rng.next() - 0.5));
  let takeovers = 0;
  let ownerlessTimed = 0;
  for (let k = 0; k < TRIALS_PER_LANE; k++) {
    const i = n * 1000 + k;
    const kind = order[k] as Kind;
    const before = capture(dir);
    const timedMode = k % 2 === 0;
    let label: string;
    let r: ProcResult;
    if (timedMode) {
      const delay = rng.int(0, 60);
      label = `lane ${n} trial ${k} ${kind} killed ${delay} ms after its first write`;
      r = await runKind(dir, kind, i, { preload, env: faultEnv(dir, 'signal'), killAfterSignalMs: delay });
      t.timed++;
    } else {
      // A third of these tear the ledger append itself (half a line on disk, then the kill).
      const tearLedger = calib.ledgerCall[kind] > 0 && rng.chance(1 / 3);
      const at = tearLedger ? calib.ledgerCall[kind] : rng.int(1, Math.max(1, calib.n[kind]));
      const when = tearLedger ? 'torn' : rng.pick(WHEN);
      label = `lane ${n} trial ${k} ${kind} killed ${when} write call ${at} of ${calib.n[kind]}${tearLedger ? ' (the ledger append)' : ''}`;
      r = await runKind(dir, kind, i, {
        preload,
        env: faultEnv(dir, 'kill', { CSM_T_AT: String(at), CSM_T_WHEN: when }),
      });
      t.atCall++;
    }
    t.trials++;
    t.byKind[kind] = (t.byKind[kind] ?? 0) + 1;
    const killed = r.signal === 'SIGKILL';
    if (!killed) {
      t.finished++;
      if (r.code !== 0) t.failures.push(`${label}: finished with exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      if (kind === 'post-tool-use' || kind === 'stop') {
        const bad = hookStdoutProblems(r.stdout, kind === 'stop' ? 'Stop' : 'PostToolUse');
        if (bad.length) t.failures.push(`${label}: ${bad.join('; ')}`);
      }
    } else if (timedMode && !r.signalled) t.killedBeforeWrite++;
    else t.killedMidWrite++;

    t.failures.push(...verify(dir, before, t, label));

    const store = checkStore(dir);
    const torn = store.tornLedgers.length > 0;
    if (torn) t.tornTails++;
    const lock = lockState(dir);
    if (lock === 'dead-owner') t.deadOwnerLocks++;
    if (lock === 'no-owner' || lock === 'bad-owner') {
      t.ownerlessLocks++;
      const what = lock === 'no-owner' ? 'without an owner note' : 'with an empty or partial owner note';
      const clear = (): void => {
        fs.rmSync(lockDirOf(dir), { recursive: true, force: true });
        fs.rmSync(`${lockDirOf(dir)}.owner`, { force: true });
      };
      if (ownerlessTimed++ < TIMED_OWNERLESS_PER_LANE) {
        // The next writer cannot tell whose lock this is: it must still get through within the cap.
        const t1 = performance.now();
        const problems = await recover(dir, t, `${label} (lock left ${what})`, i);
        t.ownerlessWaitMs.push(Math.round(performance.now() - t1));
        t.failures.push(...problems);
        if (torn && !problems.some((p) => p.includes('torn'))) t.tornCut++;
        if (lockState(dir) !== 'none') clear();
        continue;
      }
      // Enough measured in this lane: cleared by hand so the lane stays within its time budget.
      t.ownerlessCleared++;
      clear();
      if (!torn) continue;
    }
    if (torn || (lock === 'dead-owner' && takeovers++ < TIMED_TAKEOVERS_PER_LANE) || lock === 'live-owner') {
      const problems = await recover(dir, t, label, i);
      t.failures.push(...problems);
      if (torn && !problems.some((p) => p.includes('torn'))) t.tornCut++;
      if (lock === 'dead-owner' && !problems.length) t.deadOwnerRecovered++;
    }
  }
  // The lane ends with the store fully usable: a CLI write, a report and a hook run.
  const add = await runCli(dir, ['task', 'add', 'After the storm']);
  if (add.code !== 0) t.failures.push(`lane ${n}: csm task add after the trials: ${add.stderr}`);
  const rep = await runCli(dir, ['report']);
  if (rep.code !== 0) t.failures.push(`lane ${n}: csm report after the trials: ${rep.stderr}`);
  t.failures.push(...(await recover(dir, t, `lane ${n} final write`, n * 1000 + 999)));
  const end = checkStore(dir);
  t.failures.push(...end.problems.map((p) => `lane ${n} at the end: ${p}`));
  t.tmpLeft += end.tmpFiles.length;
}

describe('SIGKILL while writing', () => {
  it(`${LANES * TRIALS_PER_LANE} kill trials across PostToolUse, task add, plan import, report and Stop: files parse, nothing recorded is lost, reports old or whole`, async () => {
    const t0 = performance.now();
    // How many write calls each operation makes (so a kill point can be drawn among them).
    const calibDir = await setupLane();
    const countFile = path.join(path.dirname(calibDir), 'count.json');
    const calib: Calibration = { n: {} as Record<Kind, number>, ledgerCall: {} as Record<Kind, number> };
    for (const kind of KINDS) {
      const r = await runKind(calibDir, kind, 1, {
        preload,
        env: faultEnv(calibDir, 'count', { CSM_T_COUNT_FILE: countFile }),
      });
      expect(r.code, `${kind} (calibration): ${r.stderr}`).toBe(0);
      const counted = JSON.parse(fs.readFileSync(countFile, 'utf8')) as { n: number; ops: string[] };
      calib.n[kind] = counted.n;
      calib.ledgerCall[kind] =
        counted.ops.findIndex((op) => op.startsWith('writeSync') && op.endsWith('-events.jsonl')) + 1;
      expect(calib.n[kind], `${kind} writes under .claude/`).toBeGreaterThan(0);
    }

    const t = newTally();
    await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n, makeRng(SEED + n), calib, t)));
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `kill: ${t.trials} trials, ${t.corrupt} corrupt files, ${t.lost} lost events, ${t.mixedMarkdown} mixed reports (seed ${SEED}, ${secs} s)\n` +
        `  per kind: ${Object.entries(t.byKind)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; write calls per run: ${Object.entries(calib.n)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\n` +
        `  ${t.timed} killed 0–60 ms after their first write, ${t.atCall} killed at a drawn write call; ${t.killedMidWrite} died mid-write, ${t.killedBeforeWrite} before writing, ${t.finished} finished first\n` +
        `  ${t.tornTails} torn ledger tails (${t.tornCut} followed by a fresh line from the next write), ${t.deadOwnerLocks} locks left with a dead owner (${t.deadOwnerRecovered} taken over by a timed next write, the rest by the next trial), ${t.ownerlessLocks} locks left without a usable owner note (${t.ownerlessWaitMs.length} taken over by a timed next write: ${t.ownerlessWaitMs.join(', ')} ms; ${t.ownerlessCleared} cleared by the test); slowest next write ${t.slowestRecoveryMs} ms; ${t.tmpLeft} temp files left (harmless)`,
    );
    expect(t.trials).toBeGreaterThanOrEqual(100);
    expect(t.failures).toEqual([]);
  });
});
