/**
 * Bad input through the BUILT CLI: usage errors, unknown ids, paths that try to leave .claude/,
 * corrupt store files (kept byte-identical), torn ledger tails, invalid config, symlinks out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  activePointer,
  createTempRepo,
  csm,
  csmJson,
  editPayload,
  fixtureRepo,
  ledgerLines,
  makeTempDir,
  readTasks,
  readText,
  runHook,
  sessionPath,
  snapshot,
  writeFiles,
} from './support/temp-repo.ts';

/** A repo with an active session 001 holding task-1 and task-2 (built once per file, copied per test). */
const repoWithSession = (): Promise<string> =>
  fixtureRepo('session', async (dir) => {
    await csmJson(dir, 'start', 'Harden the input');
    await csmJson(dir, 'task', 'add', 'First');
    await csmJson(dir, 'task', 'add', 'Second');
  });

/** Everything in the repo's private parent dir (the repo's own files too), except .git and .claude/. */
function outsideStore(dir: string): Record<string, string> {
  const box = path.dirname(dir);
  return snapshot(box, { skip: (rel) => rel === 'repo/.git' || rel === 'repo/.claude' });
}

const storeFiles = (dir: string): Record<string, string> =>
  snapshot(path.join(dir, '.claude'), { skip: (rel) => rel === '.csm' });

describe.concurrent('usage errors', () => {
  it('an unknown command prints a usage message and exits 2, writing nothing', async () => {
    const dir = createTempRepo();
    const before = snapshot(dir);
    const all = [['frobnicate'], ['Start', 'x'], ['--frobnicate'], ['-z']];
    const runs = await Promise.all(all.map((args) => csm(dir, ...args)));
    for (const [i, r] of runs.entries()) {
      const args = all[i] as string[];
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/unknown (command|option)/);
      expect(r.stderr).toMatch(/Usage:|csm --help/);
    }
    const none = await csm(dir);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/Usage: csm <command>/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('an unknown or misplaced flag names the flag and the command, exits 2, and changes nothing', async () => {
    const dir = await repoWithSession();
    const before = storeFiles(dir);
    const cases: [string[], RegExp][] = [
      [['status', '--frobnicate'], /unknown option --frobnicate for csm status[\s\S]*csm status --help/],
      [['task', 'add', 'x', '--reason', 'why'], /--reason does not apply to csm task add/],
      [['task', 'add', 'x', '--estimate', 'soon'], /--estimate must be a non-negative number/],
      [['task', 'add', 'x', '--estimate', '-5'], /--estimate/],
      [['task', 'add', 'x', '--agent'], /--agent needs a value/],
      [['task', 'start', 'first'], /"first" is not a task id/],
      [['task', 'fly'], /csm task needs one of/],
      [['init', '--settings=maybe'], /--settings takes no value/],
      [['memory', 'add', 'feelings', 'x'], /"feelings" is not a memory kind/],
      [['memory', 'add', 'decisions'], /the entry text is empty/],
      [['switch', 'latest'], /name the session number/],
    ];
    const runs = await Promise.all(cases.map(([args]) => csm(dir, ...args)));
    for (const [i, r] of runs.entries()) {
      const [args, message] = cases[i] as [string[], RegExp];
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(storeFiles(dir)).toEqual(before);
  });

  it('a task id that does not exist names the ids that do', async () => {
    const dir = await repoWithSession();
    const before = storeFiles(dir);
    const subs = [['start'], ['done'], ['block', '--reason', 'r'], ['handoff', '--to', 'test-engineer']];
    const runs = await Promise.all(subs.map(([name, ...rest]) => csm(dir, 'task', name as string, 'task-42', ...rest)));
    for (const [i, r] of runs.entries()) {
      expect(r.code, subs[i]?.[0]).toBe(1);
      expect(r.stderr, subs[i]?.[0]).toMatch(/no task task-42 in session 001; tasks are task-1, task-2/);
    }
    const json = JSON.parse((await csm(dir, 'task', 'start', '42', '--json')).stdout);
    expect(json.error.message).toMatch(/tasks are task-1, task-2/);
    expect(storeFiles(dir)).toEqual(before);
  });

  it('a --session that is not a session number is named as given, not as "NaN"', async () => {
    const dir = await repoWithSession();
    const all = [['complete', '--no-gates'], ['report'], ['status']];
    const runs = await Promise.all(all.map((args) => csm(dir, ...args, '--session', 'abc')));
    for (const [i, r] of runs.entries()) {
      const cmd = (all[i] as string[]).join(' ');
      expect([1, 2], cmd).toContain(r.code);
      expect(r.stderr, cmd).not.toMatch(/NaN/);
      expect(r.stderr, cmd).toMatch(/abc/);
    }
  });

  it('refuses an empty objective and an empty task title', async () => {
    const dir = createTempRepo();
    const empties = [['start'], ['start', ''], ['start', '   '], ['start', '', '--objective', ' \t ']];
    for (const [i, r] of (await Promise.all(empties.map((args) => csm(dir, ...args)))).entries()) {
      expect(r.code, JSON.stringify(empties[i])).toBe(2);
      expect(r.stderr).toMatch(/objective is empty/);
    }
    expect(fs.existsSync(path.join(dir, '.claude', 'sessions', 'session-001-events.jsonl'))).toBe(false);
    expect(activePointer(dir)).toBeNull();

    await csmJson(dir, 'start', 'Real objective');
    const before = storeFiles(dir);
    const empty = await csm(dir, 'task', 'add', '   ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the task needs a title/);
    expect(storeFiles(dir)).toEqual(before);
  });
});

describe.concurrent('paths never let a write escape .claude/', () => {
  it('--file outside the repository, absolute, or far too long is refused and nothing changes', async () => {
    const dir = await repoWithSession();
    const outside = outsideStore(dir);
    const before = storeFiles(dir);
    const bad = [
      '../../etc/passwd',
      '../outside.txt',
      'src/../../escape.txt',
      '/etc/passwd',
      path.join(path.dirname(dir), 'sibling.txt'),
      `${'a'.repeat(4096)}.ts`,
      `deep/${'d/'.repeat(1200)}f.ts`,
    ];
    const targets = bad.slice(0, 5).map((f) => path.resolve(dir, f));
    const existed = targets.map((t) => (fs.existsSync(t) ? readText(t) : null));
    const runs = await Promise.all(bad.map((f) => csm(dir, 'task', 'add', 'Sneaky', '--file', f)));
    for (const [i, r] of runs.entries()) {
      const f = bad[i] as string;
      expect(r.code, f.slice(0, 60)).toBe(2);
      expect(r.stderr, f.slice(0, 60)).toMatch(/outside the repository|not a usable path/);
      expect(r.stderr.length).toBeLessThan(600); // the 4 KB name is not echoed back whole
    }
    expect(storeFiles(dir)).toEqual(before);
    expect(outsideStore(dir)).toEqual(outside);
    expect(targets.map((t) => (fs.existsSync(t) ? readText(t) : null))).toEqual(existed);
  });

  it('a 4 KB task title, agent, workflow, session or memory kind never becomes a file name', async () => {
    const dir = await repoWithSession();
    const outside = outsideStore(dir);
    const long = 'x'.repeat(4096);
    const title = await csm(dir, 'task', 'add', `${long}/../../../escape`, '--json');
    expect(title.code).toBe(0); // a title is data, not a path
    expect(JSON.parse(title.stdout).id).toBe('task-3');
    const refused: string[][] = [
      ['task', 'add', 'x', '--agent', `../../${long}`],
      ['task', 'start', long],
      ['memory', 'add', `../${long}`, 'x'],
      ['switch', long],
      ['status', '--session', `../../${long}`],
      ['complete', '--session', `../../${long}`, '--no-gates'],
    ];
    const runs = await Promise.all(refused.map((args) => csm(dir, ...args)));
    for (const [i, r] of runs.entries()) {
      expect([1, 2], (refused[i] as string[]).join(' ').slice(0, 80)).toContain(r.code);
      expect(r.stderr).toMatch(/^csm: /);
    }
    await csmJson(dir, 'complete', '--no-gates', '--force');
    const wf = await csm(dir, 'start', 'x', '--workflow', `../../../${long}`);
    expect(wf.code).toBe(1);
    expect(wf.stderr).toMatch(/is not a workflow name/);
    expect(outsideStore(dir)).toEqual(outside);
    const names = fs.readdirSync(path.join(dir, '.claude', 'sessions'));
    expect(
      names.every((n) => /^session-\d{3}-[a-z]+\.(md|json|jsonl)$/.test(n)),
      names.join(', '),
    ).toBe(true);
  });

  it('a plan naming files outside the repository or with a NUL byte is refused whole', async () => {
    const dir = await repoWithSession();
    const before = storeFiles(dir);
    const task = (files: string[]) => ({
      title: 'T',
      agent: 'backend-specialist',
      estimateMinutes: 5,
      expectedLines: 5,
      criteria: ['c'],
      tests: [],
      files,
    });
    const plans = [
      ['../../etc/passwd'],
      ['/etc/passwd'],
      ['src/a\u0000.ts'],
      ['C:\\Windows\\system.ini'],
      ['ok.ts', 'a/../../b.ts'],
    ];
    const runs = await Promise.all(
      plans.map((files) => csm(dir, 'plan', '--from-json', '-', { input: JSON.stringify({ tasks: [task(files)] }) })),
    );
    for (const [i, r] of runs.entries()) {
      expect(r.code, JSON.stringify(plans[i])).toBe(1);
      expect(r.stderr).toMatch(/must be a path inside the repository/);
      expect(r.stderr).toMatch(/nothing was changed/);
    }
    expect(storeFiles(dir)).toEqual(before);
  });

  it('hook payloads with paths outside the repository, NUL bytes or 4 KB names record nothing outside .claude/ and exit 0', async () => {
    const dir = await repoWithSession();
    await csmJson(dir, 'task', 'start', 'task-1');
    const outside = outsideStore(dir);
    const lines = ledgerLines(dir).length;
    const paths = [
      '../../etc/passwd',
      '/etc/passwd',
      path.join(path.dirname(dir), 'x.ts'),
      'src/a\u0000b.ts',
      `${dir}/../escape.ts`,
    ];
    const runs = await Promise.all(
      paths.map((p) => runHook('post-tool-use', editPayload(dir, p.includes('\u0000') ? path.join(dir, p) : p))),
    );
    for (const [i, r] of runs.entries()) expect(r.code, paths[i]).toBe(0);
    expect(ledgerLines(dir)).toHaveLength(lines); // none of them is an edit of this repository
    const long = await runHook('post-tool-use', editPayload(dir, `src/${'n'.repeat(4096)}.ts`));
    expect(long.code).toBe(0);
    expect(outsideStore(dir)).toEqual(outside);
    expect(() => readTasks(dir)).not.toThrow();
  });
});

describe.concurrent('corrupt store files are reported and kept as they were', () => {
  it('tasks.json failing its schema: error naming the file and the field, exit 1, file byte-identical', async () => {
    const dir = await repoWithSession();
    const file = sessionPath(dir, '001', 'tasks.json');
    const bad = readText(file).replace('"status": "pending"', '"status": "paused"');
    fs.writeFileSync(file, bad);
    const ledger = readText(sessionPath(dir, '001', 'events.jsonl'));
    const writes = [
      ['task', 'add', 'Third'],
      ['task', 'start', 'task-1'],
      ['task', 'block', 'task-2', '--reason', 'r'],
    ];
    for (const [i, r] of (await Promise.all(writes.map((args) => csm(dir, ...args)))).entries()) {
      expect(r.code, (writes[i] as string[]).join(' ')).toBe(1);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/tasks\[0\]\.status/);
      expect(r.stderr).toMatch(/"paused"/);
      expect(r.stderr).toMatch(/fix: /);
      expect(r.stderr).not.toMatch(/this is a bug/);
    }
    const json = JSON.parse((await csm(dir, 'task', 'add', 'Third', '--json')).stdout);
    expect(json.error).toMatchObject({ code: 'INVALID_FILE' });
    // the hook records the edit in the ledger (the record), leaves tasks.json as it is, and says why in one line
    const hook = await runHook('post-tool-use', editPayload(dir, 'src/a.ts'));
    expect(hook.code).toBe(0);
    expect(JSON.parse(hook.stdout).systemMessage).toMatch(
      /^csm: recorded, but .*session-001-tasks\.json does not match the tasks schema: tasks\[0\]\.status/,
    );
    expect(readText(file)).toBe(bad);
    const added = readText(sessionPath(dir, '001', 'events.jsonl'))
      .slice(ledger.length)
      .trim()
      .split('\n');
    expect(added.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ type: 'file.edited', path: 'src/a.ts', task: null }),
    ]);
  });

  it('tasks.json that is not JSON: error naming the file, exit 1, file byte-identical', async () => {
    const dir = await repoWithSession();
    const file = sessionPath(dir, '001', 'tasks.json');
    const bad = '{"sessionId": "001", "tasks": [\n';
    fs.writeFileSync(file, bad);
    const r = await csm(dir, 'task', 'add', 'Third');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(readText(file)).toBe(bad);
  });

  it.each(['null', '[]', '{"tasks": 5}'])(
    "tasks.json that is JSON but not csm's (%s): the CLI names the file, the hook records the edit and says why, the file stays",
    async (bad) => {
      const dir = await repoWithSession();
      const file = sessionPath(dir, '001', 'tasks.json');
      fs.writeFileSync(file, bad);
      const r = await csm(dir, 'task', 'add', 'Third');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(file);
      const hook = await runHook('post-tool-use', editPayload(dir, 'src/a.ts'));
      expect(hook.code).toBe(0);
      expect(JSON.parse(hook.stdout).systemMessage).toMatch(
        /^csm: recorded, but .*session-001-tasks\.json does not match the tasks schema/,
      );
      expect(ledgerLines(dir).at(-1)).toContain('"type":"file.edited"');
      expect(readText(file)).toBe(bad);
    },
  );

  it('a corrupt line in the middle of the ledger: error naming file and line, exit 1, file unchanged', async () => {
    const dir = await repoWithSession();
    const file = sessionPath(dir, '001', 'events.jsonl');
    const lines = ledgerLines(dir);
    // a hand edit gone wrong, not a line csm began (a csm line cut short is skipped: see the torn-line test)
    lines[1] = '{"type":"task.added","t":"2026-03-02T09:00:00.000Z","task":{"id":"task-1",';
    const bad = `${lines.join('\n')}\n`;
    fs.writeFileSync(file, bad);
    const tasksBefore = readText(sessionPath(dir, '001', 'tasks.json'));
    const cmds = [['status'], ['task', 'add', 'Third'], ['task', 'list'], ['complete', '--no-gates']];
    for (const [i, r] of (await Promise.all(cmds.map((args) => csm(dir, ...args)))).entries()) {
      const args = cmds[i] as string[];
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(
        new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:| line )2\\b`),
      );
      expect(r.stderr).not.toMatch(/this is a bug/);
    }
    expect(readText(file)).toBe(bad);
    expect(readText(sessionPath(dir, '001', 'tasks.json'))).toBe(tasksBefore);

    // valid JSON that is not an event is just as corrupt
    lines[1] = '{"hello": "world"}';
    const notEvent = `${lines.join('\n')}\n`;
    fs.writeFileSync(file, notEvent);
    const r = await csm(dir, 'task', 'add', 'Third');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2 is not a csm event/);
    expect(readText(file)).toBe(notEvent);
  });

  it('a torn last ledger line: warning, the command works, the next write starts a fresh line after it and cuts nothing', async () => {
    const dir = await repoWithSession();
    const file = sessionPath(dir, '001', 'events.jsonl');
    const whole = readText(file);
    const fragment = '{"v":1,"t":"2026-03-02T09:00:00.000Z","type":"task.add';
    const torn = `${whole}${fragment}`;
    fs.writeFileSync(file, torn);

    const status = await csm(dir, 'status', '--json');
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/warning: .*session-001-events\.jsonl: skipped a torn last line/);
    expect(JSON.parse(status.stdout).progress.total).toBe(2);
    expect(readText(file)).toBe(torn); // reading never rewrites

    const add = await csm(dir, 'task', 'add', 'Third', '--json');
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout).id).toBe('task-3');
    const after = readText(file);
    expect(after.startsWith(`${torn}\n`), 'the fragment is kept, the new line starts after it').toBe(true);
    const added = after
      .slice(torn.length + 1)
      .split('\n')
      .filter(Boolean);
    expect(added).toHaveLength(1);
    expect(JSON.parse(added[0] as string)).toMatchObject({
      type: 'task.added',
      task: { id: 'task-3', title: 'Third' },
    });
    expect(after.endsWith('\n')).toBe(true);
    expect(readTasks(dir).tasks.map((t: any) => t.id)).toEqual(['task-1', 'task-2', 'task-3']);

    // a torn tail left by a crashed hook is handled the same way by the next hook
    await csmJson(dir, 'task', 'start', 'task-1');
    const base = readText(file);
    fs.writeFileSync(file, `${base}{"v":1,"t":"2026`);
    const hook = await runHook('post-tool-use', editPayload(dir, 'src/a.ts'));
    expect(hook.code).toBe(0);
    const afterHook = readText(file);
    expect(afterHook.startsWith(`${base}{"v":1,"t":"2026\n`)).toBe(true);
    expect(
      afterHook
        .slice(base.length + 17)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).type),
    ).toEqual(['file.edited']);
  });

  it('a write command warns about the torn ledger line it writes after', async () => {
    const dir = await repoWithSession();
    const file = sessionPath(dir, '001', 'events.jsonl');
    fs.appendFileSync(file, '{"v":1,"t":"2026-03-02T09:00:00.000Z","type":"task.add');
    const add = await csm(dir, 'task', 'add', 'Third');
    expect(add.code).toBe(0);
    // "a corrupt trailing ledger line from a crash is skipped with a warning"
    expect(add.stderr).toMatch(/warning: .*torn last line/);
  });
});

describe.concurrent('invalid .claude/csm.json', () => {
  it('names the file and the field, exits 1, and changes nothing', async () => {
    const dir = await repoWithSession();
    const before = storeFiles(dir);
    const cases: [string, RegExp][] = [
      ['{ "idleMinutes": "ten" }', /csm\.json: idleMinutes .*number/],
      ['{ "idleMinutes": -1 }', /csm\.json: idleMinutes /],
      ['{ "memory": { "maxEntries": 2.5 } }', /csm\.json: memory\.maxEntries /],
      ['{ "gates": [{ "name": "x" }] }', /csm\.json: gates\[0\]\.command .*missing/],
      ['{ "idleMinutes": 15, }', /csm\.json is not valid JSON/],
    ];
    for (const [text, message] of cases) {
      writeFiles(dir, { '.claude/csm.json': text });
      const r = await csm(dir, 'status');
      expect(r.code, text).toBe(1);
      expect(r.stderr, text).toMatch(message);
      expect(r.stderr).toMatch(/fix: .*csm\.json/);
    }
    // a write command stops the same way
    const add = await csm(dir, 'task', 'add', 'x');
    expect(add.code).toBe(1);
    expect(add.stderr).toMatch(/csm\.json is not valid JSON/);
    expect(storeFiles(dir)).toEqual({ ...before, 'csm.json': storeFiles(dir)['csm.json'] as string });
    expect(readText(path.join(dir, '.claude', 'csm.json'))).toBe('{ "idleMinutes": 15, }');
  });

  it('an unknown key is a warning, not a failure', async () => {
    const dir = await repoWithSession();
    writeFiles(dir, { '.claude/csm.json': '{ "idleMinutez": 60 }' });
    const r = await csm(dir, 'status');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*csm\.json: unknown key idleMinutez/);
  });

  it('the unknown-key warning points at a command that exists', async () => {
    const dir = await repoWithSession();
    writeFiles(dir, { '.claude/csm.json': '{ "idleMinutez": 60 }' });
    const r = await csm(dir, 'status');
    const hinted = /\bcsm ([a-z-]+)\b/.exec(r.stderr)?.[1];
    expect(hinted).toBeDefined();
    const help = await csm(dir, hinted as string, '--help');
    expect(help.code, `${r.stderr}\n${hinted}: ${help.stderr}`).toBe(0);
  });
});

describe.concurrent('symlinks out of the repository', () => {
  it('a .claude/sessions symlink pointing outside is refused with a clear message; nothing is written outside', async () => {
    const dir = createTempRepo();
    const elsewhere = makeTempDir('csm-it-elsewhere-');
    fs.mkdirSync(path.join(dir, '.claude'));
    fs.symlinkSync(elsewhere, path.join(dir, '.claude', 'sessions'));
    for (const args of [['init'], ['start', 'Escape'], ['start', 'Escape', '--workflow', 'bug-fix']]) {
      const r = await csm(dir, ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/\.claude\/sessions is a symlink to .*outside the repository/);
      expect(r.stderr).toMatch(/fix: /);
    }
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(activePointer(dir)).toBeNull();
  });

  it('a session file symlinked outside is refused; the outside file is unchanged', async () => {
    const dir = await repoWithSession();
    const elsewhere = makeTempDir('csm-it-elsewhere-');
    for (const kind of ['tasks.json', 'events.jsonl']) {
      const file = sessionPath(dir, '001', kind);
      const target = path.join(elsewhere, kind);
      fs.renameSync(file, target);
      fs.symlinkSync(target, file);
      const before = readText(target);
      const r = await csm(dir, 'task', 'add', 'Third');
      expect(r.code, kind).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`session-001-${kind.replace('.', '\\.')} is a symlink to .*outside the repository`),
      );
      expect(readText(target)).toBe(before);
      fs.rmSync(file);
      fs.renameSync(target, file);
    }
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('a .claude symlink pointing outside is refused before anything (even a lock directory) is created outside', async () => {
    const dir = createTempRepo();
    const elsewhere = makeTempDir('csm-it-elsewhere-');
    fs.symlinkSync(elsewhere, path.join(dir, '.claude'));
    const r = await csm(dir, 'init');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\.claude is a symlink to .*outside the repository/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });
});
