/**
 * The hooks' V8 code cache (scripts/bundle-loader.js), through the BUILT hooks: the first run
 * writes a private cache file, later runs use it as is, and a missing, foreign, corrupt or
 * unwritable cache never changes what the hook does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type HookName,
  hookFile,
  runCli,
  runHookJson,
  runProc,
  scratchDir,
  scratchRepo,
} from './support/hook-runner.ts';
import { editPayload } from './support/temp-repo.ts';

let repo: string;

beforeAll(async () => {
  repo = scratchRepo({ 'src/a.ts': 'export const a = 1;\n' });
  for (const args of [
    ['init'],
    ['start', 'Exercise the code cache'],
    ['task', 'add', 'Edit files'],
    ['task', 'start', 'task-1'],
  ]) {
    const r = await runCli(repo, args);
    if (r.code !== 0) throw new Error(`csm ${args.join(' ')}: ${r.stderr}`);
  }
}, 60_000);

/** The cache file name a hook bundle uses: <hook>-<hash of its code>-<node version>-<arch>.code-cache */
function cacheName(hook: HookName): string {
  const text = fs.readFileSync(hookFile(hook), 'utf8');
  const name = /^const HOOK = "([a-z-]+)";$/m.exec(text)?.[1];
  const hash = /^const HASH = "([0-9a-f]{16})";$/m.exec(text)?.[1];
  expect(name).toBe(hook);
  if (!hash) throw new Error(`no cache key in ${hookFile(hook)}`);
  return `${hook}-${hash}-${process.version}-${process.arch}.code-cache`;
}

let edits = 0;
/** One PostToolUse edit through the built hook; returns the ledger's file.edited count after it. */
async function edit(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; recorded: number }> {
  const r = await runHookJson('post-tool-use', editPayload(repo, `src/cache-${edits++}.ts`), { cwd: repo, env });
  const ledger = fs.readFileSync(path.join(repo, '.claude/sessions/session-001-events.jsonl'), 'utf8');
  return {
    code: r.code,
    stdout: r.stdout,
    recorded: ledger.split('\n').filter((l) => l.includes('"file.edited"')).length,
  };
}

const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('the hooks compile through a private V8 code cache', () => {
  it('the first run writes the cache (0600 in a 0700 directory), the next run uses it untouched', async () => {
    const dir = path.join(scratchDir('csm-cc-'), 'cache');
    const before = await edit({ CSM_CODE_CACHE_DIR: dir });
    expect(before).toMatchObject({ code: 0, stdout: '' });
    const file = path.join(dir, cacheName('post-tool-use'));
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    if (process.platform !== 'win32') {
      expect(mode(file)).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
    }
    const ino = fs.statSync(file).ino;
    const bytes = fs.readFileSync(file);
    const after = await edit({ CSM_CODE_CACHE_DIR: dir });
    expect(after).toMatchObject({ code: 0, stdout: '', recorded: before.recorded + 1 });
    // accepted by V8, so not rewritten: same file, same bytes
    expect(fs.statSync(file).ino).toBe(ino);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it("writing a cache drops the same hook's caches not written for a month (other versions), and nothing else", async () => {
    const dir = path.join(scratchDir('csm-cc-'), 'cache');
    fs.mkdirSync(dir, { mode: 0o700 });
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    const plant = (name: string, when: Date): string => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, 'x', { mode: 0o600 });
      fs.utimesSync(f, when, when);
      return name;
    };
    const stale = plant('post-tool-use-0000000000000000-v20.0.0-x64.code-cache', old);
    const recent = plant('post-tool-use-1111111111111111-v20.0.0-x64.code-cache', new Date());
    const otherHook = plant('stop-0000000000000000-v20.0.0-x64.code-cache', old);
    const notOurs = plant('notes.txt', old);
    await edit({ CSM_CODE_CACHE_DIR: dir });
    expect(fs.readdirSync(dir).sort()).toEqual([cacheName('post-tool-use'), notOurs, recent, otherHook].sort());
    expect(fs.existsSync(path.join(dir, stale))).toBe(false);
  });

  it('each hook has its own file; CLAUDE_PLUGIN_DATA holds it when Claude Code runs the plugin', async () => {
    const data = scratchDir('csm-cc-data-');
    const start = await runHookJson(
      'session-start',
      { session_id: 'cc', cwd: repo, hook_event_name: 'SessionStart', source: 'startup' },
      { cwd: repo, env: { CLAUDE_PLUGIN_DATA: data } },
    );
    expect(start.code).toBe(0);
    expect(JSON.parse(start.stdout)).toMatchObject({ hookSpecificOutput: { hookEventName: 'SessionStart' } });
    await edit({ CLAUDE_PLUGIN_DATA: data });
    expect(fs.readdirSync(path.join(data, 'code-cache')).sort()).toEqual(
      [cacheName('post-tool-use'), cacheName('session-start')].sort(),
    );
  });

  it('a corrupt cache file is rejected and replaced; the edit is recorded all the same', async () => {
    const dir = path.join(scratchDir('csm-cc-'), 'cache');
    fs.mkdirSync(dir, { mode: 0o700 });
    const file = path.join(dir, cacheName('post-tool-use'));
    const junk = Buffer.alloc(4096, 0x5a);
    fs.writeFileSync(file, junk, { mode: 0o600 });
    const before = (await edit({ CSM_CODE_CACHE_DIR: dir })).recorded;
    const r = await edit({ CSM_CODE_CACHE_DIR: dir });
    expect(r).toMatchObject({ code: 0, stdout: '', recorded: before + 1 });
    expect(fs.readFileSync(file).equals(junk)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')(
    'a cache file others can write is never loaded (compiled code runs as is): it is replaced',
    async () => {
      const dir = path.join(scratchDir('csm-cc-'), 'cache');
      await edit({ CSM_CODE_CACHE_DIR: dir });
      const file = path.join(dir, cacheName('post-tool-use'));
      fs.chmodSync(file, 0o666);
      const ino = fs.statSync(file).ino;
      const r = await edit({ CSM_CODE_CACHE_DIR: dir });
      expect(r).toMatchObject({ code: 0, stdout: '' });
      expect(fs.statSync(file).ino).not.toBe(ino);
      expect(mode(file)).toBe(0o600);
    },
  );

  it('on a node without process.getBuiltinModule (older than csm supports) each hook says so in one line and exits 0', async () => {
    const env = { NODE_OPTIONS: '--import=data:text/javascript,delete%20process.getBuiltinModule' };
    const before = await edit({});
    for (const hook of ['post-tool-use', 'session-start', 'stop'] as const) {
      const r = await runHookJson(
        hook,
        { session_id: 'old-node', cwd: repo, hook_event_name: 'Stop' },
        { cwd: repo, env },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({
        systemMessage: `csm: the ${hook} hook needs Node.js 20.19 or newer (this is ${process.version}) and did nothing`,
      });
    }
    expect((await edit(env)).recorded).toBe(before.recorded);
    const cli = await runCli(repo, ['status'], { env });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe(`csm: needs Node.js 20.19 or newer (this is ${process.version})\n`);
  });

  it('a bundle that is not the one its loader was built with runs without the cache; a missing one is one line', async () => {
    // a copy of the hook as a half-updated install might leave it: the loader next to other code
    const copy = scratchDir('csm-cc-copy-');
    const loader = path.join(copy, 'post-tool-use.mjs');
    const code = path.join(copy, 'post-tool-use.bundle.js');
    fs.copyFileSync(hookFile('post-tool-use'), loader);
    fs.writeFileSync(code, `${fs.readFileSync(hookFile('post-tool-use').replace(/\.mjs$/, '.bundle.js'), 'utf8')}\n`);
    const dir = path.join(scratchDir('csm-cc-'), 'cache');
    const before = (await edit({})).recorded;
    const run = () =>
      runProc(loader, [], {
        cwd: repo,
        input: JSON.stringify(editPayload(repo, `src/copy-${edits++}.ts`)),
        env: { CSM_CODE_CACHE_DIR: dir },
      });
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect((await edit({})).recorded, 'the copy recorded its edit').toBe(before + 2);
    expect(fs.existsSync(dir), 'no cache for code the loader was not built with').toBe(false);
    fs.rmSync(code);
    const missing = await run();
    expect(missing.code).toBe(0);
    expect(JSON.parse(missing.stdout)).toEqual({
      systemMessage: expect.stringMatching(/^csm: the post-tool-use hook could not start \(ENOENT/),
    });
  });

  it('an unusable cache location, or CSM_CODE_CACHE=0, changes nothing but the speed', async () => {
    const box = scratchDir('csm-cc-');
    const blocked = path.join(box, 'not-a-dir');
    fs.writeFileSync(blocked, 'a file where the cache directory would go\n');
    const before = (await edit({ CSM_CODE_CACHE_DIR: blocked })).recorded;
    expect(fs.readFileSync(blocked, 'utf8')).toBe('a file where the cache directory would go\n');
    const off = path.join(box, 'off');
    const r = await edit({ CSM_CODE_CACHE: '0', CSM_CODE_CACHE_DIR: off });
    expect(r).toMatchObject({ code: 0, stdout: '', recorded: before + 1 });
    expect(fs.existsSync(off)).toBe(false);
    expect(fs.readdirSync(box)).toEqual(['not-a-dir']);
  });
});
