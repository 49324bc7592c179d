/**
 * The newcomer's path (issue 9 §4, issue 27 §1/§2/§6): the shell commands of the README's first
 * code block, its install block, its first session and its uninstall section, run as written in a
 * temporary HOME, offline, on a fresh clone at ~/csm. The only line adapted is the clone itself
 * (the git URL → this checkout); the `claude plugin` lines run in the e2e project (plugin-hooks),
 * which has the real CLI in a network namespace. The demo's output is compared with the README's
 * demo blocks.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnv } from './support/hook-runner.ts';
import { PROJECT_ROOT, makeTempDir } from './support/temp-repo.ts';

interface Block {
  section: string;
  lang: string;
  lines: string[];
}

/** Fenced code blocks with the heading they sit under. */
function codeBlocks(md: string): Block[] {
  const out: Block[] = [];
  let section = '';
  let cur: Block | null = null;
  for (const line of md.split('\n')) {
    const fence = /^```(\S*)\s*$/.exec(line);
    if (cur) {
      if (fence) {
        out.push(cur);
        cur = null;
      } else cur.lines.push(line);
      continue;
    }
    if (fence) cur = { section, lang: fence[1] ?? '', lines: [] };
    else if (/^#{1,3} /.test(line)) section = line.replace(/^#+ /, '');
  }
  return out;
}

/** The text of a `## <name>` section. */
const sectionText = (md: string, name: string): string => {
  const at = md.search(new RegExp(`^## ${name}\\s*$`, 'm'));
  if (at < 0) return '';
  const rest = md.slice(at + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
};

/** A shell line without its trailing `# comment`. */
const command = (line: string): string => line.replace(/\s+#.*$/, '').trim();

interface Ran {
  code: number | null;
  out: string;
  ms: number;
}

/** `sh -c <cmd>` in `cwd`, offline (npm never reaches a registry), bounded. */
function sh(cmd: string, cwd: string, env: Record<string, string | undefined> = {}, timeoutMs = 180_000): Promise<Ran> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', cmd], {
      cwd,
      env: childEnv({
        npm_config_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        npm_config_loglevel: 'error',
        ...env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Math.round(performance.now() - t0) });
    });
  });
}

describe("the README's commands on a fresh clone", () => {
  it('the first code block, the install block, a first session and the uninstall work as written', async () => {
    const md = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const blocks = codeBlocks(md);
    const lines = (b: Block | undefined): string[] => (b ? b.lines.map(command).filter(Boolean) : []);
    const firstCommands = lines(blocks[0]);
    const install = blocks.filter((b) => b.section === 'Install' && b.lang === 'sh').flatMap(lines);
    const codexInstall = blocks.filter((b) => b.section === 'With Codex CLI' && b.lang === 'sh').flatMap(lines);
    const firstSession = blocks.filter((b) => b.section === 'Your first session' && b.lang === 'sh').flatMap(lines);
    const uninstall = [...sectionText(md, 'Uninstall').matchAll(/`((?:csm|npx|npm|claude) [^`]+)`/g)].map(
      (m) => m[1] as string,
    );
    expect(
      firstCommands.some((c) => c.includes('npm run demo')),
      `first block: ${firstCommands.join(' | ')}`,
    ).toBe(true);
    expect(install[0], 'the install block starts with the clone').toMatch(/^git clone \S+ ~\/csm$/);
    expect(
      install.some((c) => /npm i -D ~\/csm && npx csm init --settings/.test(c)),
      install.join(' | '),
    ).toBe(true);
    expect(firstSession.length).toBeGreaterThan(2);
    expect(
      codexInstall.some((c) => /npm i -D ~\/csm && npx csm init --codex/.test(c)),
      codexInstall.join(' | '),
    ).toBe(true);

    const ran: string[] = [];
    const skipped: string[] = [];
    const home = makeTempDir('csm-readme-home-');
    const cache = (await sh('npm config get cache', PROJECT_ROOT)).out.trim();
    const env = {
      HOME: home,
      npm_config_prefix: path.join(home, '.npm-global'),
      npm_config_cache: cache,
      PATH: `${path.join(home, '.npm-global', 'bin')}:${process.env.PATH ?? ''}`,
      GIT_AUTHOR_NAME: 'Newcomer',
      GIT_AUTHOR_EMAIL: 'newcomer@example.invalid',
      GIT_COMMITTER_NAME: 'Newcomer',
      GIT_COMMITTER_EMAIL: 'newcomer@example.invalid',
    };
    const user = async (cmd: string, cwd: string): Promise<Ran> => {
      const r = await sh(cmd, cwd, env);
      expect(r.code, `\`${cmd}\` in ${cwd}:\n${r.out.slice(-3000)}`).toBe(0);
      ran.push(`\`${cmd}\` (${(r.ms / 1000).toFixed(1)} s)`);
      return r;
    };

    // 1. The clone (the one adapted line: this checkout, its uncommitted changes laid over it).
    const clone = path.join(home, 'csm');
    const c1 = await sh(`git clone --quiet ${JSON.stringify(PROJECT_ROOT)} ${JSON.stringify(clone)}`, home);
    expect(c1.code, c1.out).toBe(0);
    const diff = await sh('git diff HEAD --binary', PROJECT_ROOT);
    let overlay = 'HEAD';
    if (diff.code === 0 && diff.out.trim()) {
      fs.writeFileSync(path.join(home, 'wip.patch'), diff.out);
      const applied = await sh(`git apply --whitespace=nowarn ${JSON.stringify(path.join(home, 'wip.patch'))}`, clone);
      overlay = applied.code === 0 ? "HEAD + the checkout's uncommitted changes" : `HEAD (the changes did not apply)`;
    }
    const adapted = [`\`${install[0]}\` → a clone of this checkout (${overlay}) at ~/csm`];

    // 2. The first code block, in the clone; the demo's output holds the README's demo blocks.
    for (const cmd of firstCommands) {
      if (/^npm test\b/.test(cmd)) {
        skipped.push(`\`${cmd}\`: this very suite (CI runs it)`);
        continue;
      }
      const r = await user(cmd, clone);
      if (cmd.includes('npm run demo')) {
        const { checked, missing } = demoLines(md, r.out);
        expect(checked, 'the README shows the demo').toBeGreaterThan(30);
        expect(missing, 'README demo lines not in the output').toEqual([]);
      }
    }

    // 3. The install block: csm on the PATH, then the settings route in a project of one's own.
    const project = path.join(home, 'my-project');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'my-project', version: '1.0.0', private: true, scripts: { test: 'node --test' } }, null, 2)}\n`,
    );
    fs.writeFileSync(path.join(project, 'sum.js'), 'exports.sum = (a, b) => a + b;\n');
    fs.mkdirSync(path.join(project, 'test'));
    fs.writeFileSync(
      path.join(project, 'test', 'sum.test.js'),
      "const t = require('node:test');\nconst a = require('node:assert');\nconst { sum } = require('../sum.js');\nt.test('sum', () => a.equal(sum(2, 3), 5));\n",
    );
    await user('git init -q && git add -A && git commit -qm init', project);
    for (const cmd of install.slice(1)) {
      if (cmd.startsWith('claude '))
        skipped.push(`\`${cmd}\`: run as written by the e2e test (plugin-hooks), with the real CLI`);
      else await user(cmd, home);
    }
    expect((await user('command -v csm', home)).out.trim()).toBe(path.join(home, '.npm-global', 'bin', 'csm'));
    const settingsFile = path.join(project, '.claude', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as {
      hooks?: Record<string, { hooks: { command: string }[] }[]>;
    };
    const commands = Object.values(settings.hooks ?? {}).flatMap((groups) =>
      groups.flatMap((g) => g.hooks.map((h) => h.command)),
    );
    expect(commands.length, JSON.stringify(settings)).toBeGreaterThanOrEqual(3);
    for (const c of commands) {
      const file = /"([^"]+\.mjs)"/.exec(c.replace(/\$CLAUDE_PROJECT_DIR/g, project))?.[1];
      expect(file && fs.existsSync(file), `hook command points at an installed file: ${c}`).toBe(true);
    }

    // 3b. Codex's lines: the plugin ones run in the e2e test (codex), the settings route here, in the same project
    for (const cmd of codexInstall) {
      if (cmd.startsWith('codex '))
        skipped.push(`\`${cmd}\`: run as written by the e2e test (codex), with the real CLI`);
      else await user(cmd, home);
    }
    const codexFile = path.join(project, '.codex', 'hooks.json');
    const codexHooks = JSON.parse(fs.readFileSync(codexFile, 'utf8')) as typeof settings;
    const codexCommands = Object.values(codexHooks.hooks ?? {}).flatMap((groups) =>
      groups.flatMap((g) => g.hooks.map((h) => h.command)),
    );
    expect(codexCommands.length, JSON.stringify(codexHooks)).toBe(5);
    for (const c of codexCommands) {
      const file = /"([^"]+\.mjs)"/.exec(c.replace('$(git rev-parse --show-toplevel)', project))?.[1];
      expect(file && fs.existsSync(file), `Codex hook command points at an installed file: ${c}`).toBe(true);
    }

    // 4. A first session with the installed hooks, then the README's first-session commands.
    // each registered hook command as Claude Code runs it: sh, CLAUDE_PROJECT_DIR set, JSON on stdin
    const hook = async (name: string, payload: object): Promise<Ran> => {
      const input = JSON.stringify({ session_id: 'readme', cwd: project, ...payload });
      const r = await sh(`echo '${input}' | ${commandOf(settings, name)}`, project, {
        ...env,
        CLAUDE_PROJECT_DIR: project,
      });
      expect(r.code, `${name} hook:\n${r.out}`).toBe(0);
      return r;
    };
    await user('csm start "Add a product function" --objective "Document it"', project);
    await user('csm task add "Add product(a, b) to sum.js" --estimate 10', project);
    await user('csm task add "Document product() in the README" --estimate 5', project);
    const started = await hook('SessionStart', { hook_event_name: 'SessionStart', source: 'startup' });
    expect(started.out).toContain('csm session 001 is active');
    const steps: [string, string][] = [
      ['sum.js', 'exports.product = (a, b) => a * b;\n'],
      ['README.md', 'product(a, b) multiplies.\n'],
    ];
    for (const [i, [file, text]] of steps.entries()) {
      await user('csm task next --start', project);
      fs.appendFileSync(path.join(project, file), text);
      const edit = { file_path: path.join(project, file), old_string: 'a', new_string: 'b' };
      await hook('PostToolUse', {
        hook_event_name: 'PostToolUse',
        tool_name: 'Edit',
        tool_input: edit,
        tool_response: { filePath: edit.file_path },
      });
      const stop = await hook('Stop', { hook_event_name: 'Stop', stop_hook_active: false });
      expect(stop.out).not.toMatch(/"decision":\s*"block"/);
      await user(`csm task done task-${i + 1}`, project);
    }
    for (const cmd of firstSession) {
      const r = await user(cmd, project);
      if (cmd.startsWith('csm report --html'))
        expect(r.out).toMatch(/open it: file:\/\/\/\S+report-001\.html|opened in the browser/);
      if (cmd.startsWith('csm complete')) expect(r.out).toMatch(/Session 001 completed — score \d+\/100/);
    }

    // 5. Uninstall.
    for (const cmd of uninstall) {
      if (cmd.startsWith('claude ') || cmd.startsWith('codex ') || cmd === 'csm uninstall') {
        skipped.push(`\`${cmd}\`: the plugin route (see 3)`);
        continue;
      }
      await user(cmd, /unlink -g/.test(cmd) ? home : project);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    expect(pkg.devDependencies?.['claude-session-manager'], 'npm rm took the devDependency out').toBeUndefined();
    expect(
      fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : '',
      'no csm hook left in settings.json',
    ).not.toMatch(/claude-session-manager/);
    expect(fs.existsSync(codexFile), 'csm uninstall took the Codex hooks out').toBe(false);
    expect((await sh('command -v csm', home, env)).code, 'npm unlink -g took csm off the PATH').not.toBe(0);

    console.log(
      `readme: in a temp HOME, offline:\n  ran verbatim: ${ran.join('; ')}\n  adapted: ${adapted.join('; ')}\n  skipped: ${skipped.join('\n           ')}`,
    );
  }, 400_000);
});

/** The registered command of a hook event in settings.json. */
function commandOf(settings: { hooks?: Record<string, { hooks: { command: string }[] }[]> }, event: string): string {
  const c = settings.hooks?.[event]?.[0]?.hooks[0]?.command;
  if (!c) throw new Error(`no ${event} hook in settings.json`);
  return c;
}

/** Lines of the README's demo section (its code blocks) that the demo's output does not hold, numbers and paths aside. */
function demoLines(md: string, output: string): { checked: number; missing: string[] } {
  const norm = (l: string): string =>
    l
      .replace(/\/tmp\/csm-demo-\w+/g, 'DIR')
      .replace(/\d+(?:\.\d+)?/g, '#')
      .replace(/\s+/g, ' ')
      .trim();
  const out = new Set(output.split('\n').map((l) => norm(l.replace(/^\s*\| ?/, ''))));
  const shown = codeBlocks(md)
    .filter((b) => b.section === 'A session, from start to reports' && b.lang === '')
    .flatMap((b) => b.lines)
    .filter((l) => l.trim() && l.trim() !== '…' && !l.startsWith('This session: '));
  return { checked: shown.length, missing: shown.filter((l) => !out.has(norm(l))) };
}
