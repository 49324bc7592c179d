/**
 * The settings route into Codex (issue 30): `csm init --codex` merges csm's hooks into the
 * project's `.codex/hooks.json` next to the user's own, `csm uninstall` takes exactly csm's out,
 * and each registered command runs as Codex runs it — `$SHELL -lc "<command>"` in the session's
 * folder, which may be below the root, with no project variable set.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import sessionStartSchema from '../fixtures/codex-hook-schemas/session-start.output.json' with { type: 'json' };
import { closedSchemaProblems, type Schema } from '../support/closed-schema.ts';
import { createTempRepo, csm, csmJson, PROJECT_ROOT, readLedger, readText } from './support/temp-repo.ts';

interface HooksFile {
  hooks: Record<string, { matcher?: string; hooks: { command: string; timeout: number }[] }[]>;
  [key: string]: unknown;
}
const codexFile = (dir: string): string => path.join(dir, '.codex', 'hooks.json');
const readHooks = (dir: string): HooksFile => JSON.parse(readText(codexFile(dir))) as HooksFile;
const commands = (h: HooksFile, event?: string): string[] =>
  Object.entries(h.hooks)
    .filter(([e]) => event === undefined || e === event)
    .flatMap(([, gs]) => gs.flatMap((g) => g.hooks.map((x) => x.command)));

const USER_HOOKS: HooksFile = {
  description: 'my hooks',
  hooks: { Stop: [{ hooks: [{ command: 'echo mine', timeout: 5 }] }] },
};

describe('csm init --codex', () => {
  it("merges csm's hooks into .codex/hooks.json next to the user's, idempotently; uninstall takes out exactly csm's", async () => {
    const dir = createTempRepo({ files: { '.codex/hooks.json': `${JSON.stringify(USER_HOOKS, null, 2)}\n` } });
    const once = await csmJson(dir, 'init', '--codex');
    expect(once.codex).toEqual({ file: codexFile(dir), added: 5 });
    const h = readHooks(dir);
    expect(h.description).toBe('my hooks');
    expect(Object.keys(h.hooks).sort()).toEqual([
      'PostToolUse',
      'PreCompact',
      'SessionStart',
      'Stop',
      'UserPromptSubmit',
    ]);
    expect(commands(h, 'Stop')).toEqual([
      'echo mine',
      'node "$(git rev-parse --show-toplevel)/node_modules/claude-session-manager/dist/hooks/stop.mjs" --host codex',
    ]);
    expect(h.hooks.PostToolUse?.[0]?.matcher).toBe('apply_patch|Write|Edit');
    const twice = await csmJson(dir, 'init', '--codex');
    expect(twice.codex).toEqual({ file: codexFile(dir), added: 0 });
    expect(readHooks(dir)).toEqual(h);
    // the text says where, that the package is missing, and that Codex wants the hooks reviewed
    const text = await csm(dir, 'init', '--codex');
    expect(text.stdout).toContain('Codex hooks: already in .codex/hooks.json');
    expect(text.stdout).toContain('install it with: npm i -D');
    expect(text.stdout).toContain('/hooks in Codex');

    const un = await csmJson(dir, 'uninstall');
    expect(un.removedHooks).toBe(5);
    expect(readHooks(dir)).toEqual(USER_HOOKS);
  });

  it('uninstall in a repo where csm wrote the only hooks removes the file and the folder it made', async () => {
    const dir = createTempRepo();
    expect((await csm(dir, 'init', '--codex')).code).toBe(0);
    expect(fs.existsSync(codexFile(dir))).toBe(true);
    expect((await csm(dir, 'uninstall')).code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.codex'))).toBe(false);
  });

  it('refuses a .codex that is a link, and a hooks file that is not JSON, touching neither', async () => {
    const linked = createTempRepo();
    const elsewhere = path.join(path.dirname(linked), 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(linked, '.codex'));
    const r = await csm(linked, 'init', '--codex');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/symlink|link/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);

    const broken = createTempRepo({ files: { '.codex/hooks.json': '{ not json' } });
    const b = await csm(broken, 'init', '--codex');
    expect(b.code).not.toBe(0);
    expect(b.stderr).toContain('is not valid JSON');
    expect(readText(codexFile(broken))).toBe('{ not json');
  });

  it('each command runs as Codex runs it: a shell in a folder below the root finds csm in node_modules', async () => {
    const dir = createTempRepo({ files: { 'src/deep/keep.txt': 'x\n' } });
    // `npm i -D <clone>` links the clone into node_modules
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(PROJECT_ROOT, path.join(dir, 'node_modules', 'claude-session-manager'));
    expect((await csm(dir, 'init', '--codex')).code).toBe(0);
    await csmJson(dir, 'start', 'Codex through its own settings');
    const cwd = path.join(dir, 'src', 'deep');
    const run = (event: string, payload: Record<string, unknown>) => {
      const [command] = commands(readHooks(dir), event);
      const input = JSON.stringify({ session_id: 'codex-thread-1', cwd, hook_event_name: event, ...payload });
      const env = { ...process.env };
      for (const k of Object.keys(env)) if (/^(CLAUDE|CSM_)/.test(k)) delete env[k];
      return spawnSync('sh', ['-c', command as string], { cwd, input, env, encoding: 'utf8', timeout: 60_000 });
    };
    const started = run('SessionStart', { source: 'startup', model: 'gpt-5.5' });
    expect(started.status, started.stderr).toBe(0);
    const out = JSON.parse(started.stdout) as Record<string, unknown>;
    expect(closedSchemaProblems(sessionStartSchema as Schema, out)).toEqual([]);
    expect(JSON.stringify(out)).toContain('csm session 001 is active');

    fs.writeFileSync(path.join(cwd, 'new.txt'), 'a\n');
    const edit = run('PostToolUse', {
      tool_name: 'apply_patch',
      tool_input: { command: '*** Begin Patch\n*** Add File: new.txt\n+a\n*** End Patch\n' },
      tool_response: 'Exit code: 0\n',
    });
    expect(edit.status, edit.stderr).toBe(0);
    expect(
      readLedger(dir)
        .filter((e) => e.type === 'file.edited')
        .map((e) => [e.path, e.tool]),
    ).toEqual([['src/deep/new.txt', 'apply_patch']]);
  });

  it('csm doctor sees csm installed for Codex, its missing bundles, and a plugin beside the project hooks', async () => {
    const dir = createTempRepo();
    expect((await csm(dir, 'init', '--codex')).code).toBe(0);
    const codexHome = path.join(path.dirname(dir), 'codex-home');
    fs.mkdirSync(codexHome);
    const hooksOf = async () => {
      const r = await csm(dir, 'doctor', '--json', { env: { CODEX_HOME: codexHome } });
      const checks = (JSON.parse(r.stdout) as { checks: { id: string; status: string; message: string }[] }).checks;
      return checks.filter((c) => c.id === 'hooks' || c.id.startsWith('codex') || c.id.startsWith('bundle'));
    };
    const before = await hooksOf();
    expect(before.slice(0, 2).map((c) => [c.id, c.status, c.message])).toEqual([
      ['hooks', 'ok', 'no Claude Code hooks here; csm is installed for Codex (below)'],
      ['codex-hooks', 'ok', "Codex: csm's hooks installed (5 csm hooks in .codex/hooks.json)"],
    ]);
    // not installed in node_modules yet: each of the five commands would fail
    expect(before.filter((c) => c.id.startsWith('bundle:') && c.status === 'problem')).toHaveLength(5);

    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(PROJECT_ROOT, path.join(dir, 'node_modules', 'claude-session-manager'));
    fs.writeFileSync(path.join(codexHome, 'config.toml'), '[plugins."csm@csm-marketplace"]\nenabled = true\n');
    const after = await hooksOf();
    expect(after.find((c) => c.id === 'codex-hooks')).toMatchObject({ status: 'warn' });
    expect(after.find((c) => c.id === 'codex-hooks')?.message).toContain(
      'csm@csm-marketplace in $CODEX_HOME/config.toml',
    );
    expect(after.filter((c) => c.status === 'problem')).toEqual([]);
  });
});
