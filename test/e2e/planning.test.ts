/**
 * Planning by Claude, on the real Claude Code CLI (2.1.331) against the scripted fake Messages
 * API (issue 8 §4): the model reads the plan schema and hands over a plan through its Bash tool
 * (csm on the plugin's bin/ PATH), starts the first ready task, writes its files; Stop passes
 * and leaves interim completion/review reports; a later `csm complete` makes them final with
 * the same bodies.
 */
import { describe, expect, it } from 'vitest';
import { lastToolResults, type LoggedRequest, type Turn } from './support/fake-api.ts';
import { CSM_ROOT, type CsmProject } from './support/csm-project.ts';
import type { RunClaudeResult } from './support/run-claude.ts';
import { e2eSuite } from './support/suite.ts';

const { api, run, project, recorder } = e2eSuite();

/**
 * Listed out of execution order on purpose: the docs task (listed first, becomes task-1) and the
 * edge-case task wait for the implementation (task-2), and can then run in parallel.
 */
const PLAN = {
  tasks: [
    {
      ref: 'docs',
      title: 'Document sub() in the README',
      agent: 'documentation-writer',
      estimateMinutes: 5,
      expectedLines: 6,
      criteria: ['The README shows sub(5, 3)'],
      tests: [],
      files: ['README.md'],
      dependsOn: ['impl'],
    },
    {
      ref: 'impl',
      title: 'PLAN-IMPL: add sub(a, b) to src/sub.js',
      agent: 'backend-specialist',
      estimateMinutes: 10,
      expectedLines: 12,
      criteria: ['sub(5, 3) returns 2'],
      tests: ['subtracts two numbers'],
      files: ['src/sub.js', 'test/sub.test.js'],
      dependsOn: [],
    },
    {
      ref: 'edge',
      title: 'Cover the edge cases of sub()',
      agent: 'test-engineer',
      estimateMinutes: 10,
      expectedLines: 20,
      criteria: ['Negative results are tested'],
      tests: ['sub(1, 3) is -2'],
      files: ['test/sub-edge.test.js'],
      dependsOn: ['impl'],
    },
  ],
  risks: [{ risk: 'Floating point surprises', mitigation: 'Test with integers only' }],
};

const SUB_JS = 'export function sub(a, b) {\n  return a - b;\n}\n';
const SUB_TEST =
  "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { sub } from '../src/sub.js';\n\n" +
  "test('subtracts two numbers', () => {\n  assert.equal(sub(5, 3), 2);\n});\n";

/** Bash tool_use turn. */
const bash = (command: string, description: string): Turn => ({
  tool_use: [{ name: 'Bash', input: { command, description } }],
});

/** A turn that first checks the previous tool result (else ends the run with a telltale text). */
const after =
  (needle: RegExp, next: Turn) =>
  (req: LoggedRequest): Turn => {
    const got = lastToolResults(req)[0]?.text ?? '';
    return needle.test(got) ? next : { text: `UNEXPECTED TOOL RESULT (wanted ${needle}): ${got.slice(0, 500)}` };
  };

/** The report without its heading line (the second line: "> in progress as of …" / "> completed …"). */
const body = (report: string): string =>
  report
    .split('\n')
    .filter((l) => !/^> (in progress as of|completed) /.test(l))
    .join('\n');

describe('planning by Claude through the Bash tool', () => {
  it('records the plan, starts the first ready task, and Stop keeps interim reports that complete turns final', async () => {
    const p = project({ objectives: ['OBJ-PLAN: teach the tiny project to subtract'] });
    const rec = recorder(['Stop']);
    expect(p.tasks().tasks).toEqual([]);

    api.setScript([
      bash('csm plan --schema', 'Show the plan schema'),
      after(
        /estimateMinutes[\s\S]*dependsOn/,
        bash(`csm plan --from-json - <<'JSON'\n${JSON.stringify(PLAN, null, 2)}\nJSON`, 'Record the plan'),
      ),
      after(/plan recorded for session 001: 3 added/, bash('csm task next --start', 'Start the first ready task')),
      after(/task-2 PLAN-IMPL: add sub\(a, b\) to src\/sub\.js/, {
        text: 'Implementing task-2.',
        tool_use: [{ name: 'Write', input: { file_path: p.path('src/sub.js'), content: SUB_JS } }],
      }),
      { tool_use: [{ name: 'Write', input: { file_path: p.path('test/sub.test.js'), content: SUB_TEST } }] },
      { text: 'PLAN-FINAL: sub() written and tested.' },
    ]);
    const before = api.requests().length;
    const { run: r, why } = await run({
      cwd: p.root,
      prompt: 'Plan the session and start it.',
      pluginDir: [CSM_ROOT, rec.dir],
    });

    expect(r.code, why).toBe(0);
    expect(r.result?.result, why).toBe('PLAN-FINAL: sub() written and tested.');
    expect(
      api
        .requests()
        .slice(before)
        .filter((q) => q.kind === 'main').length,
      why,
    ).toBe(6);
    expect(api.exhausted()).toBe(0);

    // The plan landed whole, with its dependencies and the execution order computed from them.
    const tasks = p.tasks().tasks;
    expect(tasks.map((t) => [t.id, t.title, t.agent, t.dependsOn, t.status])).toEqual([
      ['task-1', 'Document sub() in the README', 'documentation-writer', ['task-2'], 'pending'],
      ['task-2', 'PLAN-IMPL: add sub(a, b) to src/sub.js', 'backend-specialist', [], 'in_progress'],
      ['task-3', 'Cover the edge cases of sub()', 'test-engineer', ['task-2'], 'pending'],
    ]);
    expect(p.ledger('plan.imported')).toEqual([expect.objectContaining({ tasks: 3, risks: PLAN.risks })]);
    const plan = p.read(p.sessionFile('plan.md'));
    const order = plan.slice(plan.indexOf('## 🔄 Execution Order'));
    expect(order).toMatch(
      /1\. task-2 PLAN-IMPL: add sub\(a, b\) to src\/sub\.js \(start here\)\n2\. In parallel \(after task-2\):\n {3}- task-1 Document sub\(\) in the README\n {3}- task-3 Cover the edge cases of sub\(\)/,
    );
    expect(plan).toContain('Floating point surprises');
    const testsMd = p.read(p.sessionFile('tests.md'));
    expect(testsMd).toContain('subtracts two numbers');
    expect(testsMd).toContain('sub(1, 3) is -2');

    // The model's files are on the task in progress.
    expect(p.task('task-2').files).toEqual(['src/sub.js', 'test/sub.test.js']);
    expect(p.ledger('file.edited').map((e) => [e.path, e.task])).toEqual([
      ['src/sub.js', 'task-2'],
      ['test/sub.test.js', 'task-2'],
    ]);

    // Stop passed (no block) and left interim reports naming the task and its files.
    expect(rec.calls('Stop').map((c) => c.stop_hook_active)).toEqual([false]);
    expect(p.ledger('stop.blocked')).toEqual([]);
    const stopRun = p
      .ledger('gate.run')
      .filter((e) => e.trigger === 'stop')
      .at(-1);
    expect(stopRun, why).toMatchObject({
      results: expect.arrayContaining([expect.objectContaining({ name: 'test', status: 'pass' })]),
    });
    const completedRel = p.sessionFile('completed.md');
    const reviewRel = p.sessionFile('review.md');
    const interimCompleted = p.read(completedRel);
    const interimReview = p.read(reviewRel);
    for (const report of [interimCompleted, interimReview]) {
      expect(report.split('\n')[2]).toMatch(
        /^> in progress as of \d{4}-\d\d-\d\d \d\d:\d\d UTC; final on `csm complete`$/,
      );
    }
    expect(interimCompleted).toMatch(
      /\| task-2 +\| PLAN-IMPL: add sub\(a, b\) to src\/sub\.js +\| backend-specialist +\| in_progress +\|.*\| src\/sub\.js, test\/sub\.test\.js +\|/,
    );
    expect(interimCompleted).toContain('src/sub.js');
    expect(interimCompleted).toContain('test/sub.test.js');
    expect(interimReview).toMatch(/Completion Rate +\| +0% \| 0 of 3 tasks/);

    // A later `csm complete` on the same ledger writes the final reports: the same bodies, the
    // final heading. (--no-gates: running the gates first would add a gate run to the ledger,
    // and so, rightly, a row to the reports' gate history; --force: task-2 is still in progress.)
    const done = p.csm(['complete', '--no-gates', '--force']);
    expect(done.stdout).toContain('Session 001 completed');
    const finalCompleted = p.read(completedRel);
    const finalReview = p.read(reviewRel);
    expect(finalCompleted.split('\n')[2]).toMatch(/^> completed \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(finalReview.split('\n')[2]).toMatch(/^> completed /);
    expect(body(finalCompleted)).toBe(body(interimCompleted));
    expect(body(finalReview)).toBe(body(interimReview));
    expect(p.tasks().status).toBe('completed');
    expect(api.refused(), why).toEqual([]);
    expect(api.errors()).toEqual([]);
  });

  /** One task in progress; turn 1 writes its files, turn 2 marks it done through Bash (`csm task done`). */
  async function finishTheOnlyTask(
    config: Record<string, unknown>,
  ): Promise<{ p: CsmProject; r: RunClaudeResult; why: string; said: string[] }> {
    const p = project({ config, tasks: [{ title: 'TASK-ONLY: add sub()' }] });
    api.setScript([
      {
        tool_use: [
          { name: 'Write', input: { file_path: p.path('src/sub.js'), content: SUB_JS } },
          { name: 'Write', input: { file_path: p.path('test/sub.test.js'), content: SUB_TEST } },
        ],
      },
      { text: 'TURN-1-FINAL' },
      bash('csm task done task-1 --output "sub() added"', 'Finish the task'),
      after(/task-1 completed/, { text: 'TURN-2-FINAL' }),
    ]);
    const { run: r, why } = await run({
      cwd: p.root,
      messages: ['Write sub().', 'Mark it done.'],
      pluginDir: CSM_ROOT,
    });
    expect(
      r.results.map((x) => x.result),
      why,
    ).toEqual(['TURN-1-FINAL', 'TURN-2-FINAL']);
    const said = r.hookEvents
      .filter((h) => h.subtype === 'hook_response' && h.hook_event === 'Stop')
      .map((h) => String(h.stdout ?? h.output ?? '').trim())
      .map((out) => (out === '' ? '' : String((JSON.parse(out) as { systemMessage?: string }).systemMessage ?? '')));
    return { p, r, why, said };
  }

  it('keeps the reports current after each turn and proposes /csm:complete once every task is done', async () => {
    const { p, r, why, said } = await finishTheOnlyTask({});

    expect(p.task('task-1').status).toBe('completed');
    expect(p.ledger('stop.blocked')).toEqual([]);
    // Turn 2 changed no file: the gates that passed in turn 1 are not run again.
    const stopRuns = p.ledger('gate.run').filter((e) => e.trigger === 'stop');
    expect(stopRuns.length).toBeGreaterThanOrEqual(1);
    for (const later of stopRuns.slice(1)) {
      const results = later.results as Array<{ name: string; cached: boolean; status: string }>;
      expect(
        results.filter((x) => x.status !== 'skipped' && !x.cached),
        `gate run ${later.t} re-ran gates`,
      ).toEqual([]);
    }
    expect(said.length, why).toBe(2);
    expect(said[1], why).toContain(
      'csm: every task of session 001 is done and the gates pass — run /csm:complete to close it',
    );
    // The interim reports already say the task is completed (written by turn 2's Stop).
    const completed = p.read(p.sessionFile('completed.md'));
    expect(completed.split('\n')[2]).toMatch(/^> in progress as of /);
    expect(completed).toMatch(/\| task-1 +\| TASK-ONLY: add sub\(\) +\| backend-specialist +\| completed +\|/);
    expect(p.tasks().status).toBe('active');
    expect(r.result?.subtype).toBe('success');
    expect(api.refused(), why).toEqual([]);
  });

  it('completes the session itself at Stop with "autoComplete": true', async () => {
    const { p, why, said } = await finishTheOnlyTask({ autoComplete: true });

    expect(said[1], why).toContain('session 001 completed (autoComplete)');
    expect(p.tasks().status).toBe('completed');
    expect(p.ledger('session.completed')).toEqual([expect.objectContaining({ auto: true })]);
    for (const kind of ['completed.md', 'review.md'])
      expect(p.read(p.sessionFile(kind)).split('\n')[2]).toMatch(/^> completed /);
    expect(p.read('.claude/metrics-history.jsonl').trim().split('\n')).toHaveLength(1);
    // The active pointer is cleared: the next SessionStart says how to start a session.
    expect(p.csm(['status']).stdout).toMatch(/^No active session\./);
    expect(api.refused(), why).toEqual([]);
  });
});
