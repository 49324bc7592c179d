import { describe, expect, it } from 'vitest';
import {
  docCoverage,
  isTestFile,
  passedTestFiles,
  qualityScore,
  ratio,
} from '../../../src/domain/reports/session-metrics.ts';
import { gateChanges } from '../../../src/domain/reports/gate-changes.ts';
import { scoreOf } from '../../../src/domain/reports/score.ts';
import { edit, ev, fold, gateRun, result, spec, started } from './helpers.ts';

const runs = (...seq: ['pass' | 'fail' | 'error' | 'skipped', boolean?][]) =>
  fold([
    ev(0, started()),
    ...seq.map(([status, cached], i) => gateRun(i + 1, [result('test', status, { cached: cached ?? false })])),
  ]).gateRuns;

describe('gateChanges: introduced = pass → fail, fixed = fail → pass', () => {
  it.each([
    ['all passes', [['pass'], ['pass']], 0, 0, 0],
    ['failing from the start, then fixed (pre-existing, not introduced)', [['fail'], ['fail'], ['pass']], 0, 1, 0],
    ['passed, broke, fixed', [['pass'], ['fail'], ['pass']], 1, 1, 0],
    ['a failing streak counts once', [['pass'], ['fail'], ['fail'], ['fail']], 1, 0, 1],
    ['broke twice', [['pass'], ['fail'], ['pass'], ['fail']], 2, 1, 1],
    ['errors and skips do not change the state', [['pass'], ['error'], ['skipped'], ['fail']], 1, 0, 1],
    ['a cached pass is a pass', [['fail'], ['pass', true]], 0, 1, 0],
    ['never ran', [['error']], 0, 0, 0],
  ] as const)('%s', (_, seq, introduced, fixed, still) => {
    const c = gateChanges(runs(...(seq as unknown as ['pass' | 'fail' | 'error' | 'skipped', boolean?][])));
    expect([c.introduced.length, c.fixed.length, c.stillFailing.length]).toEqual([introduced, fixed, still]);
  });

  it('counts only blocking gates as bugs; an advisory one still shows as failing', () => {
    const s = fold([
      ev(0, started()),
      gateRun(1, [result('docs', 'pass', { blocking: false })]),
      gateRun(2, [result('docs', 'fail', { blocking: false })]),
    ]);
    const c = gateChanges(s.gateRuns);
    expect(c.introduced).toEqual([]);
    expect(c.stillFailing.map((x) => [x.gate, x.blocking])).toEqual([['docs', false]]);
  });

  it('tracks each gate on its own', () => {
    const s = fold([
      ev(0, started()),
      gateRun(1, [result('test', 'pass'), result('lint', 'fail')]),
      gateRun(2, [result('test', 'fail'), result('lint', 'pass')]),
    ]);
    const c = gateChanges(s.gateRuns);
    expect(c.introduced.map((x) => x.gate)).toEqual(['test']);
    expect(c.fixed.map((x) => [x.gate, x.introduced])).toEqual([['lint', false]]);
  });
});

describe('qualityScore: passes ÷ checks that ran', () => {
  it.each([
    ['nothing checked', [], [], null, 0],
    ['gates only', [['pass'], ['fail']], [], 0.5, 2],
    ['cached passes and errors are not checks', [['pass', true], ['error'], ['pass']], [], 1, 1],
    ['evidence commands count', [['fail']], ['pass', 'pass', 'fail'], 0.5, 4],
  ] as const)('%s', (_, gates, evidence, value, den) => {
    const s = fold([
      ev(0, started()),
      ...gates.map(([st, cached], i) => gateRun(i + 1, [result('test', st as 'pass', { cached: cached === true })])),
      ...evidence.map((o, i) =>
        ev(20 + i, {
          type: 'evidence.command',
          command: 'npm test',
          kind: 'test',
          outcome: o,
          task: null,
          claudeSession: null,
        }),
      ),
    ]);
    const q = qualityScore(s);
    expect(q.value).toBe(value);
    expect(q.den).toBe(den);
  });
});

describe('docCoverage: per unit of change', () => {
  it("counts tasks that changed source, documented by their own or a dependent task's doc edit", () => {
    const s = fold([
      ev(0, started()),
      ev(1, { type: 'task.added', task: spec(1) }),
      ev(1, { type: 'task.added', task: spec(2) }),
      ev(1, { type: 'task.added', task: spec(3, { dependsOn: ['task-2'] }) }),
      ev(1, { type: 'task.added', task: spec(4) }),
      ev(2, edit('src/a.ts', 'task-1')),
      ev(2, edit('README.md', 'task-1')),
      ev(3, edit('src/b.ts', 'task-2')),
      ev(4, edit('docs/b.md', 'task-3')),
      ev(5, edit('src/c.ts', 'task-4')),
      ev(5, edit('src/c.test.ts', 'task-4')),
      ev(6, edit('test/only.test.ts', null)),
    ]);
    const d = docCoverage(s);
    expect([d.num, d.den]).toEqual([2, 3]);
    expect(d.undocumented).toEqual(['task-4']);
  });
  it('is n/a when no source changed', () => {
    const s = fold([ev(0, started()), ev(1, edit('README.md', null))]);
    expect(docCoverage(s).value).toBeNull();
  });
});

describe('isTestFile', () => {
  it.each([
    ['src/a.test.ts', true],
    ['test/unit/x.ts', true],
    ['pkg/foo_test.go', true],
    ['tests/test_api.py', true],
    ['src/__tests__/a.js', true],
    ['src/FooTest.java', true],
    ['src/a.ts', false],
    ['README.md', false],
    ['src/testing.ts', false],
  ] as const)('%s → %s', (p, want) => expect(isTestFile(p)).toBe(want));
});

describe('passedTestFiles', () => {
  it('counts a test file when the newest test run passed after its last edit', () => {
    const s = fold([
      ev(0, started()),
      ev(1, edit('a.test.ts', null)),
      gateRun(2, [result('test', 'pass')]),
      ev(3, edit('b.test.ts', null)),
    ]);
    expect(passedTestFiles(s, ['a.test.ts', 'b.test.ts', 'c.test.ts'])).toEqual(['a.test.ts', 'c.test.ts']);
  });
  it('counts none when the newest test run failed', () => {
    const s = fold([
      ev(0, started()),
      gateRun(2, [result('test', 'pass')]),
      ev(3, {
        type: 'evidence.command',
        command: 'npx vitest',
        kind: 'test',
        outcome: 'fail',
        task: null,
        claudeSession: null,
      }),
    ]);
    expect(passedTestFiles(s, ['a.test.ts'])).toEqual([]);
  });
});

describe('scoreOf', () => {
  const base = {
    completion: ratio(1, 1),
    quality: ratio(1, 1),
    timeEfficiency: ratio(1, 1),
    bugsIntroduced: 0,
    tasksCompleted: 1,
    docs: ratio(1, 1),
  };
  it.each([
    ['perfect', {}, 100],
    ['half the tasks', { completion: ratio(1, 2) }, 83], // (35×.5+25+15+15+10)/100 = 82.5 → 83
    ['nothing checked: quality 0', { quality: ratio(0, 0) }, 75],
    ['twice the estimate', { timeEfficiency: ratio(2, 1) }, 93], // 15×0.5 = 7.5 → 92.5 → 93
    ['faster than estimated is not a bonus', { timeEfficiency: ratio(1, 2) }, 100],
    ['one bug per task', { bugsIntroduced: 1 }, 85],
    ['no estimates and no source: weights left out', { timeEfficiency: ratio(0, 0), docs: ratio(0, 0) }, 100],
    ['no docs: the others weigh 90', { docs: ratio(0, 0), completion: ratio(0, 1) }, 61], // (0+25+15+15)/90 = 61.1
    ['no plan', { completion: ratio(0, 0) }, 0],
  ] as const)('%s → %i', (_, over, want) => {
    expect(scoreOf({ ...base, ...over }).value).toBe(want);
  });
});
