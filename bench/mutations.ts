/**
 * The mutation harness (issue 25 §1): is a pass from Stop worth anything? For each fixture project
 * (one per runner, each with a test failing before the session), every one-line mutation of its
 * source files is applied in turn; the whole suite runs (read by the harness itself, never by
 * csm's parsers), and so does the built Stop hook, as Claude Code would call it. A FALSE PASS is a
 * mutation whose full suite gains a failing test while Stop lets Claude stop. The goal is 0.
 *
 *   node --import tsx bench/mutations.ts [--per-runner N] [--runner NAME] [--json FILE]
 *
 * Also measured: Stop's wall time against the full suite's, per runner (medians).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './dist-snapshot.ts';
import { FIXTURES, type Fixture } from './mutation-fixtures.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = (): string => bundle('dist/cli.mjs');
const STOP = (): string => bundle('dist/hooks/stop.mjs');

/** One-line mutations: the first match of each operator on a line makes one mutant. */
const OPERATORS: [RegExp, string][] = [
  [/ < /, ' <= '],
  [/ <= /, ' < '],
  [/ > /, ' >= '],
  [/ >= /, ' > '],
  [/ === /, ' !== '],
  [/ == /, ' != '],
  [/ \+ /, ' - '],
  [/ - /, ' + '],
  [/ \* /, ' / '],
  [/ \/ /, ' * '],
  [/(\w) ?% ?2/, '$1 % 3'],
  [/\+= /, '-= '],
  [/\b0\b(?!\.)/, '1'],
  [/\b100\b/, '10'],
  [/\bupper\(\)|\bToUpper\b|to_uppercase|toUpperCase/, 'lower'],
  [/" " \+ s|' ' \+ s|" {}"/, '"_" + s'],
  [/return lo\b/, 'return hi'],
  [/return hi\b/, 'return lo'],
  [/\blen\(w\) > 0|w\.length > 0|w\.len\(\) > 0|len\(w\) > 0/, 'true'],
];

const SKIP_LINE = /^\s*($|\/\/|#|import |from |use |pub mod |package |module |\}|\)|'use strict')/;

export interface Mutant {
  file: string;
  line: number;
  before: string;
  after: string;
}

/** Every mutant of the fixture's sources, in file and line order. */
export function mutantsOf(fx: Fixture): Mutant[] {
  const out: Mutant[] = [];
  for (const file of fx.sources) {
    const text = fx.files[file] ?? '';
    text.split('\n').forEach((line, i) => {
      if (SKIP_LINE.test(line)) return;
      for (const [re, to] of OPERATORS) {
        if (!re.test(line)) continue;
        const lower = (m: string): string => m.replace(/upper|Upper/, (u) => (u === 'Upper' ? 'Lower' : 'lower'));
        const after = to === 'lower' ? line.replace(re, lower) : line.replace(re, to);
        if (after !== line) out.push({ file, line: i, before: line, after });
      }
    });
  }
  return out;
}

const sh = (cmd: string, cwd: string, env: Record<string, string> = {}, input?: string) => {
  const t = process.hrtime.bigint();
  const r = spawnSync('sh', ['-c', cmd], {
    cwd,
    env: { ...process.env, ...env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    code: r.status,
    out: `${r.stdout ?? ''}${r.stderr ?? ''}`,
    stdout: r.stdout ?? '',
    ms: Number(process.hrtime.bigint() - t) / 1e6,
  };
};

const has = (tool: string | null): boolean =>
  tool === null || spawnSync(tool, [tool === 'go' ? 'version' : '--version']).status === 0;

function setUp(fx: Fixture): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `csm-mutants-${fx.runner.replace(/\W/g, '')}-`));
  for (const [rel, text] of Object.entries(fx.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  if (fx.nodeModules) fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const git = (...a: string[]) =>
    spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...a], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture with a failure from before the session');
  return dir;
}

export interface RunnerResult {
  runner: string;
  mutants: number;
  /** Mutants the full suite caught (it gained a failing test). */
  caught: number;
  blocked: number;
  falsePasses: { file: string; line: number; after: string; gained: string[]; said: string }[];
  /** Stop blocked a mutant the full suite did not catch (a failure that was already there, a flaky test, a check beyond the tests). */
  extraBlocks: number;
  stopMs: number;
  fullMs: number;
  skipped?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? (s[(s.length - 1) / 2] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2
    : 0;
};

export function runFixture(fx: Fixture, perRunner: number, log: (s: string) => void = () => {}): RunnerResult {
  const base: RunnerResult = {
    runner: fx.runner,
    mutants: 0,
    caught: 0,
    blocked: 0,
    falsePasses: [],
    extraBlocks: 0,
    stopMs: 0,
    fullMs: 0,
  };
  if (!has(fx.needs)) return { ...base, skipped: `${fx.needs} is not installed` };
  const dir = setUp(fx);
  const env = fx.env ?? {};
  try {
    const start = sh(`node ${JSON.stringify(CLI())} start "Mutation run" --json`, dir, env);
    if (start.code !== 0) return { ...base, skipped: `csm start failed: ${start.out.slice(0, 300)}` };
    const before = new Set(fx.failing(sh(fx.full, dir, env).out));
    // the fixture fails as written: one test (initials of nobody), no more, no less
    if (before.size !== 1)
      return {
        ...base,
        skipped: `the fixture's suite should fail one test before the session, it fails ${before.size}: ${[...before].slice(0, 3).join(', ')}`,
      };
    const all = mutantsOf(fx);
    // spread the picks over the whole list when it is longer than asked
    const picked =
      all.length <= perRunner
        ? all
        : all.filter(
            (_, i) => Math.floor((i * perRunner) / all.length) !== Math.floor(((i - 1) * perRunner) / all.length),
          );
    const stopMs: number[] = [];
    const fullMs: number[] = [];
    picked.forEach((m, k) => {
      const file = path.join(dir, m.file);
      const original = fs.readFileSync(file, 'utf8');
      const lines = original.split('\n');
      lines[m.line] = m.after;
      fs.writeFileSync(file, lines.join('\n'));
      try {
        const full = sh(fx.full, dir, env);
        fullMs.push(full.ms);
        const gained = fx.failing(full.out).filter((t) => !before.has(t));
        const payload = JSON.stringify({
          session_id: `mutant-${k}`,
          transcript_path: path.join(dir, '.t.jsonl'),
          cwd: dir,
          hook_event_name: 'Stop',
          stop_hook_active: false,
        });
        const stop = sh(`node ${JSON.stringify(STOP())}`, dir, env, payload);
        stopMs.push(stop.ms);
        // a hook that did not run is no verdict (exit 0 is the contract: anything else is the harness's problem)
        if (stop.code !== 0) throw new Error(`the Stop hook exited ${stop.code}: ${stop.out.slice(0, 300)}`);
        const blocked = /"decision"\s*:\s*"block"/.test(stop.stdout);
        base.mutants++;
        if (gained.length) base.caught++;
        if (blocked) base.blocked++;
        if (gained.length && !blocked)
          base.falsePasses.push({
            file: m.file,
            line: m.line + 1,
            after: m.after.trim(),
            gained: gained.slice(0, 3),
            said: stop.out.trim().slice(0, 400),
          });
        if (!gained.length && blocked) base.extraBlocks++;
        log(
          `${fx.runner} ${k + 1}/${picked.length} ${m.file}:${m.line + 1} ${gained.length ? `caught (${gained.length})` : 'survived'} → Stop ${blocked ? 'blocked' : 'allowed'}${gained.length && !blocked ? '  ← FALSE PASS' : ''}`,
        );
      } finally {
        fs.writeFileSync(file, original);
      }
    });
    return { ...base, stopMs: Math.round(median(stopMs)), fullMs: Math.round(median(fullMs)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

export function runMutations(opts: { perRunner: number; only?: string; log?: (s: string) => void }): RunnerResult[] {
  return FIXTURES.filter((f) => !opts.only || f.runner === opts.only).map((fx) =>
    runFixture(fx, opts.perRunner, opts.log),
  );
}

export function mutationTable(results: readonly RunnerResult[]): string {
  const rows = results.map((r) =>
    r.skipped
      ? `| ${r.runner} | – | – | – | – | skipped: ${r.skipped} |`
      : `| ${r.runner} | ${r.mutants} | ${r.caught} | ${r.blocked} | **${r.falsePasses.length}** | ${r.fullMs ? (r.stopMs / r.fullMs).toFixed(2) : '–'}× (${r.stopMs} ÷ ${r.fullMs} ms) |`,
  );
  const total = results.reduce((a, r) => ({ m: a.m + r.mutants, f: a.f + r.falsePasses.length, c: a.c + r.caught }), {
    m: 0,
    f: 0,
    c: 0,
  });
  return [
    '| runner | mutants | caught by the full suite | Stop blocked | false passes | Stop ÷ full suite (medians) |',
    '|---|---|---|---|---|---|',
    ...rows,
    `| all | ${total.m} | ${total.c} | ${results.reduce((a, r) => a + r.blocked, 0)} | **${total.f}** | |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  for (const f of ['dist/cli.mjs', 'dist/hooks/stop.mjs'])
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: npm run build first`);
  const results = runMutations({
    perRunner: Number(arg('per-runner') ?? 25),
    only: arg('runner'),
    log: (s) => console.log(s),
  });
  console.log(`\n${mutationTable(results)}`);
  for (const r of results)
    for (const f of r.falsePasses)
      console.log(
        `false pass: ${r.runner} ${f.file}:${f.line} \`${f.after}\` — the full suite gained ${f.gained.join(', ')}; Stop said: ${f.said || '(nothing)'}`,
      );
  const out = arg('json');
  if (out) fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
  if (process.argv.includes('--readme') && !arg('runner')) writeReadme(results);
}

/** The README's mutation section, between its markers, from this run. */
function writeReadme(results: readonly RunnerResult[]): void {
  const file = path.join(root, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = '<!-- mutations:start -->';
  const end = '<!-- mutations:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  const when = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}, node ${process.version}.`;
  fs.writeFileSync(file, `${text.slice(0, a + start.length)}\n${mutationTable(results)}\n\n${when}\n${text.slice(b)}`);
  console.log('updated: README.md (mutations)');
}
