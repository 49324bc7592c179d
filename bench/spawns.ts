/**
 * Spawns per 100 tool calls: the real Claude Code CLI (the pinned devDependency) plays 100 tool
 * calls from a scripted fake Messages API (loopback only, as in the e2e tests) in a csm session,
 * once per way of registering csm's tool hooks, and counts the node processes that start a csm
 * hook bundle (a `node` shim first on PATH logs each start) and the hook processes the CLI starts
 * for tool events (its hook_started events).
 *
 * The ways compared:
 * - shipped: hooks/hooks.json as it is, with csm's mod loaded (Claude Code 2.1.287+): edits recorded
 *   in-process by the mod's helper (one `csm mod serve` a session), the edit hook returning in its
 *   shell filter; Bash through checks-only.sh;
 * - shipped, mods off: the same plugin where Claude Code reads its mods switch off (edits to node);
 * - every Bash call: the registration before the filter (Write|Edit|NotebookEdit|Bash to node);
 * - `if` filters: one handler per check word, `"if": "Bash(*word*)"` (Claude Code ≥ 2.1.85);
 * - PostToolBatch: one handler on PostToolBatch instead of the tool events.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECK_WORDS } from '../src/domain/edits/edit-facts.ts';
import { startFakeApi, type Turn } from '../test/e2e/support/fake-api.ts';
import { CLAUDE_BIN, runClaude } from '../test/e2e/support/run-claude.ts';
import { createGitRepo, createPlugin } from '../test/e2e/support/plugin-fixture.ts';

type Call = { name: string; input: Record<string, unknown> };

/**
 * 100 tool calls shaped like a working session: 42 reads and searches, 20 edits after reads
 * (some in parallel batches), 5 new files, and 33 Bash commands of which 8 are check runs (2 of
 * them failing), with commit messages in a heredoc, a loop and a `$(…)` (what Claude Code's `if`
 * cannot parse, so it runs every `if` handler).
 */
export function toolMix(dir: string): Call[][] {
  const f = (i: number) => path.join(dir, `src/m${i}.ts`);
  const read = (i: number): Call => ({ name: 'Read', input: { file_path: f(i) } });
  const edit = (i: number): Call => ({
    name: 'Edit',
    input: { file_path: f(i), old_string: `= ${i};`, new_string: `= ${i + 100};` },
  });
  const bash = (command: string): Call[] => [{ name: 'Bash', input: { command } }];
  const batches: Call[][] = [];
  const others = [
    'git status',
    'git diff --stat',
    'git log --oneline -5',
    'ls src',
    'cat package.json',
    'grep -rn "export" src | head -3',
    'git status',
    'git diff --stat',
    'ls',
    'head -5 README.md',
  ];
  const checks = [
    'npm test',
    'npm run lint',
    'npm run typecheck',
    'npm test',
    'npm run build',
    'npm run test:broken',
    'npm test',
    'npm run lint:broken',
  ];
  for (let g = 0; g < 5; g++) {
    const ids = [1, 2, 3, 4].map((k) => g * 4 + k);
    batches.push(ids.map(read), ids.map(edit));
    batches.push(bash(others[g * 2] as string), bash(others[g * 2 + 1] as string), bash(checks[g] as string));
    batches.push([
      {
        name: 'Write',
        input: { file_path: path.join(dir, `src/new${g}.ts`), content: `export const n${g} = ${g};\n` },
      },
    ]);
    batches.push([read(g + 1)], [read(g + 6)]);
    if (g < 2)
      batches.push([
        { name: 'Grep', input: { pattern: 'export', path: path.join(dir, 'src') } },
        { name: 'Grep', input: { pattern: 'const', path: path.join(dir, 'src') } },
        { name: 'Glob', input: { pattern: 'src/*.ts' } },
      ]);
  }
  for (const c of checks.slice(5)) batches.push(bash(c));
  batches.push(
    bash('git diff --stat'),
    bash('git log --oneline -3'),
    bash('ls src | wc -l'),
    bash('grep -rn "no-such-text" src'),
    bash('cat README.md'),
  );
  batches.push(
    bash('git add -A && git commit -qm "$(cat <<\'EOF\'\nwork in progress\nEOF\n)"'),
    bash('for f in src/m1.ts src/m2.ts; do wc -l "$f"; done'),
  );
  batches.push(
    bash('git status --short | head'),
    bash('echo "files: $(ls src | wc -l)"'),
    bash('git add -A && git commit -qm "$(cat <<\'EOF\'\nmore work\nEOF\n)"'),
    bash('git log --oneline -1'),
  );
  batches.push(
    bash('ls -la'),
    bash('git diff HEAD~1 --stat'),
    bash('find src -name "*.ts" | wc -l'),
    bash('wc -l README.md'),
  );
  for (const i of [11, 12, 13, 14, 15, 16]) batches.push([read(i)]);
  return batches;
}

const PROJECT = {
  'package.json': `${JSON.stringify({ name: 'spawns', private: true, scripts: { test: 'node -e 0', 'test:broken': 'node -e "process.exit(1)"', lint: 'node -e 0', 'lint:broken': 'node -e "process.exit(1)"', typecheck: 'node -e 0', build: 'node -e 0' } }, null, 2)}\n`,
  'README.md': '# spawns\n\nA project for counting hook processes.\n',
  ...Object.fromEntries(
    Array.from({ length: 20 }, (_, k) => [`src/m${k + 1}.ts`, `export const m${k + 1} = ${k + 1};\n`]),
  ),
};

interface Way {
  name: string;
  /** A plugin dir for --plugin-dir. */
  plugin: (root: string) => string;
  /** Claude Code reads its mods rollout switch off (a cached value in the private HOME). */
  modsOff?: boolean;
}

function ways(root: string): Way[] {
  const hooks = path.join(root, 'dist/hooks');
  const node = `node "${hooks}/post-tool-use.mjs"`;
  const group = (matcher: string | undefined, handlers: Record<string, unknown>[]) => ({
    ...(matcher ? { matcher } : {}),
    hooks: handlers.map((h) => ({ type: 'command', timeout: 10, ...h })),
  });
  const plugin = (name: string, block: Record<string, unknown>) => () => {
    const dir = createPlugin({ name: `csm-spawns-${name}` });
    fs.writeFileSync(path.join(dir, 'hooks/hooks.json'), JSON.stringify({ hooks: block }, null, 2));
    return dir;
  };
  const byWord = CHECK_WORDS.map((w) => ({ command: node, if: `Bash(*${w}*)` }));
  return [
    { name: 'shipped, with the mod (edits in-process, Bash through checks-only.sh)', plugin: () => root },
    { name: 'shipped, mods off (edits to node, Bash through checks-only.sh)', plugin: () => root, modsOff: true },
    {
      name: 'before: every Bash call to node',
      plugin: plugin('all-bash', {
        PostToolUse: [group('Write|Edit|NotebookEdit|Bash', [{ command: node }])],
        PostToolUseFailure: [group('Bash', [{ command: node }])],
      }),
    },
    {
      name: `\`if\` filters (${CHECK_WORDS.length} Bash(*word*) handlers)`,
      plugin: plugin('if', {
        PostToolUse: [group('Write|Edit|NotebookEdit', [{ command: node }]), group('Bash', byWord)],
        PostToolUseFailure: [group('Bash', byWord)],
      }),
    },
    {
      name: 'PostToolBatch (one process per batch)',
      plugin: plugin('batch', { PostToolBatch: [group(undefined, [{ command: node }])] }),
    },
  ];
}

export interface SpawnRow {
  way: string;
  toolCalls: number;
  /** node processes that started post-tool-use.mjs, per 100 tool calls. */
  nodePer100: number;
  /** hook processes the CLI started for tool events (shells included), per 100 tool calls. */
  hooksPer100: number;
  /** node processes running csm's CLI (the mod's helper), in the whole run. */
  helpers: number;
  /** Median ms csm added to an edit tool call (Claude Code's own timing of its hooks), or null. */
  editMs: number | null;
}

const median = (xs: number[]): number | null => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? null) : null;
};

/**
 * What csm added to each edit, as Claude Code's debug log times it: with the mod, its PostToolUse
 * hook whole (the helper's record and the command hooks beneath it); without, the command hook.
 */
function editTimes(debugLog: string, mod: boolean): number[] {
  const lines = debugLog.split('\n');
  const out: number[] = [];
  lines.forEach((l, i) => {
    const hook = /Hooks: PostToolUse:(Edit|Write) \[.*\] \(plugin csm[^)]*\) finished with status \d+ \((\d+)ms\)/.exec(
      l,
    );
    if (!hook) return;
    if (!mod) return void out.push(Number(hook[2]));
    const settled = lines
      .slice(i + 1, i + 6)
      .map((n) => /hooks module csm@\S+ classic\.PostToolUse settled in ([\d.]+)ms/.exec(n))
      .find(Boolean);
    if (settled) out.push(Number(settled[1]));
  });
  return out;
}

/** A HOME where Claude Code reads the mods rollout switch as off, and the variable that makes it read it. */
function modsOffHome(tmp: string): { home: string; env: Record<string, string> } {
  const home = path.join(tmp, 'home');
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
  const off = JSON.stringify({ cachedGrowthBookFeatures: { tengu_plugin_hooks_modules: false } });
  for (const f of [path.join(home, '.claude.json'), path.join(home, '.claude/.claude.json')]) fs.writeFileSync(f, off);
  return { home, env: { CLAUDE_CODE_GB_DISK_CACHE_WHEN_TELEMETRY_OFF: '1' } };
}

/** Runs the mix once per way; null (with the reason) when the CLI or a loopback-only run is not available. */
export async function measureSpawns(root: string): Promise<{ rows: SpawnRow[] } | { skipped: string }> {
  if (!fs.existsSync(CLAUDE_BIN))
    return {
      skipped: `${path.relative(root, CLAUDE_BIN)} is missing (npm ci --include=dev installs the pinned Claude Code CLI)`,
    };
  const realNode = process.execPath;
  const rows: SpawnRow[] = [];
  for (const way of ways(root)) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-spawns-'));
    try {
      const repo = createGitRepo(PROJECT, path.join(tmp, 'repo'));
      const csm = (...a: string[]) => {
        const r = spawnSync(realNode, [path.join(root, 'dist/cli.mjs'), ...a], {
          cwd: repo,
          encoding: 'utf8',
          env: { ...process.env, CSM_DEBUG: '', CSM_DISABLE: '' },
        });
        if (r.status !== 0) throw new Error(`csm ${a.join(' ')}: ${r.stderr}`);
      };
      csm('init');
      fs.writeFileSync(
        path.join(repo, '.claude/csm.json'),
        JSON.stringify({ detectGates: false, gates: [], docsCheck: { enabled: false } }),
      );
      csm('start', 'Count the hook processes', '--no-baseline');
      csm('task', 'add', 'Edit the modules', '--estimate', '30');
      csm('task', 'start', 'task-1');
      // a `node` first on PATH that logs which script it runs, then runs it
      const shim = path.join(tmp, 'bin');
      const log = path.join(tmp, 'node-starts.log');
      fs.mkdirSync(shim);
      fs.writeFileSync(
        path.join(shim, 'node'),
        `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\nexec '${realNode}' "$@"\n`,
        { mode: 0o755 },
      );
      const batches = toolMix(repo);
      const calls = batches.reduce((n, b) => n + b.length, 0);
      const api = await startFakeApi([...batches.map((b): Turn => ({ tool_use: b })), { text: 'Done.' }]);
      try {
        const off = way.modsOff ? modsOffHome(tmp) : null;
        const run = await runClaude({
          api,
          cwd: repo,
          prompt: 'Work through the modules.',
          pluginDir: way.plugin(root),
          ...(off ? { home: off.home } : {}),
          env: { PATH: `${shim}:${process.env.PATH ?? ''}`, npm_config_update_notifier: 'false', ...off?.env },
          timeoutMs: 600_000,
        });
        if (run.result?.subtype !== 'success' || api.refused().length > 0)
          throw new Error(
            `the CLI run for "${way.name}" did not finish cleanly (${run.result?.subtype ?? 'no result'}, ${api.refused().length} refused: ${JSON.stringify(api.refused()).slice(0, 300)})`,
          );
        const starts = fs.existsSync(log)
          ? fs
              .readFileSync(log, 'utf8')
              .split('\n')
              .filter((l) => l.endsWith('post-tool-use.mjs')).length
          : 0;
        const toolHooks = run.hookEvents.filter(
          (h) =>
            h.subtype === 'hook_started' &&
            /^(PostToolUse|PostToolUseFailure|PostToolBatch)\b/.test(h.hook_name ?? h.hook_event ?? ''),
        ).length;
        const started = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n') : [];
        const debug = fs.existsSync(run.debugFile) ? fs.readFileSync(run.debugFile, 'utf8') : '';
        const mod = /hooks module csm@\S+ loaded/.test(debug);
        rows.push({
          way: way.name,
          toolCalls: calls,
          nodePer100: Math.round((starts * 100) / calls),
          hooksPer100: Math.round((toolHooks * 100) / calls),
          helpers: started.filter((l) => l.endsWith('cli.mjs')).length,
          editMs: median(editTimes(debug, mod)),
        });
      } finally {
        await api.close();
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { rows };
}

// `node --import tsx bench/spawns.ts`: this measurement alone
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'spawns.ts')) {
  const r = await measureSpawns(path.resolve(import.meta.dirname, '..'));
  console.log(JSON.stringify(r, null, 2));
}
