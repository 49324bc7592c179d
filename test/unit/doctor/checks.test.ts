import { describe, expect, it } from 'vitest';
import { type Check, fixPlan, summarize } from '../../../src/domain/doctor/check.ts';
import { configChecks, gitChecks, nodeCheck } from '../../../src/domain/doctor/environment-checks.ts';
import {
  bundlePaths,
  csmHookCommands,
  enabledCsmPlugins,
  hooksChecks,
  type HooksFacts,
} from '../../../src/domain/doctor/hooks-checks.ts';
import { scanLedger } from '../../../src/domain/doctor/ledger-scan.ts';
import { gitFileChecks, lockChecks, symlinkChecks, writableChecks } from '../../../src/domain/doctor/setup-checks.ts';
import {
  firstDifference,
  type SessionFacts,
  storeChecks,
  type StoreFacts,
} from '../../../src/domain/doctor/store-checks.ts';
import { appendLines, missingLines } from '../../../src/domain/doctor/text-lines.ts';
import { toTasksFile } from '../../../src/domain/tasks/projection.ts';
import { foldEvents } from '../../../src/domain/tasks/fold-events.ts';
import { edit, ev, spec, started } from '../../support/events.ts';

const IDLE = 15 * 60_000;
const EVENTS = [
  ev(0, started(['Ship the export'])),
  ev(1, { type: 'task.added', task: spec(1) }),
  ev(2, { type: 'task.added', task: spec(2) }),
  ev(3, { type: 'task.started', id: 'task-1' }),
  ev(10, edit('src/export.ts', 'task-1')),
];
const LEDGER = EVENTS.map((e) => `${JSON.stringify(e)}\n`).join('');
const projection = (events = EVENTS, id = '001'): string => {
  const s = foldEvents(id, events);
  return `${JSON.stringify(toTasksFile(s, Date.parse(s.lastEventAt as string), IDLE), null, 2)}\n`;
};

const session = (over: Partial<SessionFacts> = {}): SessionFacts => ({
  id: '001',
  ledger: LEDGER,
  tasks: projection(),
  markdown: [],
  ...over,
});
const store = (sessions: SessionFacts[], over: Partial<StoreFacts> = {}): StoreFacts => ({
  claudeExists: true,
  sessionsExists: true,
  sessions,
  unreadable: [],
  active: null,
  idleMs: IDLE,
  now: Date.parse('2026-11-25T12:00:00Z'),
  history: null,
  ...over,
});
const byId = (checks: Check[], id: string): Check | undefined => checks.find((c) => c.id === id);

describe('store checks', () => {
  it('an interrupted completion: the newest session completed in its ledger with no metrics-history line', () => {
    const done = [
      ...EVENTS,
      { v: 1, t: '2026-11-25T11:00:00.000Z', type: 'session.completed', auto: false },
    ] as typeof EVENTS;
    const completed = session({ ledger: done.map((e) => `${JSON.stringify(e)}\n`).join(''), tasks: projection(done) });
    const check = byId(storeChecks(store([completed])), 'completion:001');
    expect(check).toMatchObject({ status: 'warn', action: { kind: 'finish-completion', session: '001' } });
    expect(check?.message).toMatch(/did not finish/);
    const metrics = {
      tasksPlanned: 1,
      tasksCompleted: 1,
      testsWritten: 0,
      testsPassed: 0,
      bugsFixed: 0,
      bugsIntroduced: 0,
      linesAdded: 1,
      linesRemoved: 0,
      timeSpent: 5,
      timeEstimated: 5,
    };
    const line = `${JSON.stringify({ session: '001', completedAt: '2026-11-25T11:00:00.000Z', metrics, score: 80 })}\n`;
    expect(
      byId(storeChecks(store([completed], { history: line })), 'completion:001'),
      'its line is there',
    ).toBeUndefined();
    expect(byId(storeChecks(store([session()])), 'completion:001'), 'not completed').toBeUndefined();
    // only the newest session: an older one is not resumed by csm complete
    expect(
      storeChecks(store([completed, session({ id: '002' })])).filter((c) => c.id.startsWith('completion:')),
    ).toEqual([]);
  });

  it('passes a healthy store with one ok line', () => {
    const checks = storeChecks(store([session()], { active: '001\n' }));
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['store', 'ok'],
      ['active', 'ok'],
    ]);
    expect(checks[0]?.message).toContain('1 session');
  });

  it('warns about a torn last ledger line: the next write starts after it', () => {
    const c = byId(storeChecks(store([session({ ledger: `${LEDGER}{"v":1,"t":"2026-11-25T09:1` })])), 'ledger:001');
    expect(c).toMatchObject({
      status: 'warn',
      fix: 'nothing to do: the next write starts a fresh line after it',
      action: null,
    });
  });

  it('a csm line cut short in the middle (an interrupted write, then more appends) is a warning, not a problem', () => {
    const lines = LEDGER.split('\n');
    const glued = `{"v":1,"t":"2026-11-25T09:0${lines[1] ?? ''}`;
    lines.splice(1, 1, '{"v":1,"t":"2026-11-25T09:0', glued);
    const checks = storeChecks(store([session({ ledger: lines.join('\n') })]));
    expect(byId(checks, 'ledger:001')).toMatchObject({ status: 'warn' });
    expect(byId(checks, 'ledger:001')?.message).toContain('cut short');
  });

  it('names file:line of a corrupt middle line as a problem, and will not rebuild tasks.json over it', () => {
    const broken = LEDGER.split('\n');
    broken.splice(2, 0, '{"type":"task.added", "t": 2026-11-25 hand-edited');
    const checks = storeChecks(store([session({ ledger: broken.join('\n') })]));
    expect(byId(checks, 'ledger:001')).toMatchObject({ status: 'problem' });
    expect(byId(checks, 'ledger:001')?.message).toContain('.claude/sessions/session-001-events.jsonl:3');
    expect(byId(checks, 'ledger:001')?.fix).toContain('line 3');
    expect(byId(checks, 'tasks:001')).toBeUndefined();
  });

  it('names the field of a tasks.json that fails its schema, and moves it aside on --fix', () => {
    const bad = JSON.parse(projection()) as { tasks: { status: string }[] };
    (bad.tasks[1] as { status: string }).status = 'done';
    const c = byId(storeChecks(store([session({ tasks: JSON.stringify(bad) })])), 'tasks:001');
    expect(c?.status).toBe('problem');
    expect(c?.message).toContain('tasks[1].status must be one of');
    expect(c?.action).toEqual({ kind: 'rebuild-tasks', session: '001', moveAside: true });
    expect(c?.fix).toContain('.corrupt-');
  });

  it('reports tasks.json that is not JSON at all', () => {
    const c = byId(storeChecks(store([session({ tasks: '{"sessionId": "001", "tasks": [' })])), 'tasks:001');
    expect(c).toMatchObject({ status: 'problem', action: { kind: 'rebuild-tasks', moveAside: true } });
    expect(c?.message).toContain('is not valid JSON');
  });

  it('warns when tasks.json differs from the ledger projection, naming where', () => {
    const stale = projection(EVENTS.slice(0, 3));
    const c = byId(storeChecks(store([session({ tasks: stale })])), 'tasks:001');
    expect(c).toMatchObject({ status: 'warn', action: { kind: 'rebuild-tasks', session: '001', moveAside: false } });
    expect(c?.message).toContain('tasks[0].status');
  });

  it('ignores timing that lags behind the ledger until the next full write (hooks only append)', () => {
    const later = [...EVENTS, ev(40, { type: 'claude.session', claudeSession: 'cs-2', source: 'resume' })];
    const ledger = later.map((e) => `${JSON.stringify(e)}\n`).join('');
    expect(projection(later)).not.toBe(projection());
    expect(byId(storeChecks(store([session({ ledger, tasks: projection() })])), 'tasks:001')).toBeUndefined();
  });

  it('warns about a missing tasks.json and rebuilds it', () => {
    expect(byId(storeChecks(store([session({ tasks: null })])), 'tasks:001')).toMatchObject({
      status: 'warn',
      action: { kind: 'rebuild-tasks', moveAside: false },
    });
  });

  it('warns about an active pointer to a missing or completed session', () => {
    expect(byId(storeChecks(store([session()], { active: '009\n' })), 'active')).toMatchObject({
      status: 'warn',
      action: { kind: 'clear-active' },
    });
    const done = [...EVENTS, ev(20, { type: 'session.completed', auto: false })];
    const ledger = done.map((e) => `${JSON.stringify(e)}\n`).join('');
    const c = byId(storeChecks(store([session({ ledger, tasks: projection(done) })], { active: '001' })), 'active');
    expect(c).toMatchObject({ status: 'warn', action: { kind: 'clear-active' } });
    expect(c?.message).toContain('completed');
  });

  it('turns a session two branches both created into one problem with the renumber fix', () => {
    const second = [ev(30, { ...started(['Other branch']) }), ev(31, { type: 'task.added', task: spec(1) })];
    const merged = LEDGER + second.map((e) => `${JSON.stringify(e)}\n`).join('');
    const checks = storeChecks(
      store([session({ ledger: merged, tasks: '{\n  "sessionId": "001",\n  "sessionId": "001",\n  "tasks": [\n' })]),
    );
    expect(checks.map((c) => [c.id, c.status])).toEqual([['merge:001', 'problem']]);
    expect(checks[0]?.action).toEqual({ kind: 'renumber', session: '001' });
    expect(checks[0]?.message).toContain('lines 1, 6');
  });

  it('suggests csm init when there is no .claude/', () => {
    expect(storeChecks(store([], { claudeExists: false }))).toMatchObject([
      { id: 'store', status: 'warn', fix: 'csm init (or just csm start "<objective>")' },
    ]);
  });

  it('compares JSON regardless of key order', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeNull();
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 3 }] })).toBe('b[1].c');
  });

  it('scans every bad line, not only the first', () => {
    expect(scanLedger('{"type":"x","t":"1"}\nnope\n[1]\n{"type":"y","t":"2"}\n{"tor').badLines).toEqual([2, 3]);
  });
});

describe('environment and config', () => {
  it.each([
    ['v20.19.0', 'ok'],
    ['v22.1.0', 'ok'],
    ['v20.18.3', 'problem'],
    ['v18.20.0', 'problem'],
    ['nonsense', 'problem'],
  ])('Node %s → %s', (v, status) => expect(nodeCheck(v).status).toBe(status));

  it('warns without git or outside a repository', () => {
    expect(gitChecks(null, false).map((c) => c.status)).toEqual(['warn', 'warn']);
    expect(gitChecks('2.39.5', true).map((c) => c.status)).toEqual(['ok', 'ok']);
  });

  it('reports config errors with their field, unknown keys as warnings', () => {
    const bad = configChecks({
      exists: true,
      errors: ['.claude/csm.json: idleMinutes expected number, got string'],
      warnings: [],
    });
    expect(bad).toMatchObject([
      { status: 'problem', message: '.claude/csm.json: idleMinutes expected number, got string' },
    ]);
    const unknown = configChecks({
      exists: true,
      errors: [],
      warnings: ['.claude/csm.json: unknown key idleMinute (ignored)'],
    });
    expect(unknown.map((c) => c.status)).toEqual(['ok', 'warn']);
  });
});

describe('writable, symlinks, locks, git files', () => {
  it('gives a chmod fix for an unwritable directory and a space fix for a full disk', () => {
    const [perm, full, fine] = writableChecks([
      { rel: '.claude', error: 'EACCES' },
      { rel: '.claude/.csm', error: 'ENOSPC' },
      { rel: '.claude', error: null },
    ]);
    expect(perm).toMatchObject({ status: 'problem' });
    expect(perm?.fix).toContain('chmod u+w .claude');
    expect(full?.message).toContain('disk is full');
    expect(fine?.status).toBe('ok');
  });

  it('reports every symlink as a problem with the exact replacement, inside the repository too (issue 26 §2)', () => {
    const [c] = symlinkChecks([
      { rel: '.claude/sessions', isDir: true, target: '/mnt/shared/sessions', outside: true },
    ]);
    expect(c).toMatchObject({ status: 'problem' });
    expect(c?.message).toContain('refuses to read or write through it');
    expect(c?.fix).toContain(
      'cp -R "$(readlink -f .claude/sessions)" .claude/sessions.real && rm .claude/sessions && mv .claude/sessions.real .claude/sessions',
    );
    const [inside] = symlinkChecks([{ rel: '.claude/.csm', isDir: true, target: '/repo/evil', outside: false }]);
    expect(inside).toMatchObject({ status: 'problem', message: expect.stringContaining('inside the repository') });
    expect(symlinkChecks([])[0]?.status).toBe('ok');
  });

  it('calls a lock stale when its owner is dead or it is older than 30 s', () => {
    const checks = lockChecks([
      { name: 'dead', ownerPid: 999999, ownerHost: 'h', ownerAlive: false, ageMs: 1000 },
      { name: 'old', ownerPid: null, ownerHost: null, ownerAlive: null, ageMs: 31_000 },
      { name: 'held', ownerPid: 42, ownerHost: 'h', ownerAlive: true, ageMs: 2_000 },
    ]);
    expect(checks.map((c) => [c.id, c.status, c.action?.kind ?? null])).toEqual([
      ['lock:dead', 'warn', 'remove-lock'],
      ['lock:old', 'warn', 'remove-lock'],
      ['lock:held', 'ok', null],
    ]);
    expect(checks[0]?.message).toContain('pid 999999');
  });

  const templates = {
    gitignore: '# csm: machine-local\n.csm/\n',
    gitattributes: '# csm: union\nsessions/* merge=union\nmemory/*.md merge=union\n',
  };

  it('accepts the user’s own spelling of .csm/ and appends only what is missing', () => {
    expect(missingLines('node_modules\n/.csm\n', templates.gitignore)).toEqual([]);
    expect(missingLines('node_modules\n', templates.gitignore)).toEqual(['.csm/']);
    expect(missingLines('sessions/*.jsonl merge=union\n', templates.gitattributes)).toEqual([
      'sessions/* merge=union',
      'memory/*.md merge=union',
    ]);
    expect(appendLines('node_modules', templates.gitignore, ['.csm/'])).toBe(
      'node_modules\n# csm: machine-local\n.csm/\n',
    );
    expect(appendLines(null, templates.gitignore, ['.csm/'])).toBe('# csm: machine-local\n.csm/\n');
  });

  it('warns about missing git files with an append action', () => {
    const checks = gitFileChecks({ gitignore: 'dist/\n', gitattributes: null, templates });
    expect(checks.map((c) => c.action)).toEqual([
      { kind: 'append-lines', file: '.gitignore', lines: ['.csm/'] },
      { kind: 'append-lines', file: '.gitattributes', lines: ['sessions/* merge=union', 'memory/*.md merge=union'] },
    ]);
  });
});

describe('hooks', () => {
  const settingsHooks = {
    hooks: {
      Stop: [
        {
          hooks: [
            {
              type: 'command',
              command: 'node "$CLAUDE_PROJECT_DIR/node_modules/claude-session-manager/dist/hooks/stop.mjs"',
            },
          ],
        },
      ],
      PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo other' }] }],
    },
  };
  const facts = (over: Partial<HooksFacts> = {}): HooksFacts => ({
    settings: [],
    pluginRoot: null,
    csmRoot: '/opt/csm',
    bundles: [],
    ...over,
  });

  it('reads csm plugin keys and csm hook commands', () => {
    expect(
      enabledCsmPlugins({ enabledPlugins: { 'csm@csm-marketplace': true, 'other@x': true, 'csm@old': false } }),
    ).toEqual(['csm@csm-marketplace']);
    expect(csmHookCommands(settingsHooks)).toHaveLength(1);
    expect(bundlePaths(csmHookCommands(settingsHooks)[0] as string, '/repo')).toEqual([
      '/repo/node_modules/claude-session-manager/dist/hooks/stop.mjs',
    ]);
    expect(bundlePaths('node "${CLAUDE_PLUGIN_ROOT}/dist/hooks/stop.mjs"', '/repo')).toEqual([]);
    const d = '$CLAUDE_PROJECT_DIR/node_modules/claude-session-manager/dist/hooks';
    expect(bundlePaths(`sh "${d}/checks-only.sh" "${d}/post-tool-use.mjs"`, '/repo')).toEqual([
      '/repo/node_modules/claude-session-manager/dist/hooks/checks-only.sh',
      '/repo/node_modules/claude-session-manager/dist/hooks/post-tool-use.mjs',
    ]);
  });

  it('warns with both install commands when neither is there', () => {
    const [c] = hooksChecks(facts());
    expect(c?.status).toBe('warn');
    expect(c?.fix).toContain('claude plugin install csm@csm-marketplace');
    expect(c?.fix).toContain('npm i -D /opt/csm && npx csm init --settings');
    expect(c?.fix).toContain('claude plugin marketplace add /opt/csm && claude plugin install csm@csm-marketplace');
  });

  it('warns that hooks run twice when installed both ways', () => {
    const [c] = hooksChecks(
      facts({
        settings: [
          {
            scope: 'user',
            file: '~/.claude/settings.json',
            value: { enabledPlugins: { 'csm@csm-marketplace': true } },
            error: null,
          },
          { scope: 'project', file: '.claude/settings.json', value: settingsHooks, error: null },
        ],
      }),
    );
    expect(c?.status).toBe('warn');
    expect(c?.message).toContain('every hook runs twice');
  });

  it('is content with a plugin alone, and notes CLAUDE_PLUGIN_ROOT', () => {
    const [c] = hooksChecks(facts({ pluginRoot: '/home/u/.claude/plugins/cache/csm' }));
    expect(c).toMatchObject({ status: 'ok' });
    expect(c?.message).toContain('running from the plugin at /home/u/.claude/plugins/cache/csm');
  });

  describe('under Codex', () => {
    const codexHooks = {
      hooks: {
        Stop: [
          {
            hooks: [
              {
                type: 'command',
                command:
                  'node "$(git rev-parse --show-toplevel)/node_modules/claude-session-manager/dist/hooks/stop.mjs" --host codex',
              },
            ],
          },
        ],
      },
    };
    const project = (value: Record<string, unknown> | null, error: string | null = null) => ({
      scope: 'project' as const,
      file: '.codex/hooks.json',
      value,
      error,
    });
    it('is content with csm installed for Codex only, and says where', () => {
      const checks = hooksChecks(facts({ codex: { project: project(codexHooks), plugin: null } }));
      expect(checks.map((c) => [c.status, c.message])).toEqual([
        ['ok', 'no Claude Code hooks here; csm is installed for Codex (below)'],
        ['ok', "Codex: csm's hooks installed (1 csm hook in .codex/hooks.json)"],
      ]);
      const plugin = hooksChecks(
        facts({ codex: { project: project(null), plugin: 'csm@csm-marketplace in ~/.codex/config.toml' } }),
      );
      expect(plugin[1]?.message).toBe("Codex: csm's hooks installed (csm@csm-marketplace in ~/.codex/config.toml)");
    });
    it('warns when Codex has both the plugin and the project hooks, and names the Codex install when nothing is there', () => {
      const twice = hooksChecks(facts({ codex: { project: project(codexHooks), plugin: 'csm@m in x' } }));
      expect(twice[1]).toMatchObject({ status: 'warn' });
      expect(twice[1]?.message).toContain('every hook runs twice');
      const none = hooksChecks(facts({ codex: { project: project(null), plugin: null } }));
      expect(none).toHaveLength(1);
      expect(none[0]?.fix).toContain('codex plugin marketplace add /opt/csm && codex plugin add csm@csm-marketplace');
    });
    it('a broken .codex/hooks.json is a problem; its bundles resolve through the repository root', () => {
      const broken = hooksChecks(facts({ codex: { project: project(null, 'is not valid JSON (x)'), plugin: null } }));
      expect(broken.map((c) => c.status)).toEqual(['warn', 'problem']);
      expect(bundlePaths(csmHookCommands(codexHooks)[0] as string, '/repo')).toEqual([
        '/repo/node_modules/claude-session-manager/dist/hooks/stop.mjs',
      ]);
    });
  });

  it('reports a settings hook whose bundle is missing as a problem', () => {
    const checks = hooksChecks(
      facts({
        settings: [{ scope: 'project', file: '.claude/settings.json', value: settingsHooks, error: null }],
        bundles: [
          {
            file: '.claude/settings.json',
            command: 'node x',
            path: 'node_modules/claude-session-manager/dist/hooks/stop.mjs',
            exists: false,
          },
        ],
      }),
    );
    expect(checks.map((c) => c.status)).toEqual(['ok', 'ok', 'problem']);
    expect(checks[2]?.fix).toContain('npm i -D /opt/csm');
  });

  it("says which path records edits: csm's mod while its helper runs, else the command hooks and why", () => {
    const plugin = { settings: [], bundles: [], pluginRoot: '/opt/csm' };
    const mod = (m: Parameters<typeof hooksChecks>[0]['mod']) =>
      hooksChecks(facts({ ...plugin, mod: m })).find((c) => c.id === 'mod')?.message ?? '';
    expect(mod({ pid: 42, since: '2026-12-07T10:00:00Z', alive: true })).toMatch(
      /^csm's mod is running in a Claude Code session here \(helper pid 42/,
    );
    expect(mod({ pid: 42, since: '2026-12-07T10:00:00Z', alive: false })).toMatch(
      /^edits are recorded by the command hooks \(csm's mod is not running here now: it loads with the plugin/,
    );
    expect(mod(null)).toContain('Claude Code 2.1.287 and later');
    const settings = hooksChecks(
      facts({ settings: [{ scope: 'project', file: '.claude/settings.json', value: settingsHooks, error: null }] }),
    );
    expect(settings.find((c) => c.id === 'mod')?.message).toContain('loads only with the plugin, not from settings');
  });
});

describe('summary and fix order', () => {
  it('exits 1 only while a problem remains, and removes locks before anything takes the lock', () => {
    const checks = [
      ...gitFileChecks({
        gitignore: null,
        gitattributes: null,
        templates: { gitignore: '.csm/\n', gitattributes: 'sessions/* merge=union\n' },
      }),
      ...lockChecks([{ name: 'store', ownerPid: 1, ownerHost: 'h', ownerAlive: false, ageMs: 0 }]),
      ...storeChecks(store([session({ tasks: '[' })])),
    ];
    expect(fixPlan(checks).map((a) => a.kind)).toEqual([
      'remove-lock',
      'rebuild-tasks',
      'append-lines',
      'append-lines',
    ]);
    expect(summarize(checks)).toMatchObject({ problem: 1, exitCode: 1 });
    expect(summarize(checks.filter((c) => c.status !== 'problem')).exitCode).toBe(0);
  });
});

describe('machine-local state in git', () => {
  const templates = { gitignore: '.csm/\n', gitattributes: '' };
  it('is a problem when git tracks anything under .claude/.csm/ (a clone receives it)', () => {
    const [, , tracked] = gitFileChecks({
      gitignore: '.csm/\n',
      gitattributes: '',
      templates,
      trackedLocal: ['.claude/.csm/active'],
    });
    expect(tracked).toMatchObject({
      id: 'tracked-local',
      status: 'problem',
      fix: expect.stringContaining('git rm --cached -r .claude/.csm'),
    });
    expect(tracked?.message).toContain('.claude/.csm/active');
    expect(gitFileChecks({ gitignore: '.csm/\n', gitattributes: '', templates, trackedLocal: [] })[2]).toMatchObject({
      status: 'ok',
    });
  });
});
