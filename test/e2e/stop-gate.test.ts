/**
 * csm's Stop gate in the real Claude Code CLI (2.1.331) against the scripted fake Messages API
 * (issue 4 §5, issue 5 §1 and "Done means"): a failing test blocks Stop with its own lines as
 * feedback until Claude fixes it; a turn that changed nothing is not gated; a gate that cannot
 * run never blocks; a gate that always fails lets Claude go after the block cap; CSM_DISABLE=1
 * turns csm off.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { lastUserText, messagesText, requestText, type Turn } from './support/fake-api.ts';
import { CSM_ROOT, MATH_OK, type Recorder } from './support/csm-project.ts';
import { prepareHome, type RunClaudeResult } from './support/run-claude.ts';
import { e2eSuite } from './support/suite.ts';

const { api, run, project, keep, recorder: makeRecorder } = e2eSuite();
const recorder = (): Recorder => makeRecorder(['Stop']);

/** csm's own Stop responses (the recorder plugin prints nothing), parsed from the hook stdout. */
function stopResponses(r: RunClaudeResult): Array<{ decision?: string; reason?: string; systemMessage?: string }> {
  return r.hookEvents
    .filter((h) => h.subtype === 'hook_response' && h.hook_event === 'Stop')
    .map((h) => String(h.stdout ?? h.output ?? '').trim())
    .filter((s) => s !== '')
    .map((s) => JSON.parse(s) as { decision?: string; reason?: string; systemMessage?: string });
}

const FEEDBACK = 'Stop hook feedback';

describe('the Stop gate in the real Claude Code CLI', () => {
  it('blocks Stop with the failing test, and lets Claude stop once it is fixed', async () => {
    // the test fails before the session: blocking on it takes stop.blockOnPreexisting (by default it is reported only)
    const p = project({
      tests: 'fail',
      tasks: [{ title: 'TASK-FIX: make add() right' }],
      config: { stop: { blockOnPreexisting: true } },
    });
    const rec = recorder();
    let reportsWhenBlocked: boolean | undefined;
    api.setScript([
      // An unrelated edit first, so there is work for the gate to judge.
      {
        tool_use: [
          {
            name: 'Edit',
            input: { file_path: p.path('README.md'), old_string: 'A tiny project', new_string: 'A small project' },
          },
        ],
      },
      { text: 'FIRST-FINAL: README reworded.' },
      // Stop was blocked: the feedback carries the failing test's lines. Reproduce, fix, re-run.
      (req) => {
        reportsWhenBlocked = p.exists(p.sessionFile('completed.md'));
        return /Stop hook feedback[\s\S]*expected: 5[\s\S]*actual: -1/.test(lastUserText(req))
          ? {
              text: 'Reproducing.',
              tool_use: [{ name: 'Bash', input: { command: 'npm test', description: 'Run the tests' } }],
            }
          : { text: 'NO-GATE-FEEDBACK' };
      },
      {
        text: 'Fixing add().',
        tool_use: [
          {
            name: 'Edit',
            input: { file_path: p.path('src/math.js'), old_string: 'return a - b;', new_string: 'return a + b;' },
          },
        ],
      },
      { tool_use: [{ name: 'Bash', input: { command: 'npm test', description: 'Run the tests again' } }] },
      { text: 'SECOND-FINAL: add() fixed.' },
    ]);
    const {
      run: r,
      why,
      main,
    } = await run({ cwd: p.root, prompt: 'Tidy the README.', pluginDir: [CSM_ROOT, rec.dir] });

    expect(r.code, why).toBe(0);
    expect(r.result?.subtype, why).toBe('success');
    expect(r.result?.result, why).toBe('SECOND-FINAL: add() fixed.');
    expect(main.length, why).toBe(6);
    expect(api.exhausted()).toBe(0);
    // A blocked Stop writes no report (the reports follow the Stop that lets Claude go).
    expect(reportsWhenBlocked).toBe(false);
    expect(p.read(p.sessionFile('completed.md')).split('\n')[2]).toMatch(/^> in progress as of /);

    // The block reached the model as Stop hook feedback: which gate, the failing test's lines, how to re-run.
    const feedback = lastUserText(main[2]!);
    expect(feedback).toContain(FEEDBACK);
    expect(feedback).toContain('csm: the gate test failed');
    expect(feedback).toContain('npm run test');
    expect(feedback).toContain('test/math.test.js:5');
    // the test's name, its expected and actual values, the totals, the command that re-runs just it
    expect(feedback).toContain('add-sums-two-numbers');
    expect(feedback).toMatch(/expected: 5\n\s+actual: -1/);
    expect(feedback).toContain('node:test: 1 of 1 tests failed');
    // the name as a whole-name pattern, `$` escaped for the shell's double quotes
    expect(feedback).toContain('--test-name-pattern="^add-sums-two-numbers\\$"');
    for (const later of main.slice(3)) expect(lastUserText(later)).not.toContain(FEEDBACK);
    expect(p.read('src/math.js')).toBe(MATH_OK);

    // The second Stop came with stop_hook_active and was not blocked.
    expect(rec.calls('Stop').map((c) => [c.stop_hook_active, c.last_assistant_message])).toEqual([
      [false, 'FIRST-FINAL: README reworded.'],
      [true, 'SECOND-FINAL: add() fixed.'],
    ]);
    const responses = stopResponses(r);
    expect(
      responses.filter((o) => o.decision === 'block'),
      why,
    ).toHaveLength(1);

    // The ledger: the baseline csm start ran (the test failed already), one failing gate run on stop, one block, both edits on the task.
    expect(p.ledger('gate.run')[0]).toMatchObject({
      trigger: 'baseline',
      results: expect.arrayContaining([expect.objectContaining({ name: 'test', status: 'fail', preexisting: true })]),
    });
    const runs = p.ledger('gate.run').filter((e) => e.trigger !== 'baseline');
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs[0]).toMatchObject({
      trigger: 'stop',
      results: expect.arrayContaining([expect.objectContaining({ name: 'test', status: 'fail', blocking: true })]),
    });
    expect(p.ledger('stop.blocked')).toEqual([
      expect.objectContaining({ claudeSession: r.sessionId, gates: ['test'] }),
    ]);
    expect(p.ledger('file.edited').map((e) => [e.path, e.task])).toEqual([
      ['README.md', 'task-1'],
      ['src/math.js', 'task-1'],
    ]);
    // Claude's own test runs are evidence: failing before the fix (PostToolUseFailure), passing after.
    expect(p.ledger('evidence.command').map((e) => [e.command, e.kind, e.outcome, e.task])).toEqual([
      ['npm test', 'test', 'fail', 'task-1'],
      ['npm test', 'test', 'pass', 'task-1'],
    ]);
    // And the fix is real: the gates pass now.
    expect(p.csm(['gates']).code).toBe(0);
    expect(api.refused(), why).toEqual([]);
    expect(api.errors()).toEqual([]);
  });

  it('does not block a turn that changed nothing, in a repo whose tests failed before the session', async () => {
    // Issue 4 §5: the test command runs "when files changed since the last pass". Here nothing
    // changed at all (clean tree at the session's base commit, no edit recorded): Claude only
    // answered a question, and must not be pushed to fix a failure it did not cause.
    const p = project({ tests: 'fail', tasks: [{ title: 'TASK-QUESTION' }] });
    expect(p.gitStatus().filter((l) => !l.slice(3).startsWith('.claude/'))).toEqual([]); // only csm's own session files
    api.setScript([{ text: 'ANSWER: add() lives in src/math.js.' }, { text: 'UNEXPECTED-SECOND-TURN' }]);
    const { run: r, why, main } = await run({ cwd: p.root, prompt: 'Where is add() defined?', pluginDir: CSM_ROOT });

    expect(r.result?.result, why).toBe('ANSWER: add() lives in src/math.js.');
    expect(main.length, why).toBe(1);
    expect(p.ledger('file.edited')).toEqual([]);
    expect(p.ledger('stop.blocked')).toEqual([]);
    expect(api.refused(), why).toEqual([]);
  });

  it('never blocks on a gate that cannot run (command not found, killed by a signal, timed out)', async () => {
    const p = project({
      tasks: [{ title: 'TASK-BROKEN-GATES' }],
      config: {
        detectGates: false,
        gates: [
          { name: 'missing-tool', command: 'csm-e2e-no-such-tool --check' },
          { name: 'crashes', command: 'node -e "process.kill(process.pid, \'SIGKILL\')"' },
          { name: 'too-slow', command: 'node -e "setTimeout(() => {}, 60000)"', timeout: 1 },
        ],
      },
    });
    const rec = recorder();
    api.setScript([
      {
        tool_use: [
          {
            name: 'Write',
            input: { file_path: p.path('src/sub.js'), content: 'export const sub = (a, b) => a - b;\n' },
          },
        ],
      },
      { text: 'BROKEN-GATES-FINAL' },
    ]);
    const { run: r, why, main } = await run({ cwd: p.root, prompt: 'Add sub().', pluginDir: [CSM_ROOT, rec.dir] });

    expect(r.result?.subtype, why).toBe('success');
    expect(r.result?.result, why).toBe('BROKEN-GATES-FINAL');
    expect(main.length, why).toBe(2);
    expect(rec.calls('Stop').map((c) => c.stop_hook_active)).toEqual([false]);
    expect(p.ledger('stop.blocked')).toEqual([]);
    const run0 = p.ledger('gate.run').find((e) => e.trigger === 'stop');
    expect(run0, why).toMatchObject({
      results: expect.arrayContaining([
        expect.objectContaining({ name: 'missing-tool', status: 'error' }),
        expect.objectContaining({ name: 'crashes', status: 'error' }),
        expect.objectContaining({ name: 'too-slow', status: 'error' }),
      ]),
    });
    // The user is told, in one line, that the gates could not run.
    const said = stopResponses(r).map((o) => o.systemMessage ?? '');
    const note = said.find((m) => m.startsWith('csm: could not run')) ?? '';
    expect(note, why).toMatch(/not blocking/);
    for (const gate of ['missing-tool', 'crashes', 'too-slow']) expect(note).toContain(gate);
    expect(stopResponses(r).some((o) => o.decision === 'block')).toBe(false);
    expect(api.refused(), why).toEqual([]);
    expect(api.errors()).toEqual([]);
  });

  it('lets Claude stop after the block cap when a gate always fails (blockCap 2, three turns)', async () => {
    const p = project({
      tasks: [{ title: 'TASK-CAP' }],
      config: {
        stop: { blockCap: 2, blockOnPreexisting: true },
        detectGates: false,
        gates: [
          {
            name: 'always-fails',
            command: 'node -e "console.error(\'ALWAYS-FAILS-MARKER: this gate never passes\'); process.exit(1)"',
          },
        ],
      },
    });
    const rec = recorder();
    const write = (n: number) => ({
      tool_use: [{ name: 'Write', input: { file_path: p.path(`notes/turn-${n}.md`), content: `turn ${n}\n` } }],
    });
    api.setScript([
      write(1),
      { text: 'TURN-1-FINAL' },
      { text: 'TURN-1-AFTER-BLOCK' },
      write(2),
      { text: 'TURN-2-FINAL' },
      { text: 'TURN-2-AFTER-BLOCK' },
      write(3),
      { text: 'TURN-3-FINAL' },
    ]);
    const {
      run: r,
      why,
      main,
    } = await run({ cwd: p.root, messages: ['Turn one.', 'Turn two.', 'Turn three.'], pluginDir: [CSM_ROOT, rec.dir] });

    expect(r.code, why).toBe(0);
    expect(
      r.results.map((x) => [x.subtype, x.result]),
      why,
    ).toEqual([
      ['success', 'TURN-1-AFTER-BLOCK'],
      ['success', 'TURN-2-AFTER-BLOCK'],
      ['success', 'TURN-3-FINAL'],
    ]);
    expect(main.length, why).toBe(8);
    expect(api.exhausted()).toBe(0);
    // Turns 1 and 2: blocked once each, the gate's own output in the feedback; turn 3: no block.
    for (const i of [2, 5]) {
      const fb = lastUserText(main[i]!);
      expect(fb).toContain(FEEDBACK);
      expect(fb).toContain('always-fails');
      expect(fb).toContain('ALWAYS-FAILS-MARKER');
    }
    expect(rec.calls('Stop').map((c) => c.stop_hook_active)).toEqual([false, true, false, true, false]);
    expect(p.ledger('stop.blocked').map((e) => e.gates)).toEqual([['always-fails'], ['always-fails']]);
    expect(p.ledger('stop.released')).toEqual([
      expect.objectContaining({ claudeSession: r.sessionId, reason: expect.stringContaining('block cap') }),
    ]);

    const responses = stopResponses(r);
    expect(responses.filter((o) => o.decision === 'block').map((o) => o.systemMessage)).toEqual([
      'csm: Stop blocked — always-fails failing (1/2)',
      'csm: Stop blocked — always-fails failing (2/2)',
    ]);
    const released = responses.find(
      (o) => o.decision !== 'block' && /still failing after 2 blocks/.test(o.systemMessage ?? ''),
    );
    expect(released?.systemMessage, why).toContain(
      'csm: always-fails still failing after 2 blocks in a row — letting Claude stop',
    );
    expect(p.memory('errors')).toMatch(/Stop let through after 2 blocks in a row — always-fails still failing/);
    expect(p.memory('errors')).toContain('ALWAYS-FAILS-MARKER');
    expect(api.refused(), why).toEqual([]);
    expect(api.errors()).toEqual([]);
  });

  it('does nothing at all with CSM_DISABLE=1: no context, no ledger entry, no block', async () => {
    const p = project({ tests: 'fail', tasks: [{ title: 'TASK-DISABLED' }] });
    const rec = recorder();
    api.setScript([
      {
        tool_use: [
          {
            name: 'Write',
            input: { file_path: p.path('src/sub.js'), content: 'export const sub = (a, b) => a - b;\n' },
          },
        ],
      },
      { text: 'DISABLED-FINAL' },
    ]);
    const ledgerBefore = p.ledger().length;
    const {
      run: r,
      why,
      main,
    } = await run({ cwd: p.root, prompt: 'Add sub().', pluginDir: [CSM_ROOT, rec.dir], env: { CSM_DISABLE: '1' } });

    expect(r.result?.result, why).toBe('DISABLED-FINAL');
    expect(main.length, why).toBe(2);
    expect(requestText(main[0]!)).not.toContain('csm session 001');
    expect(rec.calls('Stop').map((c) => c.stop_hook_active)).toEqual([false]);
    expect(p.ledger().length).toBe(ledgerBefore);
    expect(p.task('task-1').files).toEqual([]);
    expect(api.refused(), why).toEqual([]);
  });

  it('an API error that ends a turn (StopFailure) is no gate failure and resets nothing: the next turn is judged as usual', async () => {
    // Claude Code 2.1.331 fires StopFailure, not Stop, when the API fails at the end of a turn;
    // csm registers no handler for it. Turn 1: a blocked Stop, then the API fails on the
    // feedback. Turn 2 (the user's next prompt): Claude fixes the test and Stop lets it go.
    const p = project({
      tests: 'fail',
      tasks: [{ title: 'TASK-FIX: make add() right' }],
      config: { stop: { blockOnPreexisting: true } },
    });
    const rec = recorder();
    const counters = (): number[] => {
      const dir = p.path('.claude/.csm/claude');
      return fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => /^[\w-]+\.json$/.test(f) && !f.includes('.told'))
            .map(
              (f) =>
                (JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')) as { consecutiveBlocks: number }).consecutiveBlocks,
            )
        : [];
    };
    let atSecondPrompt: { counters: number[]; stopRuns: number } | undefined;
    api.setScript((req): Turn => {
      const all = messagesText(req);
      if (all.includes('PROMPT-2')) {
        atSecondPrompt ??= {
          counters: counters(),
          stopRuns: p.ledger('gate.run').filter((e) => e.trigger === 'stop').length,
        };
        if (!all.includes('return a + b;'))
          return {
            tool_use: [
              {
                name: 'Edit',
                input: { file_path: p.path('src/math.js'), old_string: 'return a - b;', new_string: 'return a + b;' },
              },
            ],
          };
        return { text: 'SECOND-FINAL: add() fixed.' };
      }
      // the feedback of the blocked Stop: the API fails (every retry too)
      if (lastUserText(req).includes(FEEDBACK))
        return { error: { status: 400, type: 'invalid_request_error', message: 'FAKE-API-FAILURE' } };
      if (!all.includes('A small project'))
        return {
          tool_use: [
            {
              name: 'Edit',
              input: { file_path: p.path('README.md'), old_string: 'A tiny project', new_string: 'A small project' },
            },
          ],
        };
      return { text: 'FIRST-FINAL: README reworded.' };
    });
    const { run: r, why } = await run({
      cwd: p.root,
      messages: ['PROMPT-1: tidy the README.', 'PROMPT-2: fix add().'],
      pluginDir: [CSM_ROOT, rec.dir],
    });

    expect(
      r.results.map((x) => x.result),
      why,
    ).toEqual([expect.stringContaining('FAKE-API-FAILURE'), 'SECOND-FINAL: add() fixed.']);
    // Stop ran twice, each at the end of a user's turn, never with stop_hook_active
    expect(rec.calls('Stop').map((c) => [c.stop_hook_active, c.last_assistant_message])).toEqual([
      [false, 'FIRST-FINAL: README reworded.'],
      [false, 'SECOND-FINAL: add() fixed.'],
    ]);
    // between the turns: the failed turn ran no gate and left the block count as it was
    expect(atSecondPrompt, why).toEqual({ counters: [1], stopRuns: 1 });
    const stopRuns = p.ledger('gate.run').filter((e) => e.trigger === 'stop');
    expect(
      stopRuns.map((e) => (e.results as { name: string; status: string }[]).find((g) => g.name === 'test')?.status),
    ).toEqual(['fail', 'pass']);
    expect(p.ledger('stop.blocked')).toHaveLength(1);
    expect(stopResponses(r).filter((o) => o.decision === 'block')).toHaveLength(1);
    // the pass reset the count; nothing was recorded as an error or a release
    expect(counters()).toEqual([0]);
    expect(p.ledger('stop.released')).toEqual([]);
    expect(api.refused(), why).toEqual([]);
    expect(api.errors()).toEqual([]);
  });

  it("the plugin's user option gates_on_stop (set once, in the user's Claude Code settings) keeps the gates off at Stop", async () => {
    // as Claude Code stores what the user entered when enabling the plugin: pluginConfigs in the
    // user settings; 2.1.331 hands it to the hooks as CLAUDE_PLUGIN_OPTION_GATES_ON_STOP
    const home = prepareHome();
    keep(home);
    fs.writeFileSync(
      `${home}/.claude/settings.json`,
      JSON.stringify({ pluginConfigs: { 'csm@inline': { options: { gates_on_stop: false } } } }),
    );
    const p = project({
      tests: 'fail',
      tasks: [{ title: 'TASK-README' }],
      config: { stop: { blockOnPreexisting: true } },
    });
    api.setScript([
      {
        tool_use: [
          {
            name: 'Edit',
            input: { file_path: p.path('README.md'), old_string: 'A tiny project', new_string: 'A small project' },
          },
        ],
      },
      { text: 'FINAL: README reworded.' },
      { text: 'UNEXPECTED' },
    ]);
    const { run: r, why } = await run({ cwd: p.root, home, prompt: 'Tidy the README.', pluginDir: CSM_ROOT });
    expect(r.result?.result, why).toBe('FINAL: README reworded.');
    expect(p.ledger('gate.run').filter((e) => e.trigger === 'stop')).toEqual([]);
    expect(p.ledger('stop.blocked')).toEqual([]);
    expect(p.ledger('file.edited').map((e) => e.path)).toEqual(['README.md']);

    // the repository's own csm.json setting wins over the user's option
    fs.writeFileSync(p.path('.claude/csm.json'), JSON.stringify({ stop: { enabled: true, blockOnPreexisting: true } }));
    api.setScript([
      {
        tool_use: [
          {
            name: 'Edit',
            input: { file_path: p.path('README.md'), old_string: 'A small project', new_string: 'A little project' },
          },
        ],
      },
      { text: 'FINAL-2' },
      { text: 'GAVE-UP' },
    ]);
    const { run: r2, why: why2 } = await run({ cwd: p.root, home, prompt: 'Once more.', pluginDir: CSM_ROOT });
    expect(r2.result?.result, why2).toBe('GAVE-UP');
    expect(p.ledger('stop.blocked')).toHaveLength(1);
    expect(api.refused()).toEqual([]);
  });
});
