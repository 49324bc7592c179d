import { describe, expect, it } from 'vitest';
import { sessionLearnings } from '../../../src/domain/memory/session-learnings.ts';
import { edit, ev, fold, gateRun, result, spec, started } from './helpers.ts';

describe('sessionLearnings', () => {
  const failing = result('test', 'fail', {
    summary: ' FAIL  sum.test.js > adds\nAssertionError: expected 3 to be 4\nsum.test.js:4:10\nmore\nand more',
    command: 'npm test',
  });
  const events = [
    ev(0, started()),
    ev(0, { type: 'task.added', task: spec(1, { title: 'Fix sum' }) }),
    ev(0, { type: 'task.added', task: spec(2, { title: 'Pick storage' }) }),
    gateRun(1, [result('test', 'pass'), result('lint', 'fail')]),
    ev(2, edit('src/other.ts', null)),
    gateRun(3, [failing, result('lint', 'fail')]),
    ev(4, { type: 'task.started', id: 'task-1' }),
    ev(5, edit('src/sum.js', 'task-1')),
    ev(6, edit('src/sum.js', 'task-1')),
    gateRun(7, [result('test', 'pass', { command: 'npm test' }), result('lint', 'fail')]),
    ev(8, {
      type: 'task.completed',
      id: 'task-1',
      output: 'fixed the off-by-one',
      forced: false,
      noCode: false,
      missing: [],
    }),
    ev(9, {
      type: 'task.completed',
      id: 'task-2',
      output: 'Decision: keep state in JSONL, not SQLite',
      forced: false,
      noCode: true,
      missing: [],
    }),
    ev(9, { type: 'memory.added', kind: 'decisions', text: 'already recorded' }),
  ];

  it('turns a gate failure that was later fixed into an errors.md entry', () => {
    const { errors } = sessionLearnings(fold(events));
    expect(errors).toHaveLength(1); // lint never passed: not a learning yet
    expect(errors[0]).toBe(
      [
        'test gate failed: FAIL  sum.test.js > adds',
        '- Symptom: `test` broke after passing earlier in the session (2026-11-25 09:03 UTC): AssertionError: expected 3 to be 4 · sum.test.js:4:10',
        '- Fix: passed at 2026-11-25 09:07 UTC after edits to src/sum.js (task-1 Fix sum)',
        '- Files: src/sum.js',
        '- Re-run: `npm test`',
      ].join('\n'),
    );
  });

  it('says so when nothing was edited between failure and pass', () => {
    const s = fold([ev(0, started()), gateRun(1, [result('test', 'fail')]), gateRun(2, [result('test', 'pass')])]);
    expect(sessionLearnings(s).errors[0]).toMatch(
      /with nothing csm tracks changed in between — environment \(dependencies, services, time\) or a flaky check/,
    );
  });

  it('names a changed gate command as a configuration change, not as the edits in between', () => {
    const s = fold([
      ev(0, started()),
      gateRun(1, [result('test', 'fail', { command: 'npm test' })]),
      ev(2, edit('src/sum.js', null)),
      gateRun(3, [result('test', 'pass', { command: 'npm test -- --testPathIgnorePatterns slow' })]),
    ]);
    expect(sessionLearnings(s).errors[0]).toMatch(
      /after the gate itself changed \(`npm test` → `npm test -- --testPathIgnorePatterns slow`\): a configuration change, with edits to src\/sum\.js/,
    );
  });

  it('takes decisions from task outputs, not those already in decisions.md', () => {
    const s = fold([
      ...events,
      ev(10, { type: 'task.added', task: spec(3) }),
      ev(11, {
        type: 'task.completed',
        id: 'task-3',
        output: 'decision: already recorded',
        forced: false,
        noCode: true,
        missing: [],
      }),
    ]);
    expect(sessionLearnings(s).decisions).toEqual([
      'keep state in JSONL, not SQLite\n- From task-2 Pick storage (backend-specialist)',
    ]);
  });

  it('redacts secrets in failing output', () => {
    const secret = 'sk-ant-api03-' + 'x'.repeat(40);
    const s = fold([
      ev(0, started()),
      gateRun(1, [result('test', 'fail', { summary: `auth failed for ${secret}` })]),
      gateRun(2, [result('test', 'pass')]),
    ]);
    expect(sessionLearnings(s).errors[0]).not.toContain(secret);
  });
});
