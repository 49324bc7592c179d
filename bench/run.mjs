#!/usr/bin/env node
// npm run bench: hook latency as ratios to `node -e 0` measured in the same run (never timed
// assertions in tests). Writes bench/results.json and prints a table.
//   npm run bench -- [--runs N] [--quick] [--no-spawns] [--no-readme]   (node --import tsx: the hook list is read from src/kernel/hook-events.ts)
// The spawn count runs the real Claude Code CLI (the pinned devDependency) offline: see bench/spawns.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOOK_BUNDLES } from '../src/kernel/hook-events.ts';
import { hookSample } from '../src/usecases/tools/hook-samples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const quick = process.argv.includes('--quick');
const RUNS = Number(arg('runs', quick ? 7 : 21));
const CLI = path.join(root, 'dist/cli.mjs');
const hook = (name) => path.join(root, 'dist/hooks', `${name}.mjs`);
for (const f of [CLI, ...HOOK_BUNDLES.map((b) => hook(b.name))]) {
  if (!fs.existsSync(f)) {
    console.error(`bench: ${path.relative(root, f)} is missing; run npm run build first`);
    process.exit(1);
  }
}

const env = { ...process.env, CSM_DEBUG: '', CSM_DISABLE: '', NO_COLOR: '1' };
const sh = (cmd, args, cwd, input) => {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};
const git = (cwd, ...a) => sh('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...a], cwd);
const csm = (cwd, ...a) => sh(process.execPath, [CLI, ...a], cwd);

/** A repo with a session and `edits` recorded edits; `sessions` sessions in all. */
function makeRepo(label, { edits = 10, sessions = 1, gates = null } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `csm-bench-${label}-`));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', private: true }));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 1;\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  csm(dir, 'init');
  if (gates)
    fs.writeFileSync(
      path.join(dir, '.claude/csm.json'),
      JSON.stringify({ detectGates: false, gates, docsCheck: { enabled: false } }),
    );
  const sdir = path.join(dir, '.claude/sessions');
  // Older sessions, completed: the shape `csm start` leaves, kept small.
  for (let n = 1; n < sessions; n++) {
    const id = String(n).padStart(3, '0');
    const t = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
    const lines = [
      {
        v: 1,
        t,
        type: 'session.started',
        session: id,
        objectives: [`objective ${n}`],
        workflow: null,
        branch: 'main',
        baseCommit: null,
      },
      { v: 1, t, type: 'session.completed', auto: false },
    ];
    fs.writeFileSync(
      path.join(sdir, `session-${id}-events.jsonl`),
      lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
    );
    fs.writeFileSync(path.join(sdir, `session-${id}-context.md`), `# Session ${id} Context\n`);
  }
  csm(dir, 'start', 'Benchmark the hooks');
  csm(dir, 'task', 'add', 'Hot path', '--estimate', '30');
  csm(dir, 'task', 'start', 'task-1');
  const id = String(sessions).padStart(3, '0');
  const ledger = path.join(sdir, `session-${id}-events.jsonl`);
  const t0 = Date.parse('2026-11-25T09:00:00Z');
  let text = '';
  for (let i = 0; i < edits; i++) {
    text += `${JSON.stringify({ v: 1, t: new Date(t0 + i * 1000).toISOString(), type: 'file.edited', path: `src/f${i % 400}.ts`, tool: 'Edit', added: 3, removed: 1, task: 'task-1', claudeSession: 'bench', agentId: null, agentType: null })}\n`;
  }
  fs.appendFileSync(ledger, text);
  csm(dir, 'task', 'add', 'Refresh the projection', '--estimate', '5');
  return dir;
}

/** Each hook's sample payload from the hook list, in the repo `dir` (an edit of src/a.ts). */
const sample = (name, dir) => JSON.stringify(hookSample(name, dir, path.join(dir, 'src/a.ts')));
/** A vitest project of `n` modules, one test file each (a little work per test), with csm started (no baseline). */
function affectedRepo(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-bench-affected-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.mkdirSync(path.join(dir, 'test'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'affected', private: true, type: 'module', scripts: { test: 'vitest run' } }),
  );
  for (let i = 1; i <= n; i++) {
    fs.writeFileSync(path.join(dir, `src/m${i}.js`), `export const f${i} = (n) => n + ${i};\n`);
    fs.writeFileSync(
      path.join(dir, `test/m${i}.test.js`),
      `import { test, expect } from 'vitest';\nimport { f${i} } from '../src/m${i}.js';\ntest('f${i}', () => { let s = 0; for (let k = 0; k < 3e6; k++) s += k % 7; expect(f${i}(s * 0)).toBe(${i}); });\n`,
    );
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  csm(dir, 'start', 'Affected tests', '--no-baseline');
  return dir;
}

const payload = {
  post: (dir) => sample('post-tool-use', dir),
  start: (dir) => sample('session-start', dir),
  stop: (dir) => sample('stop', dir),
};

function timeOnce(args, input, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, input, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Interleaves baseline and hook runs so machine noise hits both alike. */
function measure(name, args, input, cwd, before) {
  const base = [];
  const hookMs = [];
  for (let i = 0; i < RUNS + 2; i++) {
    before?.();
    const h = timeOnce(args, input, cwd);
    const b = timeOnce(['-e', '0'], '', cwd);
    if (i >= 2) {
      hookMs.push(h);
      base.push(b);
    }
  }
  return {
    name,
    medianMs: +median(hookMs).toFixed(1),
    baselineMs: +median(base).toFixed(1),
    ratio: +(median(hookMs) / median(base)).toFixed(2),
  };
}

const rows = [];
const targets = {};
const add = (row, target, goal) => {
  rows.push({ ...row, target, goal, ok: target === null ? null : row.ratio <= target });
  targets[row.name] = target;
};

const tmp = [];
let context = null;
let spawns = null;
try {
  const stdinOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-bench-stdin-'));
  tmp.push(stdinOnly);
  fs.writeFileSync(
    path.join(stdinOnly, 'read.mjs'),
    "import fs from 'node:fs'; JSON.parse(fs.readFileSync(0, 'utf8'));\n",
  );
  add(
    measure('stdin-only hook (reference)', [path.join(stdinOnly, 'read.mjs')], payload.post(stdinOnly), stdinOnly),
    null,
    null,
  );

  const small = makeRepo('post10', { edits: 10 });
  const big = makeRepo('post10k', { edits: 10_000 });
  tmp.push(small, big);
  const p10 = measure('PostToolUse (10 edits)', [hook('post-tool-use')], payload.post(small), small);
  const p10k = measure('PostToolUse (10,000 edits)', [hook('post-tool-use')], payload.post(big), big);
  add(p10, 1.3, 1.15);
  add(p10k, 1.3, 1.15);
  rows.push({
    name: 'PostToolUse 10,000 ÷ 10 edits',
    medianMs: null,
    baselineMs: null,
    ratio: +(p10k.medianMs / p10.medianMs).toFixed(2),
    target: 1.1,
    goal: 1.1,
    ok: p10k.medianMs / p10.medianMs <= 1.1,
  });

  const one = makeRepo('start1', { edits: 10, sessions: 1 });
  const many = makeRepo('start1000', { edits: 10_000, sessions: quick ? 200 : 1000 });
  tmp.push(one, many);
  add(measure('SessionStart (1 session, 10 events)', [hook('session-start')], payload.start(one), one), 2.0, 1.3);
  add(
    measure(
      `SessionStart (${quick ? 200 : 1000} sessions, 10,000 events)`,
      [hook('session-start')],
      payload.start(many),
      many,
    ),
    2.0,
    1.3,
  );

  const gated = makeRepo('stop', { edits: 10, gates: [{ name: 'unit', command: 'node -e 0', timeout: 30 }] });
  tmp.push(gated);
  // the session's work: the tree differs from the one the session started with, so Stop cannot
  // take the "nothing changed since the start" shortcut; the first run passes and caches the gate
  fs.appendFileSync(path.join(gated, 'src/a.ts'), 'export const b = 2;\n');
  timeOnce([hook('stop')], payload.stop(gated), gated);
  add(
    measure('Stop (files changed, gate passed, nothing new since)', [hook('stop')], payload.stop(gated), gated),
    1.5,
    1.3,
  );
  const touch = () => fs.appendFileSync(path.join(gated, 'src/a.ts'), '// x\n');
  const rewrite = measure(
    'Stop that re-runs the gate and rewrites the reports',
    [hook('stop')],
    payload.stop(gated),
    gated,
    touch,
  );
  add(rewrite, null, null);

  // A hook of the list with no scenario above is measured on its sample payload.
  const covered = new Set(['post-tool-use', 'session-start', 'stop']);
  for (const b of HOOK_BUNDLES.filter((x) => !covered.has(x.name)))
    add(measure(`${b.name} (sample payload)`, [hook(b.name)], sample(b.name, small), small), 1.5, 1.3);

  // Context economy: SessionStart's text on the same work, 45 minutes and another Claude session
  // apart (identical keeps the prompt cache), and the size of what UserPromptSubmit adds.
  const ctxRepo = makeRepo('context', { edits: 10 });
  tmp.push(ctxRepo);
  const ctxOf = (out) => (out.trim() ? (JSON.parse(out).hookSpecificOutput?.additionalContext ?? '') : '');
  const at = (min) => ({ ...env, CSM_NOW: new Date(Date.parse('2026-12-01T10:00:00Z') + min * 60_000).toISOString() });
  const runAt = (name, min, input) =>
    ctxOf(spawnSync(process.execPath, [hook(name)], { cwd: ctxRepo, input, env: at(min), encoding: 'utf8' }).stdout);
  const startPayload = (id, source) =>
    JSON.stringify({ ...JSON.parse(payload.start(ctxRepo)), session_id: id, source });
  const first = runAt('session-start', 0, startPayload('bench-a', 'startup'));
  const again = runAt('session-start', 45, startPayload('bench-b', 'startup'));
  const resume = runAt('session-start', 46, startPayload('bench-a', 'resume'));
  const prompt = JSON.stringify({ ...JSON.parse(sample('user-prompt-submit', ctxRepo)), session_id: 'bench-a' });
  const quiet = runAt('user-prompt-submit', 47, prompt);
  spawnSync(process.execPath, [CLI, 'task', 'start', 'task-2'], { cwd: ctxRepo, env: at(48), encoding: 'utf8' });
  const delta = runAt('user-prompt-submit', 49, prompt);
  const twice = runAt('user-prompt-submit', 50, prompt);
  context = {
    startupChars: first.length,
    resumeChars: resume.length,
    identical: first === again,
    deltaChars: delta.length,
    quietWhenUnchanged: quiet === '' && twice === '',
  };

  // Affected tests first: a vitest project of 200 test files; Stop after a one-file change runs
  // `vitest related` for it, against the project's whole suite (`vitest run`).
  const aff = affectedRepo(quick ? 60 : 200);
  tmp.push(aff);
  const vitest = path.join(root, 'node_modules/.bin/vitest');
  const fullRuns = [];
  const stopRuns = [];
  for (let i = 0; i < (quick ? 2 : 3); i++) {
    let t = process.hrtime.bigint();
    spawnSync(vitest, ['run'], { cwd: aff, env, encoding: 'utf8' });
    fullRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
    fs.writeFileSync(path.join(aff, 'src/m7.js'), `export const f7 = (n) => n + 7 + ${i} * 0;\n`);
    t = process.hrtime.bigint();
    spawnSync(process.execPath, [hook('stop')], { cwd: aff, input: payload.stop(aff), env, encoding: 'utf8' });
    stopRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const fullMs = median(fullRuns);
  const stopMs = median(stopRuns);
  rows.push({
    name: `Stop after a one-file change (affected tests) ÷ the full suite (${quick ? 60 : 200} vitest files)`,
    medianMs: +stopMs.toFixed(0),
    baselineMs: +fullMs.toFixed(0),
    ratio: +(stopMs / fullMs).toFixed(2),
    target: 0.3,
    goal: 0.3,
    ok: stopMs / fullMs <= 0.3,
  });

  // Gates in parallel: wall time of three 300 ms gates ÷ the slowest one.
  const par = makeRepo('parallel', {
    edits: 1,
    gates: [0, 1, 2].map((i) => ({ name: `slow${i}`, command: `node -e "setTimeout(()=>{}, 300)"`, timeout: 30 })),
  });
  tmp.push(par);
  const t = process.hrtime.bigint();
  sh(process.execPath, [CLI, 'gates', '--force'], par);
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const single = timeOnce([CLI, 'gates', '--force', '--only', 'slow0'], '', par);
  rows.push({
    name: 'csm gates: 3 parallel gates ÷ 1 gate (wall)',
    medianMs: +wall.toFixed(1),
    baselineMs: +single.toFixed(1),
    ratio: +(wall / single).toFixed(2),
    target: 1.5,
    goal: 1.2,
    ok: wall / single <= 1.5,
  });

  // Redaction on the inputs built to make a pattern backtrack (the unit suite checks each is
  // redacted whole): the slowest 1 MB case, and a typical command, ÷ `node -e 0`.
  const { redact } = await import('../src/domain/redact.ts');
  const { ADVERSARIAL } = await import('../test/support/redact-adversarial.ts');
  let slowest = { name: '', ms: 0 };
  for (const [name, make] of ADVERSARIAL) {
    const input = make();
    const t0 = process.hrtime.bigint();
    redact(input);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > slowest.ms) slowest = { name, ms };
  }
  const nodeMs = timeOnce(['-e', '0'], '', os.tmpdir());
  const worst = `redact: slowest 1 MB adversarial input (${slowest.name}) ÷ node -e 0`;
  rows.push({
    name: worst,
    medianMs: +slowest.ms.toFixed(1),
    baselineMs: +nodeMs.toFixed(1),
    ratio: +(slowest.ms / nodeMs).toFixed(2),
    target: 10,
    goal: 5,
    ok: slowest.ms / nodeMs <= 10,
  });
  const cmd = 'curl -s -H "Authorization: Bearer $TOKEN" "https://api.example.com/v1/users?page=2" | jq .data';
  for (let i = 0; i < 500; i++) redact(cmd);
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < 5000; i++) redact(cmd);
  const perCall = Number(process.hrtime.bigint() - t1) / 1e6 / 5000;
  rows.push({
    name: 'redact: a typical Bash command (1 call) ÷ node -e 0',
    medianMs: +perCall.toFixed(4),
    baselineMs: +nodeMs.toFixed(1),
    ratio: +(perCall / nodeMs).toFixed(5),
    target: 0.002,
    goal: 0.001,
    ok: perCall / nodeMs <= 0.002,
  });

  // Hook processes per 100 tool calls, through the real CLI, for each way of registering them.
  if (!process.argv.includes('--no-spawns')) {
    const { measureSpawns } = await import('./spawns.ts');
    spawns = await measureSpawns(root);
  }
} finally {
  for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
}

const machine = {
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  runs: RUNS,
  date: new Date().toISOString(),
};
const pad = (s, n) => String(s ?? '–').padEnd(n);
console.log(`\ncsm hook benchmark — median of ${RUNS} runs each, as a ratio to \`node -e 0\` in the same run`);
console.log(`${pad('case', 58)}${pad('median ms', 11)}${pad('node -e 0', 11)}${pad('ratio', 8)}${pad('target', 8)}ok`);
for (const r of rows)
  console.log(
    `${pad(r.name, 58)}${pad(r.medianMs, 11)}${pad(r.baselineMs, 11)}${pad(`${r.ratio}×`, 8)}${pad(r.target ? `≤${r.target}×` : '', 8)}${r.ok === null ? '' : r.ok ? 'yes' : 'NO'}`,
  );
console.log(`machine: ${machine.cpus}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}`);
const contextLine = context
  ? `Context: SessionStart ${context.startupChars} characters (~${Math.round(context.startupChars / 4)} tokens) on startup, ${context.resumeChars} (~${Math.round(context.resumeChars / 4)}) on resume; ${context.identical ? 'identical' : 'NOT identical'} on the same work 45 minutes apart; a UserPromptSubmit delta ${context.deltaChars} characters (~${Math.round(context.deltaChars / 4)} tokens), ${context.quietWhenUnchanged ? 'nothing' : 'SOMETHING'} when nothing changed.`
  : '';
console.log(contextLine);
const spawnTable = spawns?.rows
  ? [
      'Hook processes per 100 tool calls (`bench/spawns.ts`: the real Claude Code CLI plays the same 100 calls — 42 reads and searches, 20 edits, 5 new files, 33 Bash commands of which 8 are checks — once per way of registering the tool hooks):',
      '',
      '| registration | node processes | hook processes (shells included) | helper processes a session | ms csm adds to an edit (median) |',
      '|---|---:|---:|---:|---:|',
      ...spawns.rows.map(
        (r) => `| ${r.way} | ${r.nodePer100} | ${r.hooksPer100} | ${r.helpers} | ${r.editMs ?? '–'} |`,
      ),
    ].join('\n')
  : spawns
    ? `Spawns per 100 tool calls: not measured (${spawns.skipped}).`
    : '';
if (spawnTable) console.log(spawnTable);
fs.writeFileSync(
  path.join(root, 'bench/results.json'),
  `${JSON.stringify({ machine, rows, context, spawns }, null, 2)}\n`,
);
console.log('written: bench/results.json');

// The README shows the latest figures and the machine they came from.
const readmeFile = path.join(root, 'README.md');
const readme = fs.readFileSync(readmeFile, 'utf8');
const [start, end] = ['<!-- bench:start -->', '<!-- bench:end -->'];
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a >= 0 && b > a && !process.argv.includes('--no-readme')) {
  const fmt = (v) => (v === null || v === undefined ? '–' : v);
  const table = [
    '| case | median ms | `node -e 0` ms | ratio | target |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.medianMs)} | ${fmt(r.baselineMs)} | ${r.ratio}× | ${r.target ? `≤ ${r.target}×` : ''} |`,
    ),
  ].join('\n');
  const note = `Measured ${machine.date.slice(0, 10)} on ${machine.cpus}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}; median of ${RUNS} runs.`;
  fs.writeFileSync(
    readmeFile,
    `${readme.slice(0, a + start.length)}\n${table}\n\n${contextLine}\n\n${spawnTable ? `${spawnTable}\n\n` : ''}${note}\n${readme.slice(b)}`,
  );
  console.log('updated: README.md (benchmarks)');
}
process.exitCode =
  rows.some((r) => r.ok === false) || (context && (!context.identical || !context.quietWhenUnchanged)) ? 1 : 0;
