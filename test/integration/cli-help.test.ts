/**
 * Issue 27 §5: help and habits through the built CLI — `csm help <cmd>` equals `csm <cmd> --help`,
 * "did you mean" for commands, task subcommands and gate names, every help within 80 columns,
 * `csm task show`, usage mistakes exit 2, a missing plan file said in plain words.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/registry.ts';
import { createTempRepo, csm, csmJson } from './support/temp-repo.ts';

const wide = (text: string): string[] => text.split('\n').filter((l) => [...l].length > 80);

describe.concurrent('csm help and habits (issue 27 §5)', () => {
  it('csm help <cmd> prints what csm <cmd> --help prints; every help fits 80 columns, the top one grouped with a start', async () => {
    const dir = createTempRepo();
    const top = await csm(dir, '--help');
    expect(top.code).toBe(0);
    expect(wide(top.stdout)).toEqual([]);
    expect(top.stdout).toMatch(/Getting started:\n {2}csm init --settings/);
    expect(top.stdout).toMatch(/During a session:\n {2}plan/);
    for (const { name } of COMMANDS) {
      const [viaHelp, viaFlag] = await Promise.all([csm(dir, 'help', name), csm(dir, name, '--help')]);
      expect(viaHelp.code, name).toBe(0);
      expect(viaHelp.stdout, name).toBe(viaFlag.stdout);
      expect(wide(viaFlag.stdout), name).toEqual([]);
    }
  });

  it('a mistyped command, task subcommand or gate name gets a "did you mean" and exit 2', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Typos', '--no-baseline');
    const cases: [string[], RegExp][] = [
      [['stauts'], /unknown command "stauts" — did you mean "status"\?/],
      [['task', 'strat'], /did you mean "start"\?/],
      [
        ['gates', '--only', 'no-consol'],
        /no gate named no-consol — did you mean "no-console"\? \(the gates: no-console/,
      ],
      [['task', 'add'], /the task needs a title/],
      [['task', 'block', 'task-1'], /say why the task is blocked/],
    ];
    for (const [args, said] of cases) {
      const r = await csm(dir, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(said);
    }
    const missing = await csm(dir, 'plan', '--from-json', 'nofile.json');
    expect(missing.stderr).toMatch(
      /could not read the plan from nofile\.json: there is no such file\n {2}fix: check the path/,
    );
  });

  it('csm task show <id> prints one task in full, and names the tasks there are when the id is wrong', async () => {
    const dir = createTempRepo();
    await csmJson(dir, 'start', 'Show a task', '--no-baseline');
    await csmJson(
      dir,
      'task',
      'add',
      'Parse the callback',
      '--criterion',
      'rejects a bad state',
      '--file',
      'src/cb.ts',
      '--estimate',
      '20',
    );
    const r = await csm(dir, 'task', 'show', 'task-1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/task-1 Parse the callback \[backend-specialist\] — pending/);
    expect(r.stdout).toMatch(/time: not started, estimate 20 min/);
    expect(r.stdout).toMatch(/criterion: rejects a bad state/);
    expect(r.stdout).toMatch(/files planned: src\/cb\.ts\n {2}files edited: none recorded yet/);
    const json = await csmJson<{ id: string; edited: string[] }>(dir, 'task', 'show', '1');
    expect(json).toMatchObject({ id: 'task-1', edited: [] });
    const wrong = await csm(dir, 'task', 'show', 'task-7');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/no task task-7 in session 001\n {2}fix: the tasks are task-1/);
  });
});
