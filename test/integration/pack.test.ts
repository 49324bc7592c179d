/**
 * Test what ships: `npm pack` this checkout, install the tarball into a fresh project (offline,
 * from the local npm cache), then run the installed `csm` and the installed hook bundles the way
 * Claude Code would (through the commands csm itself writes into .claude/settings.json).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GIT_ENV,
  PROJECT_ROOT,
  dropNpmOmit,
  editPayload,
  git,
  makeTempDir,
  readLedger,
  readText,
  validateJsonSchema,
  waitForBundle,
  writeFiles,
} from './support/temp-repo.ts';

const npmVersion = (): string | null => {
  try {
    return execFileSync('npm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    }).trim();
  } catch {
    return null;
  }
};
const NPM = npmVersion();
const SKIP_REASON = 'npm is not available on PATH, so the packed tarball cannot be built or installed';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  opts: { input?: string; env?: Record<string, string> } = {},
): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, ...opts.env };
  for (const k of ['CSM_NOW', 'CSM_DISABLE', 'NO_COLOR', 'NODE_OPTIONS'])
    if (!(opts.env && k in opts.env)) delete env[k];
  dropNpmOmit(env);
  const r = spawnSync(cmd, args, { cwd, env, input: opts.input ?? '', encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

describe.skipIf(!NPM)(`the npm package as installed (${NPM ? `npm ${NPM}` : SKIP_REASON})`, () => {
  let tarball = '';
  let files: string[] = [];
  let project = '';
  let pkgDir = '';
  let installLog = '';
  /** The bin link npm made (what npx runs), called directly: npx itself is slow to start. */
  const bin = (): string => path.join(project, 'node_modules', '.bin', 'csm');

  beforeAll(async () => {
    for (const b of ['cli.mjs', 'hooks/post-tool-use.mjs', 'hooks/session-start.mjs', 'hooks/stop.mjs'])
      await waitForBundle(path.join(PROJECT_ROOT, 'dist', b));
    const packDir = makeTempDir('csm-it-pack-', { until: 'file' });
    const packed = run('npm', ['pack', '--json', '--pack-destination', packDir], PROJECT_ROOT);
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
    const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = path.join(packDir, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);

    project = makeTempDir('csm-it-consumer-', { until: 'file' });
    git(project, 'init', '-q', '-b', 'main');
    writeFiles(project, {
      'package.json': `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2)}\n`,
      'src/app.js': 'a\n',
    });
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'consumer');
    const common = ['install', '--no-audit', '--no-fund', '--no-save', tarball];
    let install = run('npm', [...common, '--offline'], project);
    installLog = `--offline: exit ${install.code}\n${install.stderr}`;
    if (install.code !== 0) {
      // a cache that lacks a runtime dependency: allow the registry for what is missing
      install = run('npm', [...common, '--prefer-offline'], project);
      installLog += `\n--prefer-offline: exit ${install.code}\n${install.stderr}`;
    }
    if (install.code !== 0) throw new Error(`installing the tarball failed:\n${installLog}`);
    if (installLog.includes('--prefer-offline'))
      console.warn(`npm install --offline failed, --prefer-offline worked:\n${installLog}`);
    pkgDir = path.join(project, 'node_modules', 'claude-session-manager');
  }, 120_000);

  it('ships the bundles, hooks.json and the settings template, and no sources or tests', () => {
    for (const f of [
      'package.json',
      'dist/cli.mjs',
      'dist/hooks/post-tool-use.mjs',
      'dist/hooks/session-start.mjs',
      'dist/hooks/stop.mjs',
      'dist/hooks/checks-only.sh',
      'hooks/hooks.json',
      'hooks/codex-hooks.json',
      '.codex-plugin/plugin.json',
      'settings.template.json',
      'schema/tasks.schema.json',
      'README.md',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.startsWith('node_modules/'))).toEqual([]);
    // the runtime dependencies were installed next to it, nothing else of ours was needed
    const installed = JSON.parse(readText(path.join(pkgDir, 'package.json')));
    expect(installed.bin).toEqual({ csm: 'dist/cli.mjs' });
    for (const dep of Object.keys(installed.dependencies ?? {}))
      expect(fs.existsSync(path.join(project, 'node_modules', dep)), dep).toBe(true);
  });

  it('`npx --no-install csm --help` works from the installed package', () => {
    const help = run('npx', ['--no-install', 'csm', '--help'], project);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^csm \d+\.\d+\.\d+/);
    expect(help.stdout).toMatch(/Usage: csm <command>/);
    const version = run(bin(), ['--version'], project);
    expect(version.stdout.trim()).toBe(JSON.parse(readText(path.join(PROJECT_ROOT, 'package.json'))).version);
  });

  it('a hook bundle from node_modules/claude-session-manager/dist/hooks records a sample Edit payload', () => {
    const start = run(bin(), ['start', 'Packed install works', '--json'], project);
    expect(start.code, start.stderr).toBe(0);
    expect(run(bin(), ['task', 'add', 'Edit the app'], project).code).toBe(0);
    expect(run(bin(), ['task', 'start', 'task-1'], project).code).toBe(0);

    writeFiles(project, { 'src/app.js': 'b\n' });
    const hook = run(process.execPath, [path.join(pkgDir, 'dist', 'hooks', 'post-tool-use.mjs')], project, {
      input: JSON.stringify(editPayload(project, 'src/app.js')),
    });
    expect(hook.code, hook.stderr).toBe(0);
    expect(hook.stdout).toBe('');
    const edits = readLedger(project).filter((e) => e.type === 'file.edited');
    expect(edits).toEqual([expect.objectContaining({ path: 'src/app.js', task: 'task-1', added: 1, removed: 1 })]);
    // the tasks.json it keeps passes the JSON Schema the package ships
    const schema = JSON.parse(readText(path.join(pkgDir, 'schema', 'tasks.schema.json')));
    const tasks = JSON.parse(readText(path.join(project, '.claude', 'sessions', 'session-001-tasks.json')));
    expect(validateJsonSchema(schema, tasks)).toEqual([]);
    expect(tasks.tasks[0].files).toEqual(['src/app.js']);

    const sessionStart = run(process.execPath, [path.join(pkgDir, 'dist', 'hooks', 'session-start.mjs')], project, {
      input: JSON.stringify({ session_id: 'packed', cwd: project, hook_event_name: 'SessionStart', source: 'startup' }),
    });
    expect(sessionStart.code, sessionStart.stderr).toBe(0);
    expect(sessionStart.stdout).toMatch(/Packed install works/);
  });

  it('the hook commands `csm init --settings` writes run the installed bundles', () => {
    const init = run(bin(), ['init', '--settings', '--json'], project);
    expect(init.code, init.stderr).toBe(0);
    const settings = JSON.parse(readText(path.join(project, '.claude', 'settings.json')));
    const post = settings.hooks.PostToolUse.flatMap((g: any) => g.hooks)
      .map((h: any) => h.command as string)
      .find((c: string) => c.includes('post-tool-use'));
    expect(post).toBeDefined();
    writeFiles(project, { 'src/other.js': 'b\n' });
    const before = readLedger(project).length;
    const r = run('sh', ['-c', post], project, {
      env: { CLAUDE_PROJECT_DIR: project },
      input: JSON.stringify(editPayload(project, 'src/other.js')),
    });
    expect(r.code, `${post}\n${r.stderr}`).toBe(0);
    expect(readLedger(project).slice(before)).toEqual([
      expect.objectContaining({ type: 'file.edited', path: 'src/other.js' }),
    ]);
    // the Bash one goes through the installed shell filter: a test run is recorded, `ls` starts nothing
    const bashHook = settings.hooks.PostToolUse.find((g: any) => g.matcher === 'Bash').hooks[0].command as string;
    expect(bashHook).toContain('checks-only.sh');
    const bash = (command: string) =>
      JSON.stringify({
        session_id: 'packed',
        cwd: project,
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: { command },
        tool_response: { stdout: '', stderr: '', interrupted: false },
      });
    for (const command of ['ls', 'npm test'])
      expect(
        run('sh', ['-c', bashHook], project, { env: { CLAUDE_PROJECT_DIR: project }, input: bash(command) }).code,
      ).toBe(0);
    expect(
      readLedger(project)
        .slice(before + 1)
        .map((e) => [e.type, e.command]),
    ).toEqual([['evidence.command', 'npm test']]);

    // the plugin's hooks.json (and Codex's codex-hooks.json) point at bundles that exist in the package
    for (const [name, root] of [
      ['hooks.json', 'CLAUDE_PLUGIN_ROOT'],
      ['codex-hooks.json', 'PLUGIN_ROOT'],
    ] as const) {
      const pluginHooks = JSON.parse(readText(path.join(pkgDir, 'hooks', name)));
      const commands: string[] = Object.values(pluginHooks.hooks as Record<string, any[]>).flatMap((gs) =>
        gs.flatMap((g: any) => g.hooks.map((h: any) => h.command)),
      );
      expect(commands.length).toBeGreaterThan(0);
      for (const c of commands) {
        const files = [...c.matchAll(new RegExp(`\\$\\{${root}\\}/([^"]+)`, 'g'))].map((m) => m[1] as string);
        expect(files.length, c).toBeGreaterThan(0);
        for (const file of files) expect(fs.existsSync(path.join(pkgDir, file)), c).toBe(true);
      }
    }
  });
});

describe.skipIf(!NPM)('the plugin as Claude Code installs it from the marketplace', () => {
  it('the `npm ci` Claude Code runs in the plugin folder installs the runtime dependencies only, and the hooks need none of them', () => {
    // what a marketplace install copies: the tracked files of the repository
    const copy = path.join(makeTempDir('csm-plugin-copy-'), 'csm');
    fs.mkdirSync(copy);
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !f.startsWith('test/') && fs.existsSync(path.join(PROJECT_ROOT, f)));
    for (const f of tracked) {
      fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
      fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(copy, f));
    }
    expect(fs.existsSync(path.join(copy, 'package-lock.json'))).toBe(true);
    // the arguments the Claude Code 2.1.331 binary uses for a plugin with package.json + package-lock.json
    const ci = run('npm', ['ci', '--ignore-scripts', '--workspaces=false', '--no-audit', '--no-fund'], copy, {
      env: { npm_config_offline: 'true', npm_config_loglevel: 'error' },
    });
    expect(ci.code, ci.stderr).toBe(0);
    const installed = fs.readdirSync(path.join(copy, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed).toEqual(expect.arrayContaining(['zod', 'simple-git', 'proper-lockfile']));
    for (const dev of ['@anthropic-ai', '@openai', 'vitest', 'typescript', 'esbuild', 'tsx'])
      expect(installed, `${dev} is a dev tool`).not.toContain(dev);
    // and the bundles run without node_modules at all
    fs.rmSync(path.join(copy, 'node_modules'), { recursive: true });
    const r = run(process.execPath, [path.join(copy, 'dist', 'hooks', 'session-start.mjs')], copy, {
      input: JSON.stringify({ session_id: 'plugin', cwd: copy, hook_event_name: 'SessionStart', source: 'startup' }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).hookSpecificOutput.additionalContext).toMatch(/no csm session is active/);
  }, 120_000);
});
