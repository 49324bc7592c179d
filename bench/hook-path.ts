#!/usr/bin/env node
// npm run bench:paths — how far each hook's call travels: its entry run from source, in a real repo
// with a session and a real test gate, with every file write traced (bench/trace-writes.mjs). For the
// last write of each hook, the stack from the entry to it: the csm files it passes through and how
// often it returns to a layer it had left (issue 28: at most 15 files, at most 3 returns). Also each
// bundle's import closure (csm files esbuild puts in it). `--json F` writes the figures to F.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { HOOK_BUNDLES, type HookName } from '../src/kernel/hook-events.ts';
import { hookSample } from '../src/usecases/tools/hook-samples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist/cli.mjs');
const env = { ...process.env, CSM_DEBUG: '', CSM_DISABLE: '', NO_COLOR: '1' };

const run = (cmd: string, args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}, input = '') => {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'utf8', env: { ...env, ...extra } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};
const git = (cwd: string, ...a: string[]) =>
  run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...a], cwd);
const csm = (cwd: string, ...a: string[]) => run(process.execPath, [CLI, ...a], cwd);

/** A repo with a node test gate, a session whose baseline ran it, and task-1 in progress. */
function makeRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-hook-path-'));
  const pkg = { name: 'paths', private: true, scripts: { test: 'node test.js' } };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/a.js'), 'exports.a = 1;\n');
  fs.writeFileSync(path.join(dir, 'test.js'), "require('assert').strictEqual(require('./src/a.js').a > 0, true);\n");
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  csm(dir, 'start', 'Trace the hooks');
  csm(dir, 'task', 'add', 'Hot path', '--estimate', '30');
  csm(dir, 'task', 'start', 'task-1');
  fs.writeFileSync(path.join(dir, 'src/a.js'), 'exports.a = 2;\n');
  return dir;
}

interface Write {
  op: string;
  target: string;
  stack: string[];
}

/** Runs hooks/<name>.ts from source with the write tracer; the writes it made, in order. */
function traceHook(name: HookName, dir: string): Write[] {
  const out = path.join(dir, `.trace-${name}.jsonl`);
  fs.writeFileSync(out, '');
  const input = JSON.stringify(hookSample(name, dir, path.join(dir, 'src/a.js')));
  const tracer = path.join(root, 'bench/trace-writes.mjs');
  const tsx = import.meta.resolve('tsx');
  const args = ['--import', tsx, '--import', tracer, path.join(root, 'hooks', `${name}.ts`)];
  run(process.execPath, args, dir, { CSM_TRACE_OUT: out }, input);
  const lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
  return lines.map((l) => JSON.parse(l) as Write).filter((w) => !w.target.includes('.trace-'));
}

/** csm's source files on a stack, from the outermost frame inwards, each once per consecutive run. */
function stackFiles(stack: string[]): string[] {
  const files: string[] = [];
  for (const line of [...stack].reverse()) {
    const m = /\(?(?:file:\/\/)?(\/[^():]+\.ts):\d+:\d+\)?$/.exec(line.trim());
    const f = m?.[1] && path.relative(root, m[1]);
    if (!f || f.startsWith('..') || f.includes('node_modules')) continue;
    if (files[files.length - 1] !== f) files.push(f);
  }
  return files;
}

/**
 * The whole path of write `i`, from the hook's entry. A stack taken after an \`await\` starts where
 * the code resumed (a lock's callback, say); the part before it is the stack of the latest earlier
 * write made from that same file — repeated until the path starts at hooks/.
 */
function fullPath(writes: Write[], i: number): string[] {
  let files = stackFiles(writes[i]?.stack ?? []);
  for (let j = i - 1; j >= 0 && files[0] !== undefined && !files[0].startsWith('hooks/'); j--) {
    const outer = stackFiles(writes[j]?.stack ?? []);
    const at = outer.lastIndexOf(files[0]);
    if (at > 0) files = [...outer.slice(0, at), ...files];
  }
  return files;
}

/** The layer a source file belongs to: hooks, cli, usecases, adapters, domain, kernel, contracts… */
const layerOf = (file: string): string => {
  const parts = file.split('/');
  return parts[0] === 'src' && parts.length > 2 ? (parts[1] ?? 'src') : (parts[0] ?? '');
};

/** How often the path enters a layer it had already left. */
function returns(files: string[]): { layers: string[]; returns: number } {
  const layers: string[] = [];
  for (const f of files) if (layers[layers.length - 1] !== layerOf(f)) layers.push(layerOf(f));
  const seen = new Set<string>();
  let n = 0;
  for (const l of layers) {
    if (seen.has(l)) n++;
    seen.add(l);
  }
  return { layers, returns: n };
}

/** csm source files esbuild takes into the bundle of hooks/<name>.ts. */
async function importClosure(name: string): Promise<number> {
  const r = await build({
    entryPoints: [path.join(root, 'hooks', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { __CSM_VERSION__: '"0"' },
  });
  return Object.keys(r.metafile.inputs).filter((f) => !f.includes('node_modules') && !f.endsWith('.json')).length;
}

export interface HookPath {
  hook: HookName;
  writes: number;
  lastWrite: string;
  files: string[];
  layers: string[];
  returns: number;
  importClosure: number;
  /** The longest path to any of its writes: files, returns, and the write. */
  longest: { files: number; returns: number; write: string };
}

export async function measureHookPaths(): Promise<HookPath[]> {
  const dir = makeRepo();
  // in a session's order; the prompt after a task was added in another terminal, so that it has news to write
  const order: HookName[] = ['session-start', 'post-tool-use', 'pre-compact', 'stop', 'user-prompt-submit'];
  const known = new Set(HOOK_BUNDLES.map((b) => b.name));
  const rows: HookPath[] = [];
  for (const hook of order.filter((h) => known.has(h))) {
    if (hook === 'user-prompt-submit') csm(dir, 'task', 'add', 'Another task', '--estimate', '10');
    const writes = traceHook(hook, dir);
    const last = writes[writes.length - 1];
    const files = last ? fullPath(writes, writes.length - 1) : [];
    const target = last ? path.relative(dir, last.target) : '(none)';
    const distinct = [...new Set(files)];
    let longest = { files: 0, returns: 0, write: '(none)' };
    writes.forEach((w, i) => {
      const p = fullPath(writes, i);
      const n = new Set(p).size;
      const back = returns(p).returns;
      if (n > longest.files || (n === longest.files && back > longest.returns))
        longest = { files: n, returns: back, write: path.relative(dir, w.target) };
    });
    rows.push({
      hook,
      writes: writes.length,
      lastWrite: target,
      files: distinct,
      ...returns(files),
      importClosure: 0,
      longest,
    });
  }
  for (const r of rows) r.importClosure = await importClosure(r.hook);
  if (!process.env.CSM_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = await measureHookPaths();
  for (const r of rows) {
    console.log(
      `${r.hook}: ${r.writes} write(s), the last to ${r.lastWrite}: ${r.files.length} files, ` +
        `${r.returns} return(s) (${r.layers.join(' → ')}); longest path (to ${r.longest.write}): ` +
        `${r.longest.files} files, ${r.longest.returns} return(s); bundle closure ${r.importClosure} files`,
    );
    for (const f of r.files) console.log(`    ${f}`);
  }
  const i = process.argv.indexOf('--json');
  const file = i >= 0 ? process.argv[i + 1] : undefined;
  if (file) fs.writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}
