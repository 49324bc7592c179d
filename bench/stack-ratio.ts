/**
 * Stop after a one-file change ÷ the project's full checks, on each fixture stack (the bench goal:
 * ≤ 0.3×). For each runner (bench/stack-fixtures.ts: 24 modules, one test file each, ≈200 ms of
 * work per test file, one test failing before the session) a temporary git repository gets a
 * session (`csm start`), then, interleaved, `--rounds` times each (medians):
 *
 *  - full checks: every gate csm runs at task-done (`csm gates --list --json`), its command run
 *    whole in the repository, in parallel as csm runs them, timed by this harness;
 *  - Stop after a one-file change: a leaf module edited (harmlessly, new text every time), the
 *    PostToolUse hook told of the edit, then the built Stop hook timed end to end as Claude Code
 *    calls it (a fresh Claude session id each time: no block counter carries over).
 *
 * Each of the two follows its own one-file change, so neither finds a build the other made.
 * What Stop ran is read from the session's ledger (its gate.run event: narrowed or whole).
 * dist/ is copied once per run (a rebuild meanwhile cannot break it) and read afresh every run.
 *
 *   node --import tsx bench/stack-ratio.ts [--only RUNNER] [--rounds N] [--json FILE] [--readme]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './dist-snapshot.ts';
import { STACKS, type Stack } from './stack-fixtures.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CLI = (): string => bundle('dist/cli.mjs');
const HOOK = (name: string): string => bundle(`dist/hooks/${name}.mjs`);

interface Ran {
  code: number | null;
  out: string;
  stdout: string;
  ms: number;
}

/** This process's environment without csm's and Claude Code's own variables (the bench may run inside a session). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CSM_|CLAUDE_)/.test(k)));
}

/** Runs `args` (or `sh -c args[0]` when `shell`), timed from spawn to exit. */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv, input = '', shell = true): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = shell
      ? spawn('sh', ['-c', args[0] as string], { cwd, env })
      : spawn(args[0] as string, args.slice(1), { cwd, env });
    const out: Buffer[] = [];
    const stdout: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      stdout.push(b);
    });
    child.stderr.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        out: Buffer.concat(out).toString('utf8'),
        stdout: Buffer.concat(stdout).toString('utf8'),
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
      }),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const has = (tool: string | null): boolean =>
  tool === null || spawnSync(tool, [tool === 'go' ? 'version' : '--version']).status === 0;

interface Gate {
  name: string;
  command: string | null;
  when: string[];
  affectedBy?: string | null;
}

interface GateRun {
  name: string;
  status: string;
  durationMs: number;
  command?: string | null;
  summary?: string;
  cached?: boolean;
  scope?: string;
  toTheEnd?: boolean;
  everyStep?: boolean;
}

export interface StackResult {
  runner: string;
  testFiles: number;
  /** Medians, ms. */
  fullMs: number;
  stopMs: number;
  ratio: number;
  fullRuns: number[];
  stopRuns: number[];
  /** The commands of the full checks (csm's task-done gates). */
  full: string[];
  /** What Stop ran, read from its gate.run events (distinct over the rounds). */
  stopRan: string;
  /** Every Stop narrowed its test gate to the change. */
  narrowed: boolean;
  /** csm's own checks Stop ran besides (no command: in its own process). */
  ownChecks: string[];
  /** Median of each Stop's wall time minus its slowest gate's: csm's own part. */
  csmMs: number;
  /** Stops that blocked (the change is harmless: should be 0). */
  blocked: number;
  /** Stop's lines of the CSM_DEBUG=1 log, from one untimed Stop. */
  debug: string[];
  /** Setup, `csm start` (its baseline runs the gates once) included, ms. */
  setupMs: number;
  skipped?: string;
}

function setUp(stack: Stack, env: NodeJS.ProcessEnv): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `csm-stacks-${stack.runner.replace(/\W/g, '')}-`));
  for (const [rel, text] of Object.entries(stack.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  if (stack.nodeModules) fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  if (stack.prepare) {
    const r = spawnSync('sh', ['-c', stack.prepare], { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${stack.prepare} failed: ${r.stderr}`);
  }
  const git = (...a: string[]) =>
    spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...a], { cwd: dir, env });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'a mid-size project, one test failing before the session');
  return dir;
}

/** The session's ledger: the gate.run events of Stop, oldest first. */
function stopRuns(dir: string): GateRun[][] {
  const sessions = path.join(dir, '.claude/sessions');
  const ledger = fs.readdirSync(sessions).find((f) => /^session-\d+-events\.jsonl$/.test(f));
  if (!ledger) return [];
  const out: GateRun[][] = [];
  for (const line of fs.readFileSync(path.join(sessions, ledger), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as { type?: string; trigger?: string; results?: GateRun[] };
    if (e.type === 'gate.run' && e.trigger === 'stop') out.push(e.results ?? []);
  }
  return out;
}

const NO_EVENT = '(no gate.run event: every gate was a cached pass)';

/**
 * One Stop's gates with a command, as a table cell: a narrowed gate by its scope, else its whole
 * command. csm's own checks (no command, run in its process) are listed apart: `ownChecks`.
 */
function described(results: readonly GateRun[]): string {
  return results
    .filter((r) => r.command)
    .map((r) => {
      if (r.cached) return `${r.name}: cached`;
      const scope =
        r.scope === 'affected' ? /the affected tests \((.+?)\)(?:;|$)/m.exec(r.summary ?? '')?.[1] : undefined;
      if (scope) return `\`${scope}\``;
      const how = r.toTheEnd ? ', to the end' : r.everyStep ? ', every step' : '';
      return `\`${r.command}\` (whole${how})`;
    })
    .join(' + ');
}

/**
 * A cargo test gate runs with --no-fail-fast once a test fails before the session (see
 * src/domain/gates/bail.ts), at task-done as at Stop: so does the full run here.
 */
const asCsmRunsIt = (command: string): string =>
  /^\s*cargo\s+test\b/.test(command) && !/--no-fail-fast/.test(command)
    ? command.replace(/^\s*cargo\s+test\b/, 'cargo test --no-fail-fast')
    : command;

/** The first line that differs between two texts of the same file: what an Edit's payload names. */
function editOf(before: string, after: string): { line: number; old: string; new: string } {
  const a = before.split('\n');
  const b = after.split('\n');
  const i = a.findIndex((l, k) => l !== b[k]);
  return { line: i + 1, old: a[i] ?? '', new: b[i] ?? '' };
}

export async function runStack(stack: Stack, rounds: number, log: (s: string) => void): Promise<StackResult> {
  const base: StackResult = {
    runner: stack.runner,
    testFiles: stack.testFiles,
    fullMs: 0,
    stopMs: 0,
    ratio: 0,
    fullRuns: [],
    stopRuns: [],
    full: [],
    stopRan: '',
    narrowed: false,
    ownChecks: [],
    csmMs: 0,
    blocked: 0,
    debug: [],
    setupMs: 0,
  };
  if (!has(stack.needs)) return { ...base, skipped: `${stack.needs} is not installed` };
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...stack.env };
  const t0 = performance.now();
  const dir = setUp(stack, env);
  const hookEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...env,
    CLAUDE_PROJECT_DIR: dir,
    ...extra,
  });
  try {
    const start = await run([process.execPath, CLI(), 'start', 'Stack ratio'], dir, env, '', false);
    if (start.code !== 0) return { ...base, skipped: `csm start failed: ${start.out.slice(0, 300)}` };
    log(
      `${stack.runner}: ${start.out
        .split('\n')
        .filter((l) => /Stop runs|fails already|baseline/.test(l))
        .join(' | ')}`,
    );
    const listed = await run([process.execPath, CLI(), 'gates', '--list', '--json'], dir, env, '', false);
    const gates = (JSON.parse(listed.stdout) as { gates: Gate[] }).gates;
    const full = gates
      .filter((g) => g.command && g.when.includes('task-done'))
      .map((g) => asCsmRunsIt(g.command as string));
    base.full = full;
    base.setupMs = Math.round(performance.now() - t0);

    const leaf = path.join(dir, stack.leaf);
    let rev = 0;
    let claude = 0;
    /** The next one-file change: the leaf's text, new every time; returns the Edit it stands for. */
    const change = () => {
      const before = fs.readFileSync(leaf, 'utf8');
      const after = stack.change(++rev);
      if (after === before || after === stack.files[stack.leaf])
        throw new Error(`${stack.runner}: the leaf's change did not apply`);
      fs.writeFileSync(leaf, after);
      return editOf(before, after);
    };
    const fullChecks = async (): Promise<number> => {
      change();
      const t = process.hrtime.bigint();
      await Promise.all(full.map((c) => run([c], dir, env)));
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const stop = async (debug = false): Promise<{ ms: number; blocked: boolean; results: GateRun[] }> => {
      const edit = change();
      const sessionId = `stack-ratio-${++claude}`;
      const common = { session_id: sessionId, transcript_path: path.join(dir, '.transcript.jsonl'), cwd: dir };
      const post = {
        ...common,
        hook_event_name: 'PostToolUse',
        tool_name: 'Edit',
        tool_use_id: `toolu_stack_ratio_${claude}`,
        tool_input: { file_path: leaf, old_string: edit.old, new_string: edit.new, replace_all: false },
        tool_response: {
          filePath: leaf,
          structuredPatch: [
            {
              oldStart: edit.line,
              oldLines: 1,
              newStart: edit.line,
              newLines: 1,
              lines: [`-${edit.old}`, `+${edit.new}`],
            },
          ],
        },
      };
      const p = await run([process.execPath, HOOK('post-tool-use')], dir, hookEnv(), JSON.stringify(post), false);
      if (p.code !== 0) throw new Error(`PostToolUse exited ${p.code}: ${p.out.slice(0, 300)}`);
      const payload = {
        ...common,
        hook_event_name: 'Stop',
        stop_hook_active: false,
        background_tasks: [],
        session_crons: [],
      };
      const before = stopRuns(dir).length;
      const s = await run(
        [process.execPath, HOOK('stop')],
        dir,
        hookEnv(debug ? { CSM_DEBUG: '1' } : {}),
        JSON.stringify(payload),
        false,
      );
      // a hook that did not run is no measurement (exit 0 is the contract)
      if (s.code !== 0) throw new Error(`the Stop hook exited ${s.code}: ${s.out.slice(0, 300)}`);
      const all = stopRuns(dir);
      const results = all.length > before ? (all[all.length - 1] ?? []) : [];
      return { ms: s.ms, blocked: /"decision"\s*:\s*"block"/.test(s.stdout), results };
    };

    // untimed: one full run and one Stop with CSM_DEBUG=1 (the runner's caches and csm's code cache warm, as in use)
    await fullChecks();
    const logFile = path.join(dir, '.claude/.csm/csm-debug.log');
    const warm = await stop(true);
    base.debug = fs.existsSync(logFile)
      ? fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .filter((l) => /\bStop\b/.test(l))
          .map((l) => l.slice(0, 300))
      : [];
    for (const l of base.debug) log(`${stack.runner}: debug log: ${l}`);
    log(`${stack.runner}: warm-up Stop ${Math.round(warm.ms)} ms, ran ${described(warm.results) || NO_EVENT}`);

    const said = new Set<string>();
    const csm: number[] = [];
    let narrowed = true;
    for (let k = 0; k < rounds; k++) {
      // alternated order: whichever runs second does not always find the machine in the same state
      const order = k % 2 ? ['stop', 'full'] : ['full', 'stop'];
      for (const what of order) {
        if (what === 'full') {
          base.fullRuns.push(Math.round(await fullChecks()));
          continue;
        }
        const s = await stop();
        base.stopRuns.push(Math.round(s.ms));
        if (s.blocked) base.blocked++;
        said.add(described(s.results) || NO_EVENT);
        for (const r of s.results) if (!r.command && !base.ownChecks.includes(r.name)) base.ownChecks.push(r.name);
        const ran = s.results.filter((r) => !r.cached);
        if (!s.results.some((r) => r.scope === 'affected')) narrowed = false;
        csm.push(s.ms - Math.max(0, ...ran.map((r) => r.durationMs)));
      }
      log(`${stack.runner} ${k + 1}/${rounds}: full ${base.fullRuns.at(-1)} ms, Stop ${base.stopRuns.at(-1)} ms`);
    }
    base.fullMs = Math.round(median(base.fullRuns));
    base.stopMs = Math.round(median(base.stopRuns));
    base.ratio = base.fullMs ? +(base.stopMs / base.fullMs).toFixed(2) : 0;
    base.stopRan = [...said].join(' / ');
    base.narrowed = narrowed;
    base.csmMs = Math.round(median(csm));
    return base;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

const COLUMNS = [
  'runner',
  'test files',
  'full checks (median ms)',
  'Stop after a one-file change (median ms)',
  'Stop ÷ full',
  'what Stop ran',
];

export function stackTable(results: readonly StackResult[]): string {
  const rows = results.map((r) =>
    r.skipped
      ? `| ${r.runner} | ${r.testFiles} | – | – | – | skipped: ${r.skipped} |`
      : `| ${r.runner} | ${r.testFiles} | ${r.fullMs} | ${r.stopMs} | ${r.ratio.toFixed(2)}× | ${r.stopRan} |`,
  );
  return [`| ${COLUMNS.join(' | ')} |`, '|---|---:|---:|---:|---:|---|', ...rows].join('\n');
}

/** Under the table: csm's own checks Stop ran besides the gates, and csm's own part of a Stop. */
function notes(results: readonly StackResult[]): string {
  const ran = results.filter((r) => !r.skipped);
  if (ran.length === 0) return '';
  const own = [...new Set(ran.flatMap((r) => r.ownChecks))];
  const ms = ran.map((r) => r.csmMs);
  const range = Math.min(...ms) === Math.max(...ms) ? `${ms[0]}` : `${Math.min(...ms)}–${Math.max(...ms)}`;
  return [
    ...(own.length ? [`Besides, Stop ran csm's own checks (in its process, no command): ${own.join(', ')}.`] : []),
    `csm's own part of a Stop (its wall time less its slowest gate's, medians): ${range} ms.`,
  ].join('\n');
}

const machine = (): string => {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}`;
};

/** The README's section between its markers, from this run. */
function writeReadme(results: readonly StackResult[], rounds: number): void {
  const file = path.join(root, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = '<!-- stacks:start -->';
  const end = '<!-- stacks:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    console.log(`README.md has no ${start} … ${end}: not updated`);
    return;
  }
  const date = new Date().toISOString().slice(0, 10);
  const when = `Measured ${date} on ${machine()}, node ${process.version}; median of ${rounds} runs.`;
  const section = [stackTable(results), notes(results), when].filter((x) => x).join('\n\n');
  fs.writeFileSync(file, `${text.slice(0, a + start.length)}\n${section}\n${text.slice(b)}`);
  console.log('updated: README.md (stacks)');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  for (const f of ['dist/cli.mjs', 'dist/hooks/stop.mjs', 'dist/hooks/post-tool-use.mjs']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: npm run build first`);
  }
  const only = arg('only');
  const rounds = Number(arg('rounds') ?? 5);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds ${arg('rounds')}: a whole number ≥ 1`);
  const picked = STACKS.filter((s) => !only || s.runner === only);
  if (picked.length === 0)
    throw new Error(`--only ${only}: no such runner (${STACKS.map((s) => s.runner).join(', ')})`);
  const t0 = performance.now();
  const results: StackResult[] = [];
  for (const stack of picked) results.push(await runStack(stack, rounds, (s) => console.log(s)));
  const totalS = Math.round((performance.now() - t0) / 1000);
  console.log(`\n${stackTable(results)}\n\n${notes(results)}\n`);
  for (const r of results.filter((x) => !x.skipped)) {
    console.log(`${r.runner}: csm's own part of a Stop ${r.csmMs} ms (median); full checks: ${r.full.join(' ‖ ')}`);
  }
  console.log(`total ${totalS} s`);
  const out = arg('json');
  if (only) console.log('--only: bench/stack-ratio.json and README.md left as they are');
  else {
    if (out) {
      const doc = {
        date: new Date().toISOString(),
        machine: machine(),
        node: process.version,
        rounds,
        totalS,
        results,
      };
      fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
      console.log(`written: ${out}`);
    }
    if (process.argv.includes('--readme')) writeReadme(results, rounds);
  }
}
