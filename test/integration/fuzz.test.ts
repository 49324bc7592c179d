/**
 * Fuzzing the hooks (issue 9 §1): generated payloads per hook — random JSON, truncated
 * JSON, wrong types for every field, ~1 MB strings, unknown events and tools, nulls, arrays for
 * objects, Windows paths, paths outside the repo, NUL bytes, bad UTF-8 — against a repo with an
 * active session and no failing gate. Every run exits 0, prints nothing or one hook JSON object
 * with known keys, one-line messages and no stack trace, and never blocks.
 *
 * A share of each hook's payloads (3 in 10) runs through the BUILT bundle as a real process; the
 * rest runs in-process through the same handlers and the same runtime steps
 * (src/hook-runtime/run-hook.ts: parse, object check, lenient read, handler, fail-open) inside a
 * few harness processes that import the handlers from src/. The printed counts say which ran where.
 *
 * How many: `npm test` runs 200 payloads per hook — the smallest count at which every one of the
 * 20 generators reaches every hook both as a real process and in-process (checked below), so a
 * loaded 2-core machine runs it beside the other test files. `npm run fuzz` runs 1,000 per hook,
 * alone (CI runs it after `npm test`). The seed is printed: CSM_TEST_SEED=<seed> replays a run,
 * another value explores other payloads. CSM_FUZZ_PER_HOOK / CSM_FUZZ_REAL_OF_TEN change the
 * counts while debugging (below 200 per hook the coverage check fails on purpose).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type HookName,
  type Rng,
  HOOK_EVENT,
  HOOK_NAMES,
  NO_GATES,
  checkStore,
  hookOutputProblems,
  hookStdoutProblems,
  makeRng,
  pool,
  runCli,
  runHookRaw,
  runProc,
  scratchDir,
  scratchRepo,
  suiteSeed,
} from './support/hook-runner.ts';
import { Progress, withinLimit } from './support/step-limit.ts';
import { PROJECT_ROOT, keepActiveAfterCopy, makeTempDir, writeFiles } from './support/temp-repo.ts';

const SEED = suiteSeed(0x66757a7a);
const PER_HOOK = Number(process.env.CSM_FUZZ_PER_HOOK) || 200;
/** Of every 10 payloads, this many run as real processes. */
const REAL_OF_TEN = process.env.CSM_FUZZ_REAL_OF_TEN === undefined ? 3 : Number(process.env.CSM_FUZZ_REAL_OF_TEN);
const WORKERS = 4;
const HOOKS: readonly HookName[] = HOOK_NAMES;
const MB = 1024 * 1024;
/** Payload generators: payload i comes from generator i % GENERATORS (see generate()). */
const GENERATORS = 20;
/** The run's own limit, a guard against a hang sized for a loaded 2-core machine (not a speed goal). */
const LIMIT_MS = Math.max(300_000, PER_HOOK * 600);
/** Whether payload i runs as a real process: the real slots rotate by one per block of GENERATORS. */
const runsReal = (i: number): boolean => (i + Math.floor(i / GENERATORS)) % 10 < REAL_OF_TEN;

// ---------------------------------------------------------------- payload generation

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Case {
  kind: string;
  raw: Buffer;
}

const TOOLS = [
  'apply_patch',
  'Edit',
  'Write',
  'MultiEdit',
  'NotebookEdit',
  'Bash',
  'PowerShell',
  'Read',
  'Glob',
  'Grep',
  'Task',
  'WebFetch',
  'TodoWrite',
  'mcp__github__create_issue',
  'Frobnicate',
  '',
  'edit',
  'BASH',
];
const EVENTS = [
  'PostToolUse',
  'PostToolUseFailure',
  'PreToolUse',
  'SessionStart',
  'Stop',
  'SubagentStop',
  'Notification',
  'UserPromptSubmit',
  'SessionEnd',
  'PreCompact',
  'FutureEvent2027',
  '',
  'stop',
];
const SOURCES = ['startup', 'resume', 'clear', 'compact', 'reload', ''];
const COMMANDS = [
  'npm test',
  'npm run test -- --watch=false',
  'pnpm vitest run',
  'pytest -x',
  'cargo test',
  'npx tsc --noEmit',
  'npm run lint',
  'npm run build',
  'ls -la',
  'git status',
  'echo "hello"',
  'rm -rf /',
  'make check',
  'go test ./...',
];

function randomString(rng: Rng): string {
  const pick = rng.int(0, 9);
  if (pick === 0) return '';
  if (pick === 1) return rng.string(rng.int(1, 8), '\u0000\u0001\u001f\u007f\u2028\u2029\ud800\udfff\ufeff');
  if (pick === 2) return rng.string(rng.int(1, 40), 'ab\\/:.*?"<>|\n\t ');
  if (pick === 3) return '日本語テキスト🙂'.repeat(rng.int(1, 5));
  if (pick === 4) return `${'../'.repeat(rng.int(1, 8))}etc/passwd`;
  return rng.string(rng.int(1, 64));
}

function randomJson(rng: Rng, depth = 0): Json {
  const r = rng.int(0, depth > 3 ? 5 : 8);
  switch (r) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE, 42]);
    case 3:
    case 4:
    case 5:
      return randomString(rng);
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth + 1));
    default: {
      const o: { [k: string]: Json } = {};
      for (let i = rng.int(0, 5); i > 0; i--)
        o[
          rng.pick([
            'cwd',
            'tool_name',
            'tool_input',
            'file_path',
            'session_id',
            '__proto__',
            'constructor',
            randomString(rng),
          ])
        ] = randomJson(rng, depth + 1);
      return o;
    }
  }
}

/** A value of the wrong type for a field (or a nasty one of the right type). */
function wrongValue(rng: Rng): Json {
  return rng.pick<() => Json>([
    () => null,
    () => 0,
    () => -1,
    () => 1e308,
    () => true,
    () => false,
    () => [],
    () => ['a', 1, null],
    () => ({}),
    () => ({ nested: { deeper: [1, 2, 3] } }),
    () => '',
    () => 'x'.repeat(rng.int(1000, 5000)),
    () => '\u0000',
    () => `a\u0000b`,
    () => randomString(rng),
  ])();
}

function paths(rng: Rng, repo: string): string {
  return rng.pick([
    `${repo}/src/fuzz-${rng.int(0, 99)}.ts`,
    `${repo}/src/deep/${rng.string(6)}/file.ts`,
    `src\\win\\${rng.string(5)}.ts`,
    `C:\\repo\\src\\${rng.string(5)}.ts`,
    `${repo.split('/').join('\\')}\\src\\w.ts`,
    '/etc/passwd',
    `${path.dirname(repo)}/outside-${rng.int(0, 9)}.txt`,
    `${repo}/../escape.ts`,
    `${repo}/.claude/sessions/session-001-tasks.json`,
    `${repo}/.claude/csm.json`,
    `${repo}/src/nul\u0000byte.ts`,
    `${repo}/${'a'.repeat(4096)}.ts`,
    '',
    '.',
    `//server/share/${rng.string(4)}.ts`,
    `file://${repo}/src/url.ts`,
  ]);
}

function cwdFor(rng: Rng, repo: string): Json | undefined {
  const r = rng.next();
  if (r < 0.7) return repo;
  return rng.pick<Json | undefined>([
    undefined,
    `${repo}/src`,
    `${repo}/does/not/exist`,
    path.dirname(repo),
    'C:\\repo',
    repo.split('/').join('\\'),
    '.',
    'src',
    '',
    `${repo}\u0000`,
    123,
    null,
    [repo],
  ]);
}

function realisticPayload(rng: Rng, hook: HookName, repo: string): { [k: string]: Json } {
  const base: { [k: string]: Json } = {
    session_id: rng.chance(0.9) ? `fuzz-${rng.string(8)}` : randomString(rng),
    transcript_path: `/root/.claude/projects/fuzz/${rng.string(6)}.jsonl`,
    permission_mode: rng.pick(['default', 'plan', 'acceptEdits', 'bypassPermissions', 'weird']),
  };
  const cwd = cwdFor(rng, repo);
  if (cwd !== undefined) base.cwd = cwd;
  if (hook === 'post-tool-use') {
    const tool = rng.chance(0.8)
      ? rng.pick(['Edit', 'Write', 'Bash', 'MultiEdit', 'NotebookEdit', 'apply_patch'])
      : rng.pick(TOOLS);
    const failure = tool === 'Bash' && rng.chance(0.3);
    base.hook_event_name = rng.chance(0.9) ? (failure ? 'PostToolUseFailure' : 'PostToolUse') : rng.pick(EVENTS);
    base.tool_name = tool;
    base.tool_use_id = `toolu_${rng.string(12)}`;
    const file = paths(rng, repo);
    if (tool === 'Bash' || tool === 'PowerShell') {
      base.tool_input = { command: rng.pick(COMMANDS), description: 'fuzz', timeout: rng.int(1, 600000) };
      base.tool_response = failure
        ? null
        : { stdout: randomString(rng), stderr: '', interrupted: rng.chance(0.2), isImage: false };
      if (failure) base.error = `Exit code ${rng.int(1, 255)}\n${randomString(rng)}`;
    } else if (tool === 'apply_patch') {
      // Codex's edit tool: the patch text only, paths as the model wrote them, a text result
      const section = (): string =>
        rng.pick([
          `*** Add File: ${file}\n+${randomString(rng)}`,
          `*** Update File: ${paths(rng, repo)}\n@@\n-a\n+b\n ${randomString(rng)}`,
          `*** Update File: ${file}\n*** Move to: ${paths(rng, repo)}\n@@\n+${randomString(rng)}`,
          `*** Delete File: ${paths(rng, repo)}`,
          randomString(rng),
        ]);
      const body = Array.from({ length: rng.int(1, 4) }, section).join('\n');
      base.tool_input = { command: rng.chance(0.9) ? `*** Begin Patch\n${body}\n*** End Patch\n` : randomString(rng) };
      base.tool_response = rng.pick([
        `Exit code: ${rng.pick([0, 0, 1])}\nOutput:\n${randomString(rng)}`,
        randomString(rng),
      ]);
    } else if (tool === 'Write') {
      const content = Array.from({ length: rng.int(0, 30) }, () => randomString(rng)).join('\n');
      base.tool_input = { file_path: file, content };
      base.tool_response = {
        type: rng.pick(['create', 'update', 'weird']),
        filePath: file,
        content,
        structuredPatch: [],
        originalFile: rng.chance(0.5) ? null : 'old\n',
      };
    } else if (tool === 'NotebookEdit') {
      base.tool_input = {
        notebook_path: file,
        new_source: randomString(rng),
        cell_id: rng.string(6),
        edit_mode: 'replace',
      };
      base.tool_response = { new_source: 'x', cell_type: 'code' };
    } else {
      base.tool_input = {
        file_path: file,
        old_string: 'a',
        new_string: 'b',
        replace_all: false,
        edits: tool === 'MultiEdit' ? [{ old_string: 'a', new_string: 'b' }] : undefined,
      } as { [k: string]: Json };
      base.tool_response = {
        filePath: file,
        oldString: 'a',
        newString: 'b',
        originalFile: 'a\n',
        structuredPatch: [
          {
            oldStart: 1,
            oldLines: 1,
            newStart: 1,
            newLines: 1,
            lines: ['-a', '+b', rng.chance(0.2) ? (randomJson(rng) as Json) : ' ctx'],
          },
        ],
        userModified: false,
        replaceAll: false,
      };
    }
  } else if (hook === 'session-start') {
    base.hook_event_name = rng.chance(0.9) ? 'SessionStart' : rng.pick(EVENTS);
    base.source = rng.pick(SOURCES);
    if (rng.chance(0.3)) base.model = rng.pick(['claude-sonnet-4-5', 'claude-opus-4-1', '']);
    if (rng.chance(0.2)) base.agent_type = rng.pick(['Explore', 'general-purpose', '']);
  } else if (hook === 'pre-compact') {
    base.hook_event_name = rng.chance(0.9) ? 'PreCompact' : rng.pick(EVENTS);
    base.trigger = rng.chance(0.8) ? rng.pick(['auto', 'manual']) : (wrongValue(rng) as Json);
    base.custom_instructions = rng.chance(0.5) ? '' : randomString(rng);
  } else if (hook === 'user-prompt-submit') {
    base.hook_event_name = rng.chance(0.9) ? 'UserPromptSubmit' : rng.pick(EVENTS);
    base.prompt = rng.chance(0.8) ? randomString(rng) : (wrongValue(rng) as Json);
  } else {
    base.hook_event_name = rng.chance(0.9) ? 'Stop' : rng.pick(EVENTS);
    base.stop_hook_active = rng.chance(0.7) ? rng.chance(0.3) : (wrongValue(rng) as Json);
    base.last_assistant_message = randomString(rng);
    if (rng.chance(0.3)) base.background_tasks = rng.chance(0.5) ? [] : [{ id: 'bg1', command: 'npm run dev' }];
    if (rng.chance(0.2)) base.agent_id = rng.string(8);
    if (rng.chance(0.2)) base.session_crons = [];
  }
  return base;
}

/** Every (nested) key path of an object, for "wrong type for every field". */
function keyPaths(o: Json, prefix: string[] = []): string[][] {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return [];
  const out: string[][] = [];
  for (const [k, v] of Object.entries(o)) {
    out.push([...prefix, k]);
    out.push(...keyPaths(v, [...prefix, k]));
  }
  return out;
}

function setPath(o: { [k: string]: Json }, p: string[], v: Json | undefined): void {
  let cur: Json = o;
  for (const k of p.slice(0, -1)) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return;
    cur = (cur as { [k: string]: Json })[k] as Json;
  }
  if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return;
  const last = p[p.length - 1] as string;
  if (v === undefined) delete (cur as { [k: string]: Json })[last];
  else (cur as { [k: string]: Json })[last] = v;
}

const enc = (s: string): Buffer => Buffer.from(s, 'utf8');

function generate(rng: Rng, hook: HookName, repo: string, i: number): Case {
  const category = i % GENERATORS;
  const payload = realisticPayload(rng, hook, repo);
  switch (category) {
    case 0:
      return { kind: 'realistic', raw: enc(JSON.stringify(payload)) };
    case 1:
    case 2:
    case 3: {
      // wrong type (or removal) for every field in turn, nested ones included
      const ps = keyPaths(payload);
      const p = ps[(i >> 4) % Math.max(1, ps.length)] ?? ['cwd'];
      setPath(payload, p, rng.chance(0.15) ? undefined : wrongValue(rng));
      return { kind: `wrong type at ${p.join('.')}`, raw: enc(JSON.stringify(payload)) };
    }
    case 4: {
      const text = JSON.stringify(payload);
      return { kind: 'truncated JSON', raw: enc(text.slice(0, rng.int(0, text.length - 1))) };
    }
    case 5:
      return { kind: 'random JSON', raw: enc(JSON.stringify(randomJson(rng)) ?? 'null') };
    case 6: {
      // ~1 MB string in a field that csm reads
      // ('a/' — a path of half a million segments — has its own test below: it does not finish.)
      const huge = rng.pick(['x', 'npm test ', '\\', 'password=', '\n', '🙂', '..\\x']).repeat(Math.ceil(MB / 3));
      const target = rng.pick([
        ['tool_input', 'command'],
        ['tool_input', 'file_path'],
        ['tool_input', 'content'],
        ['cwd'],
        ['session_id'],
        ['last_assistant_message'],
        ['tool_response', 'stdout'],
        ['error'],
      ]);
      if (target[0] === 'tool_input' && (typeof payload.tool_input !== 'object' || payload.tool_input === null))
        payload.tool_input = {};
      if (
        target[0] === 'tool_response' &&
        (typeof payload.tool_response !== 'object' || payload.tool_response === null)
      )
        payload.tool_response = {};
      if (target[0] === 'tool_input' && target[1] === 'command') payload.tool_name = 'Bash';
      setPath(payload, target, huge.slice(0, MB));
      return { kind: `~1 MB string at ${target.join('.')}`, raw: enc(JSON.stringify(payload)) };
    }
    case 7:
      payload.hook_event_name = rng.pick([...EVENTS, randomString(rng)]);
      payload.tool_name = rng.pick([...TOOLS, randomString(rng)]);
      return { kind: 'unknown event/tool', raw: enc(JSON.stringify(payload)) };
    case 8: {
      const r = rng.int(0, 3);
      if (r === 0) return { kind: 'null', raw: enc('null') };
      if (r === 1)
        return {
          kind: 'all fields null',
          raw: enc(JSON.stringify(Object.fromEntries(Object.keys(payload).map((k) => [k, null])))),
        };
      if (r === 2) return { kind: 'array payload', raw: enc(JSON.stringify([payload])) };
      return {
        kind: 'objects as arrays',
        raw: enc(
          JSON.stringify({
            ...payload,
            tool_input: Object.values((payload.tool_input as object) ?? {}),
            tool_response: [payload.tool_response ?? null],
          }),
        ),
      };
    }
    case 9:
      if (hook === 'post-tool-use')
        payload.tool_input = {
          ...((payload.tool_input as object) ?? {}),
          file_path: rng.pick([
            `C:\\repo\\src\\${rng.string(4)}.ts`,
            `src\\a\\b.ts`,
            `${repo}\\src\\x.ts`,
            `\\\\?\\C:\\repo\\x.ts`,
          ]),
        };
      payload.cwd = rng.pick(['C:\\repo', 'c:/repo', repo.split('/').join('\\'), repo]);
      return { kind: 'Windows paths', raw: enc(JSON.stringify(payload)) };
    case 10:
      if (hook === 'post-tool-use')
        payload.tool_input = {
          ...((payload.tool_input as object) ?? {}),
          file_path: rng.pick([
            '/etc/passwd',
            `${path.dirname(repo)}/x.ts`,
            `${repo}/../../x.ts`,
            '../../../../tmp/x.ts',
            '/',
          ]),
        };
      if (rng.chance(0.3)) payload.cwd = rng.pick([path.dirname(repo), `${repo}/../..`, '/nonexistent/dir']);
      return { kind: 'paths outside the repo', raw: enc(JSON.stringify(payload)) };
    case 11: {
      // NUL bytes: inside JSON strings, and raw in the byte stream
      const text = JSON.stringify(payload).replace(/"([^"]{2})/, '"\\u0000$1');
      if (rng.chance(0.5)) return { kind: 'NUL in strings', raw: enc(text) };
      const b = Buffer.from(text);
      const at = rng.int(0, b.length);
      return { kind: 'raw NUL bytes', raw: Buffer.concat([b.subarray(0, at), Buffer.from([0, 0]), b.subarray(at)]) };
    }
    case 12: {
      const r = rng.int(0, 5);
      if (r === 0) return { kind: 'empty stdin', raw: Buffer.alloc(0) };
      if (r === 1) return { kind: 'whitespace', raw: enc(' \n\t\r\n ') };
      if (r === 2)
        return {
          kind: 'BOM + JSON',
          raw: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc(JSON.stringify(payload))]),
        };
      if (r === 3)
        return {
          kind: 'invalid UTF-8',
          raw: Buffer.concat([
            enc('{"cwd":"'),
            Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
            enc(`","hook_event_name":"${HOOK_EVENT[hook]}"}`),
          ]),
        };
      if (r === 4)
        return {
          kind: 'random bytes',
          raw: Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255))),
        };
      return { kind: 'two JSON objects', raw: enc(`${JSON.stringify(payload)}\n${JSON.stringify(payload)}`) };
    }
    case 13: {
      const depth = rng.int(1000, 50_000);
      if (rng.chance(0.5)) return { kind: 'deep nesting', raw: enc(`${'['.repeat(depth)}${']'.repeat(depth)}`) };
      const n = Math.floor(depth / 10);
      const { tool_input: _drop, ...rest } = payload;
      return {
        kind: 'deep tool_input',
        raw: enc(`${JSON.stringify(rest).slice(0, -1)},"tool_input":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`),
      };
    }
    case 14: {
      const extra: { [k: string]: Json } = {};
      for (let k = rng.int(1, 200); k > 0; k--) extra[`unknown_${rng.string(6)}`] = randomJson(rng);
      return { kind: 'unknown fields', raw: enc(JSON.stringify({ ...extra, ...payload })) };
    }
    case 15:
      return {
        kind: 'duplicate keys',
        raw: enc(
          `{"cwd":${JSON.stringify(repo)},${JSON.stringify(payload).slice(1, -1)},"cwd":${JSON.stringify(wrongValue(rng))}}`,
        ),
      };
    default:
      // wrong types for several fields at once
      for (const p of keyPaths(payload)) if (rng.chance(0.25)) setPath(payload, p, wrongValue(rng));
      return { kind: 'several wrong types', raw: enc(JSON.stringify(payload)) };
  }
}

// ---------------------------------------------------------------- in-process: the same handlers, the same runtime steps

/**
 * The in-process runner: ONE node process per hook (TypeScript through tsx) that imports the
 * hook's handler from src/ and feeds it each payload in turn, mirroring hooks/<name>.ts and
 * runHook (src/hook-runtime/run-hook.ts) minus the stdin/stdout plumbing. A separate small
 * process (not the vitest worker) so that its cwd can be the scratch repo, its git spawns stay
 * cheap, and a payload that never finishes can be stopped and named.
 */
const HARNESS = String.raw`
import fs from 'node:fs';
const [hook, repo, casesFile, outFile] = process.argv.slice(2);
const src = process.env.CSM_T_SRC;
const { readHookInput } = await import(src + '/contracts/hook-input.ts');
// the hook's own entry use case, from the one list (hooks/<name>.ts runs the same function through the runtime)
const { hookBundle } = await import(src + '/kernel/hook-events.ts');
const bundle = hookBundle(hook);
const EVENT = bundle.events[0].event;
const useCase = (await import(src + '/' + bundle.useCase.module))[bundle.useCase.name];
const handler = (input) => useCase(input, { deadline: Date.now() + bundle.budgetMs, settle: () => {} });
const failOpen = (what) => ({ systemMessage: 'csm: ' + what });
async function run(raw) {
  const text = raw.toString('utf8');
  if (text.trim() === '') return null;
  let json;
  try { json = JSON.parse(text); } catch { return failOpen(EVENT + ' hook got input it could not read'); }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  try { return await handler(readHookInput(json)); }
  catch (e) { return failOpen((EVENT + ' hook failed (' + (e instanceof Error ? e.message.split('\n')[0] : String(e)) + ')').slice(0, 300)); }
}
process.chdir(repo);
process.env.CLAUDE_PROJECT_DIR = repo;
const out = fs.openSync(outFile, 'w');
for (const line of fs.readFileSync(casesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const { i, b64 } = JSON.parse(line);
  fs.writeSync(out, JSON.stringify({ i, started: true }) + '\n');
  const t0 = performance.now();
  let res;
  try { res = { out: await run(Buffer.from(b64, 'base64')) }; } catch (e) { res = { threw: String(e && e.stack || e) }; }
  let text;
  try { text = JSON.stringify({ i, ms: Math.round(performance.now() - t0), ...res }); } catch (e) { text = JSON.stringify({ i, unserializable: String(e) }); }
  fs.writeSync(out, text + '\n');
}
fs.closeSync(out);
`;

interface InProcessResult {
  i: number;
  ms?: number;
  out?: unknown;
  threw?: string;
  unserializable?: string;
  started?: boolean;
}

/** Runs `cases` through the in-process harness for `hook`; returns the per-case results and which case (if any) never finished. */
async function runInProcess(
  hook: HookName,
  repo: string,
  cases: { i: number; c: Case }[],
  dir: string,
): Promise<{ results: InProcessResult[]; hung: number | null; stderr: string; ms: number }> {
  const harness = path.join(dir, 'harness.mjs');
  if (!fs.existsSync(harness)) fs.writeFileSync(harness, HARNESS);
  const casesFile = path.join(dir, `${hook}-cases.jsonl`);
  const outFile = path.join(dir, `${hook}-results.jsonl`);
  fs.writeFileSync(casesFile, cases.map(({ i, c }) => JSON.stringify({ i, b64: c.raw.toString('base64') })).join('\n'));
  const r = await runProc(harness, [hook, repo, casesFile, outFile], {
    cwd: repo,
    nodeArgs: [
      '--import',
      pathToFileURL(path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href,
    ],
    env: { CSM_T_SRC: path.join(PROJECT_ROOT, 'src') },
    timeoutMs: LIMIT_MS,
  });
  const lines = fs.existsSync(outFile)
    ? fs
        .readFileSync(outFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as InProcessResult)
    : [];
  const done = lines.filter((l) => !l.started);
  const started = lines.filter((l) => l.started).map((l) => l.i);
  const hung = r.code === 0 ? null : (started.find((i) => !done.some((d) => d.i === i)) ?? -1);
  return { results: done, hung, stderr: r.stderr, ms: r.ms };
}

// ---------------------------------------------------------------- the run

async function fuzzRepo(): Promise<string> {
  const dir = scratchRepo({ 'README.md': '# fuzz\n', 'src/a.ts': 'export const a = 1;\n' });
  for (const args of [
    ['init'],
    ['start', 'Fuzz the hooks'],
    ['task', 'add', 'Absorb garbage'],
    ['task', 'start', 'task-1'],
  ]) {
    if (args[0] === 'start') writeFiles(dir, { '.claude/csm.json': `${JSON.stringify(NO_GATES)}\n` });
    const r = await runCli(dir, args);
    if (r.code !== 0) throw new Error(`csm ${args.join(' ')}: ${r.stderr}`);
  }
  return dir;
}

interface HookTally {
  real: number;
  inProcess: number;
  failures: string[];
  messages: Map<string, number>;
  slowestMs: number;
  inProcessSecs: number;
  slowCases: { ms: number; what: string }[];
  /** The generators that reached this hook as a real process, and in-process. */
  realGenerators: Set<number>;
  inProcessGenerators: Set<number>;
}

const repos: Partial<Record<HookName, string>> = {};
const chunkRepos: Partial<Record<HookName, string[]>> = {};
/**
 * The in-process share of a hook is split over this many harness processes, each on its own copy
 * of the repo: the hooks keep what a payload carries (a 1 MB session id lands in the ledger and in
 * the SessionStart snapshot), so every later run on the same repo pays for all that came before.
 */
const CHUNKS = 5;
const chunkOf = (i: number): number => Math.min(CHUNKS - 1, Math.floor((i * CHUNKS) / PER_HOOK));

beforeAll(async () => {
  for (const hook of HOOKS) {
    repos[hook] = await fuzzRepo();
    // the in-process share runs in chunks, each on its own copy of the fresh repo
    chunkRepos[hook] = Array.from({ length: CHUNKS }, () => {
      const copy = path.join(makeTempDir('csm-fuzz-chunk-', { until: 'file' }), 'repo');
      fs.cpSync(repos[hook] as string, copy, { recursive: true, verbatimSymlinks: true });
      keepActiveAfterCopy(copy);
      return copy;
    });
  }
});

const summarize = (msg: string): string =>
  msg
    .replace(/\/tmp\/[^\s)]+/g, '<tmp>')
    .replace(/\d+/g, 'N')
    .slice(0, 140);

describe.concurrent('fuzzing the hooks', () => {
  it(
    `${PER_HOOK} generated payloads per hook: exit 0, nothing but valid hook JSON on stdout, never a block`,
    async () => {
      const t0 = performance.now();
      const tallies = new Map<HookName, HookTally>(
        HOOKS.map((h) => [
          h,
          {
            real: 0,
            inProcess: 0,
            failures: [],
            messages: new Map(),
            slowestMs: 0,
            inProcessSecs: 0,
            slowCases: [],
            realGenerators: new Set(),
            inProcessGenerators: new Set(),
          },
        ]),
      );
      const progress = new Progress();
      const realJobs: { hook: HookName; c: Case; i: number }[] = [];
      const inJobs: { hook: HookName; c: Case; i: number }[] = [];
      for (const hook of HOOKS) {
        const rng = makeRng(SEED + HOOKS.indexOf(hook));
        for (let i = 0; i < PER_HOOK; i++) {
          // every generator gets its share of real runs: the real slots rotate by one per block
          const real = runsReal(i);
          const c = generate(
            rng,
            hook,
            real ? (repos[hook] as string) : ((chunkRepos[hook] as string[])[chunkOf(i)] as string),
            i,
          );
          (real ? realJobs : inJobs).push({ hook, c, i });
        }
      }
      const note = (t: HookTally, out: unknown): void => {
        const msg = (out as { systemMessage?: unknown } | null)?.systemMessage;
        if (typeof msg === 'string') t.messages.set(summarize(msg), (t.messages.get(summarize(msg)) ?? 0) + 1);
      };

      progress.at('real process runs', `0 of ${realJobs.length}`);
      let realDoneCount = 0;
      const real = pool(realJobs, WORKERS, async ({ hook, c, i }) => {
        const t = tallies.get(hook) as HookTally;
        const r = await runHookRaw(hook, c.raw, { cwd: repos[hook] as string, timeoutMs: 120_000 });
        progress.at(
          'real process runs',
          `${++realDoneCount} of ${realJobs.length}, last ${hook} #${i} (${c.kind}) in ${r.ms} ms`,
        );
        t.real++;
        t.realGenerators.add(i % GENERATORS);
        t.slowestMs = Math.max(t.slowestMs, r.ms);
        const label = `${hook} #${i} (${c.kind}, real process)`;
        if (r.timedOut || r.signal) t.failures.push(`${label}: killed after ${r.ms} ms`);
        else if (r.code !== 0) t.failures.push(`${label}: exit ${r.code}: ${r.stderr.slice(0, 200)}`);
        const bad = hookStdoutProblems(r.stdout, HOOK_EVENT[hook]);
        if (bad.length) t.failures.push(`${label}: ${bad.join('; ')}`);
        try {
          note(t, r.stdout.trim() ? JSON.parse(r.stdout) : null);
        } catch {
          // reported above
        }
      });

      let realSecs = '';
      const realDone = real.then(() => {
        realSecs = ((performance.now() - t0) / 1000).toFixed(1);
        progress.done('real process runs', `${realJobs.length} in ${realSecs} s`);
      });
      // In-process, alongside the real runs: each hook's harness on its own repo, the three at once.
      const work = scratchDir('csm-fuzz-harness-');
      const chunks = HOOKS.flatMap((hook) => Array.from({ length: CHUNKS }, (_, k) => ({ hook, k })));
      const inProc = pool(chunks, 3, async ({ hook, k }) => {
        const t = tallies.get(hook) as HookTally;
        const mine = inJobs.filter((j) => j.hook === hook && chunkOf(j.i) === k);
        const chunkDir = path.join(work, `${hook}-${k}`);
        fs.mkdirSync(chunkDir);
        const step = `in-process ${hook} chunk ${k + 1} of ${CHUNKS}`;
        progress.at(step, `${mine.length} payloads`);
        const { results, hung, stderr, ms } = await runInProcess(
          hook,
          (chunkRepos[hook] as string[])[k] as string,
          mine,
          chunkDir,
        );
        t.inProcessSecs += ms / 1000;
        progress.done(step, `${results.length} of ${mine.length} payloads in ${(ms / 1000).toFixed(1)} s`);
        if (hung !== null) {
          const c = mine.find((j) => j.i === hung);
          t.failures.push(
            `${hook} in-process: ${hung >= 0 ? `#${hung} (${c?.c.kind}) never finished` : 'the harness failed'}: ${stderr.slice(0, 300)}`,
          );
        }
        t.slowCases = [
          ...t.slowCases,
          ...results
            .filter((r) => r.ms !== undefined)
            .map((r) => ({ ms: r.ms ?? 0, what: `#${r.i} ${mine.find((j) => j.i === r.i)?.c.kind} ${r.ms} ms` })),
        ]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 3);
        for (const res of results) {
          const c = mine.find((j) => j.i === res.i);
          const label = `${hook} #${res.i} (${c?.c.kind}, in-process)`;
          t.inProcess++;
          t.inProcessGenerators.add(res.i % GENERATORS);
          t.slowestMs = Math.max(t.slowestMs, res.ms ?? 0);
          if (res.threw) t.failures.push(`${label}: threw past the fail-open wrapper: ${res.threw.split('\n')[0]}`);
          if (res.unserializable) t.failures.push(`${label}: output is not serializable: ${res.unserializable}`);
          const bad = hookOutputProblems(res.out ?? null, HOOK_EVENT[hook]);
          if (bad.length) t.failures.push(`${label}: ${bad.join('; ')}`);
          note(t, res.out ?? null);
        }
      });
      await withinLimit(Promise.all([realDone, inProc]), LIMIT_MS, () => `${progress}`);

      let total = 0;
      let realTotal = 0;
      let failures: string[] = [];
      for (const hook of HOOKS) {
        const t = tallies.get(hook) as HookTally;
        for (const repo of [repos[hook] as string, ...(chunkRepos[hook] as string[])]) {
          const store = checkStore(repo);
          t.failures.push(
            ...[...store.problems, ...store.tornLedgers.map((f) => `${f}: torn last line`)].map(
              (p) => `${hook} repo ${repo} after fuzzing: ${p}`,
            ),
          );
        }
        total += t.real + t.inProcess;
        realTotal += t.real;
        failures = failures.concat(t.failures);
        const top = [...t.messages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
        console.log(
          `fuzz: ${HOOK_EVENT[hook]}: ${t.real + t.inProcess} payloads (${t.real} real process runs, ${t.inProcess} in-process), ${t.failures.length} failures; slowest ${t.slowestMs} ms; in-process ${t.inProcessSecs.toFixed(1)} s over ${CHUNKS} harness processes (slowest: ${t.slowCases.map((x) => x.what).join(', ')})` +
            (top.length ? `\n  messages: ${top.map(([m, n]) => `${n}× "${m}"`).join('\n            ')}` : ''),
        );
      }
      console.log(
        `fuzz: ${total} payloads (${realTotal} through the built hooks as real processes, ${total - realTotal} in-process through the same handlers), ${failures.length} failures (seed ${SEED}, ${((performance.now() - t0) / 1000).toFixed(1)} s; real runs ${realSecs} s)`,
      );
      const expectedReal = Array.from({ length: PER_HOOK }, (_, i) => i).filter(runsReal).length * HOOKS.length;
      expect(realTotal, 'payloads run through the built hooks as real processes').toBe(expectedReal);
      expect(total).toBe(PER_HOOK * HOOKS.length);
      const all = Array.from({ length: GENERATORS }, (_, g) => g);
      for (const hook of HOOKS) {
        const t = tallies.get(hook) as HookTally;
        expect(
          [...t.realGenerators].sort((a, b) => a - b),
          `${hook}: generators run as a real process`,
        ).toEqual(all);
        expect(
          [...t.inProcessGenerators].sort((a, b) => a - b),
          `${hook}: generators run in-process`,
        ).toEqual(all);
      }
      expect(failures.slice(0, 40)).toEqual([]);
    },
    LIMIT_MS + 60_000,
  );

  it('a ~1 MB cwd made of path segments (a/a/a/…): the hook answers (exit 0, valid output)', async () => {
    // Kept out of the generated set above: a path of half a million segments once made the hook run
    // into its own time budget. The limit here only stops a hang; it is not a speed goal.
    const repo = repos['post-tool-use'] as string;
    const payload = {
      session_id: 'fuzz-huge-cwd',
      cwd: `${repo}/${'a/'.repeat(MB / 2)}`,
      hook_event_name: 'PostToolUse',
      tool_name: 'Edit',
      tool_input: { file_path: `${repo}/src/a.ts`, old_string: 'a', new_string: 'b' },
    };
    const r = await runHookRaw('post-tool-use', Buffer.from(JSON.stringify(payload)), {
      cwd: repo,
      timeoutMs: 120_000,
    });
    console.log(
      `fuzz: ~1 MB cwd of ${MB / 2} path segments: ${r.timedOut ? `still running after ${r.ms} ms (stopped)` : `exit ${r.code} in ${r.ms} ms`}`,
    );
    expect(
      r.timedOut,
      `PostToolUse with a ${JSON.stringify(payload).length}-byte payload was still running after ${r.ms} ms`,
    ).toBe(false);
    expect(r.code).toBe(0);
    expect(hookStdoutProblems(r.stdout, 'PostToolUse')).toEqual([]);
  }, 180_000);
});
