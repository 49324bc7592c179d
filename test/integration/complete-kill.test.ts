/**
 * `csm complete` killed at random points (issue 15 §6): the next `csm complete` (no session
 * named) or `csm doctor --fix` finishes it, and afterwards every memory entry, the metrics-history
 * line and the session.completed event are there exactly once, the reports are whole, tasks.json
 * equals its ledger and the active pointer is cleared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultEnv, makeRng, type ProcResult, runCli, suiteSeed, writeFaultPreload } from './support/hook-runner.ts';
import { createTempRepo, keepActiveAfterCopy, makeTempDir, writeFiles } from './support/temp-repo.ts';

const SEED = suiteSeed(0x636f6d70);
const LANES = 4;
const TRIALS_PER_LANE = 26;
const WHEN = ['before', 'after', 'torn'] as const;

const CONFIG = {
  detectGates: false,
  consoleCheck: { enabled: false },
  docsCheck: { enabled: false },
  gates: [{ name: 'check', command: 'test -f ok.flag', timeout: 20 }],
  memory: { maxEntries: 4 },
};
const OLD_DECISIONS = ['Old decision one', 'Old decision two', 'Old decision three'];
const NEW_DECISIONS = [
  'Keep the ledger append-only',
  'Write the archive before the memory file',
  'Name the session in every entry',
];

let template = '';
let preload = '';

/** A session with a gate failure fixed (an errors.md entry to come), three "Decision:" outputs and a memory file that will overflow. */
async function buildTemplate(): Promise<string> {
  const dir = createTempRepo({ files: { 'README.md': '# complete\n', 'src/a.ts': 'export const a = 1;\n' } });
  const must = async (args: string[]): Promise<void> => {
    const r = await runCli(dir, args);
    if (r.code !== 0) throw new Error(`csm ${args.join(' ')}: ${r.stderr}`);
  };
  await must(['init']);
  writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(CONFIG)}\n` });
  await must(['start', 'Resumable completion', '--no-baseline']);
  for (const d of OLD_DECISIONS) await must(['memory', 'add', 'decisions', d]);
  const gates = await runCli(dir, ['gates']);
  if (gates.code === 0) throw new Error('the gate was meant to fail first');
  writeFiles(dir, { 'ok.flag': 'yes\n' });
  await must(['gates']);
  for (const [i, d] of NEW_DECISIONS.entries()) {
    await must(['task', 'add', `Step ${i + 1}`, '--estimate', '5']);
    await must(['task', 'start', `task-${i + 1}`]);
    await must(['task', 'done', `task-${i + 1}`, '--force', '--output', `Decision: ${d}`]);
  }
  return dir;
}

function copyTemplate(): string {
  const dir = path.join(makeTempDir('csm-complete-kill-'), 'repo');
  fs.cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  keepActiveAfterCopy(dir);
  return dir;
}

const read = (dir: string, rel: string): string => {
  try {
    return fs.readFileSync(path.join(dir, rel), 'utf8');
  } catch {
    return '';
  }
};
/** How many memory entries (`## … · session NNN` headings followed by the text) hold `text`, in the file and its archive. */
const entryCount = (dir: string, kind: string, text: string): number =>
  [read(dir, `.claude/memory/${kind}.md`), read(dir, `.claude/memory/archive/${kind}.md`)].reduce(
    (n, f) => n + f.split(/^## /m).filter((e) => e.includes(text)).length,
    0,
  );

/** What must hold once a completion has finished, whatever happened to the run before. */
async function verify(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const ledger = read(dir, '.claude/sessions/session-001-events.jsonl')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { type: string }];
      } catch {
        return [];
      }
    });
  const completed = ledger.filter((e) => e.type === 'session.completed').length;
  if (completed !== 1) problems.push(`${completed} session.completed events`);
  for (const d of [...OLD_DECISIONS, ...NEW_DECISIONS]) {
    const n = entryCount(dir, 'decisions', d);
    if (n !== 1) problems.push(`decision "${d}" is in memory ${n} times`);
  }
  const errors = entryCount(dir, 'errors', 'check gate failed');
  if (errors !== 1) problems.push(`the fixed gate failure is in errors.md ${errors} times`);
  const history = read(dir, '.claude/metrics-history.jsonl')
    .split('\n')
    .filter((l) => {
      try {
        return (JSON.parse(l) as { session?: string }).session === '001';
      } catch {
        return false;
      }
    });
  if (history.length !== 1) problems.push(`${history.length} metrics-history lines for session 001`);
  const report = read(dir, '.claude/sessions/session-001-completed.md');
  if (!/^# Session 001 Completion Report\n/.test(report) || !report.includes('\n## ➡️ Next steps\n'))
    problems.push('completed.md is not a whole report');
  if (!/^# Session 001 Review\n/.test(read(dir, '.claude/sessions/session-001-review.md')))
    problems.push('review.md is not a whole review');
  if (read(dir, '.claude/.csm/active').trim().startsWith('001'))
    problems.push('session 001 is still the active session');
  const doctor = await runCli(dir, ['doctor', '--json']);
  const checks = (
    JSON.parse(doctor.stdout || '{"checks":[]}') as { checks: { id: string; status: string; message: string }[] }
  ).checks;
  // A kill inside a ledger append leaves the part it wrote: by design (adapters/store/ledger.ts) that
  // cut line is skipped when read and the next append starts a fresh line; the event itself is
  // written whole by the run that finishes the job (counted exactly once above). Anything else is a problem.
  const cutLine = (c: { id: string; status: string; message: string }): boolean =>
    c.status === 'warn' && c.id.startsWith('ledger:') && /an interrupted write cut short/.test(c.message);
  for (const c of checks) {
    if (c.status !== 'ok' && /^(tasks|completion|ledger|store):/.test(c.id) && !cutLine(c))
      problems.push(`doctor: ${c.id} ${c.message}`);
  }
  return problems;
}

interface Tally {
  trials: number;
  killed: number;
  finishedFirst: number;
  /** Killed before the session.completed event was written: nothing to resume, csm complete starts over. */
  beforeEvent: number;
  byComplete: number;
  byDoctor: number;
  failures: string[];
}

async function lane(n: number, calls: number, t: Tally): Promise<void> {
  const rng = makeRng(SEED + n);
  for (let k = 0; k < TRIALS_PER_LANE; k++) {
    const dir = copyTemplate();
    const at = rng.int(1, calls);
    const when = rng.pick(WHEN);
    const label = `lane ${n} trial ${k}: killed ${when} write call ${at} of ${calls}`;
    const r: ProcResult = await runCli(dir, ['complete'], {
      preload,
      env: faultEnv(dir, 'kill', { CSM_T_AT: String(at), CSM_T_WHEN: when }),
      timeoutMs: 60_000,
    });
    t.trials++;
    if (r.signal === 'SIGKILL') t.killed++;
    else {
      t.finishedFirst++;
      if (r.code !== 0) t.failures.push(`${label}: finished with exit ${r.code}: ${r.stderr.slice(0, 300)}`);
    }
    // Killed before session.completed reached the ledger, the session is simply not completed: the
    // person runs csm complete again. After it, half finish with csm complete (no session named),
    // half with csm doctor --fix.
    // a whole line, not the start of one a kill tore (the reader skips a torn last line)
    const started = read(dir, '.claude/sessions/session-001-events.jsonl')
      .split('\n')
      .some((l) => l.includes('"type":"session.completed"') && /}$/.test(l) && isJson(l));
    if (!started) t.beforeEvent++;
    const byDoctor = started && k % 2 === 1;
    const again = byDoctor ? await runCli(dir, ['doctor', '--fix']) : await runCli(dir, ['complete']);
    if (byDoctor) t.byDoctor++;
    else t.byComplete++;
    // a run killed after its last step but one leaves nothing to finish and no active session
    if (again.code !== 0 && !byDoctor && !/no active session/.test(again.stderr))
      t.failures.push(`${label}: csm complete again exited ${again.code}: ${again.stderr.slice(0, 300)}`);
    if (
      !byDoctor &&
      started &&
      again.code === 0 &&
      !/finished what an interrupted csm complete left|was already completed/.test(again.stdout)
    )
      t.failures.push(
        `${label}: csm complete again did not say it finished an interrupted one: ${again.stdout.slice(0, 200)}`,
      );
    t.failures.push(
      ...(await verify(dir)).map((p) => `${label}, then ${byDoctor ? 'csm doctor --fix' : 'csm complete'}: ${p}`),
    );
    fs.rmSync(path.dirname(dir), { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}

const isJson = (line: string): boolean => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  preload = writeFaultPreload(makeTempDir('csm-complete-kill-preload-', { until: 'file' }));
  template = await buildTemplate();
}, 120_000);

describe('a killed csm complete', () => {
  it('is finished by the next csm complete or csm doctor --fix: every memory entry, report and history line exactly once', async () => {
    const t0 = performance.now();
    // An uninterrupted completion first: what "finished" looks like, and how many write calls it makes.
    const calibDir = copyTemplate();
    const countFile = path.join(path.dirname(calibDir), 'count.json');
    const calib = await runCli(calibDir, ['complete'], {
      preload,
      env: faultEnv(calibDir, 'count', { CSM_T_COUNT_FILE: countFile }),
    });
    expect(calib.code, calib.stderr).toBe(0);
    expect(await verify(calibDir)).toEqual([]);
    const calls = (JSON.parse(fs.readFileSync(countFile, 'utf8')) as { n: number }).n;
    expect(calls).toBeGreaterThan(10);

    const t: Tally = {
      trials: 0,
      killed: 0,
      finishedFirst: 0,
      beforeEvent: 0,
      byComplete: 0,
      byDoctor: 0,
      failures: [],
    };
    await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n, calls, t)));
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `complete-kill: ${t.trials} trials (seed ${SEED}, ${secs} s): ${t.killed} killed at a drawn write call of ${calls}, ${t.finishedFirst} finished first, ${t.beforeEvent} killed before session.completed was written; ` +
        `finished by csm complete ${t.byComplete}, by csm doctor --fix ${t.byDoctor}; ${t.failures.length} problems`,
    );
    expect(t.trials).toBeGreaterThanOrEqual(100);
    expect(t.failures).toEqual([]);
  }, 900_000);
});
