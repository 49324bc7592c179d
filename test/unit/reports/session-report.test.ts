import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/contracts/events.ts';
import { reportBody } from '../../../src/domain/reports/report-render.ts';
import { performanceRecord } from '../../../src/domain/reports/report-data.ts';
import { finalHeading, interimHeading, renderCompleted } from '../../../src/domain/reports/report-render.ts';
import { renderReview } from '../../../src/domain/reports/review-render.ts';
import { buildReportData } from '../../../src/domain/reports/session-report.ts';
import { at, edit, ev, fold, gateRun, result, spec, started } from './helpers.ts';

const LEDGER: LedgerEvent[] = [
  ev(0, started(['Add sum', 'Document it'])),
  ev(0, {
    type: 'task.added',
    task: spec(1, { title: 'Write sum', estimatedMinutes: 30, tests: ['adds two numbers'] }),
  }),
  ev(0, { type: 'task.added', task: spec(2, { title: 'Wire sum', estimatedMinutes: 20, agent: 'architect' }) }),
  ev(0, { type: 'task.added', task: spec(3, { title: 'Publish', estimatedMinutes: 10 }) }),
  ev(0, { type: 'plan.imported', tasks: 3, replaced: [], risks: [{ risk: 'API drift', mitigation: 'pin it' }] }),
  gateRun(1, [result('test', 'pass'), result('typecheck', 'pass')], 'start'),
  ev(2, { type: 'task.started', id: 'task-1' }),
  ev(5, edit('src/sum.ts', 'task-1', 8, 2)),
  ev(8, edit('src/sum.test.ts', 'task-1', 20, 0)),
  gateRun(10, [result('test', 'fail'), result('typecheck', 'pass')]),
  ev(11, { type: 'stop.blocked', claudeSession: 'c1', gates: ['test'] }),
  ev(15, edit('src/sum.ts', 'task-1', 2, 0)),
  ev(16, edit('README.md', 'task-1', 3, 0)),
  gateRun(20, [result('test', 'pass'), result('typecheck', 'pass', { cached: true })]),
  ev(22, {
    type: 'task.completed',
    id: 'task-1',
    output: 'Decision: sums use bigint',
    forced: false,
    noCode: false,
    missing: [],
  }),
  ev(23, { type: 'task.started', id: 'task-2' }),
  ev(23, { type: 'task.handoff', id: 'task-2', to: 'test-engineer', note: 'verify the wiring' }),
  ev(30, edit('src/wire.ts', 'task-2', 5, 1)),
  ev(40, {
    type: 'task.completed',
    id: 'task-2',
    output: null,
    forced: true,
    noCode: false,
    missing: ['no passing gate run after the last edit of task-2'],
  }),
  ev(45, { type: 'task.blocked', id: 'task-3', reason: 'waiting for the npm token' }),
];
const NUMSTAT = [
  { path: 'README.md', added: 3, removed: 0 },
  { path: 'src/sum.test.ts', added: 20, removed: 0 },
  { path: 'src/sum.ts', added: 10, removed: 2 },
  { path: 'src/wire.ts', added: 5, removed: 1 },
];
const IDLE = 15 * 60_000;
const build = (events: LedgerEvent[]) =>
  buildReportData({
    state: fold(events),
    numstat: NUMSTAT,
    idleMs: IDLE,
    config: { timeBudgetMinutes: 240 },
    ledger: events,
  });

describe('buildReportData', () => {
  const d = build(LEDGER);

  it('computes the counts of the performance record', () => {
    expect(d.counts).toEqual({
      tasksPlanned: 3,
      tasksCompleted: 2,
      testsWritten: 1,
      testsPassed: 1,
      bugsFixed: 0,
      bugsIntroduced: 0,
      regressionsCaught: 1,
      linesAdded: 38,
      linesRemoved: 3,
      timeSpent: 45,
      timeEstimated: 60,
    });
  });

  it('computes the five metrics', () => {
    const m = d.metrics;
    expect([m.completionRate.num, m.completionRate.den]).toEqual([2, 3]);
    expect([m.qualityScore.num, m.qualityScore.den]).toEqual([4, 5]); // the cached typecheck pass is not a check
    expect([m.timeEfficiency.num, m.timeEfficiency.den]).toEqual([37, 50]); // 20 + 17 active minutes vs 30 + 20
    // test passed at the start, failed at 09:10 and passed again at 09:20: caught and fixed, not a bug
    expect([m.bugRate.num, m.bugRate.den]).toEqual([0, 2]);
    expect([m.docCoverage.num, m.docCoverage.den]).toEqual([1, 2]);
    // round(100 × (35×2/3 + 25×0.8 + 15×1 + 15×1 + 10×0.5) ÷ 100) = round(78.33)
    expect(d.score.value).toBe(78);
  });

  it('sees a regression through a failure from before the session (the gate never passes)', () => {
    const old = { preexisting: true };
    const runs = (...xs: LedgerEvent[]) => build([...LEDGER.slice(0, 5), ...xs]);
    // baseline: one test already failing; a Stop with a new failure; the fix: only the old one fails again
    const caught = runs(
      gateRun(1, [result('test', 'fail', old)], 'baseline'),
      gateRun(10, [result('test', 'fail')]),
      gateRun(20, [result('test', 'fail', old)]),
    );
    expect(caught.counts).toMatchObject({ bugsIntroduced: 0, regressionsCaught: 1, bugsFixed: 0 });
    expect(caught.gateChanges.stillFailing).toEqual([expect.objectContaining({ gate: 'test', preexisting: true })]);
    // the old failure's runs are no check of this session's work: 1 of 1 (the new failure)
    expect([caught.metrics.qualityScore.num, caught.metrics.qualityScore.den]).toEqual([0, 1]);
    expect(renderReview(caught, 'h')).toContain('gate test still fails as it did before the session');
    const left = runs(gateRun(1, [result('test', 'fail', old)], 'baseline'), gateRun(10, [result('test', 'fail')]));
    expect(left.counts).toMatchObject({ bugsIntroduced: 1, regressionsCaught: 0, bugsFixed: 0 });
    const cured = runs(gateRun(1, [result('test', 'fail', old)], 'baseline'), gateRun(10, [result('test', 'pass')]));
    expect(cured.counts).toMatchObject({ bugsIntroduced: 0, regressionsCaught: 0, bugsFixed: 1 });
  });

  it('counts a regression still failing at the end as a bug introduced, one failing before the session as neither', () => {
    const broken = build([...LEDGER, gateRun(47, [result('test', 'fail'), result('lint', 'fail')])]);
    expect(broken.counts).toMatchObject({ bugsIntroduced: 1, regressionsCaught: 1, bugsFixed: 0 });
    expect([broken.metrics.bugRate.num, broken.metrics.bugRate.den]).toEqual([1, 2]);
    const before = [gateRun(1, [result('test', 'fail')], 'start'), gateRun(5, [result('test', 'pass')])];
    expect(build([...LEDGER.slice(0, 3), ...before]).counts).toMatchObject({
      bugsFixed: 1,
      bugsIntroduced: 0,
      regressionsCaught: 0,
    });
  });

  it('lists tasks, overrides, handoffs, blockers and next steps', () => {
    expect(d.tasks.map((t) => [t.id, t.status, t.actualMinutes])).toEqual([
      ['task-1', 'completed', 20],
      ['task-2', 'completed', 17],
      ['task-3', 'blocked', null],
    ]);
    expect(d.overrides).toEqual([
      { task: 'task-2', title: 'Wire sum', at: at(40), missing: ['no passing gate run after the last edit of task-2'] },
    ]);
    expect(d.handoffs[0]?.chain).toEqual(['architect', 'test-engineer']);
    expect(d.blockers).toEqual([
      { task: 'task-3', title: 'Publish', status: 'blocked', reasons: ['waiting for the npm token'] },
    ]);
    expect(d.nextSteps).toEqual([
      'task-3 Publish — blocked: waiting for the npm token',
      'document the changes of task-2 (README, docs/ or CHANGELOG)',
    ]);
    expect(d.objectivesMet.met).toBe(false);
    expect(d.replans).toBe(0);
    expect(d.plansImported).toBe(1);
  });

  it('testsPassed leaves out a test file edited after the newest passing test run', () => {
    const more = [...LEDGER, ev(46, edit('src/sum.test.ts', null, 1, 0))];
    expect(build(more).counts.testsPassed).toBe(0);
    expect(build([...more, gateRun(47, [result('test', 'pass')])]).counts.testsPassed).toBe(1);
  });

  it('is met when every task is completed and the newest gate run passed', () => {
    const events = [
      ...LEDGER.slice(0, 19),
      gateRun(41, [result('test', 'pass')]),
      ev(42, { type: 'task.completed', id: 'task-3', output: null, forced: false, noCode: true, missing: [] }),
    ];
    const met = build(events);
    expect(met.objectivesMet.met).toBe(true);
    expect(met.nextSteps).toEqual(['document the changes of task-2 (README, docs/ or CHANGELOG)']);
  });

  it("performanceRecord has the original design's shape", () => {
    const r = performanceRecord(d, '2026-11-25T10:00:00.000Z');
    expect(Object.keys(r)).toEqual(['session', 'completedAt', 'metrics', 'score']);
    expect(Object.keys(r.metrics)).toEqual([
      'tasksPlanned',
      'tasksCompleted',
      'testsWritten',
      'testsPassed',
      'bugsFixed',
      'bugsIntroduced',
      'linesAdded',
      'linesRemoved',
      'timeSpent',
      'timeEstimated',
    ]);
    expect(r.score).toBe(78);
  });
});

describe('interim and final reports', () => {
  const interim = build(LEDGER);
  const completed = [...LEDGER, ev(58, { type: 'session.completed', auto: false })];
  const final = build(completed);

  it('completing adds no time and changes no number', () => {
    expect(final).toEqual(interim);
  });

  it('have the same body, only the heading differs', () => {
    const a = renderCompleted(interim, interimHeading(at(50)));
    const b = renderCompleted(final, finalHeading(at(58)));
    expect(a).not.toBe(b);
    expect(reportBody(a)).toBe(reportBody(b));
    expect(a).toContain('> in progress as of 2026-11-25 09:50 UTC; final on `csm complete`');
    expect(b).toContain('> completed 2026-11-25 09:58 UTC');
    expect(reportBody(renderReview(interim, 'x'))).toBe(reportBody(renderReview(final, 'y')));
  });
});

/** Tables are aligned as the formatters align them: rows are compared with single spaces. */
const squash = (s: string): string => s.replace(/ {2,}/g, ' ');

describe('renderCompleted', () => {
  const md = renderCompleted(build(LEDGER), 'h');
  it.each([
    ['# Session 001 Completion Report'],
    ['## 🎯 Objectives — not met'],
    ['- 1 of 3 tasks not completed (task-3)'],
    ['| task-1 | Write sum | backend-specialist | completed | 30 | 20 | src/sum.ts, src/sum.test.ts, README.md |'],
    ['| task-2 | Wire sum | test-engineer | completed (forced) | 20 | 17 | src/wire.ts |'],
    ['| **total (4 files)** | **38** | **3** | |'],
    ['| src/sum.test.ts | 20 | 0 | test |'],
    ['Test files added or changed: 1 (1 covered by a passing test run)'],
    ['- src/sum.test.ts — passed'],
    ['- task-1 Write sum: adds two numbers'],
    ['| 2026-11-25 09:10 UTC | stop | test ✗ — test failed · typecheck ✓ |'],
    ['typecheck ✓ (cached)'],
    ['- task-3 Publish (blocked): waiting for the npm token'],
    ['- task-2 Wire sum: architect → test-engineer'],
    ['  - architect → test-engineer: verify the wiring'],
    ['## ➡️ Next steps\n\n- task-3 Publish — blocked: waiting for the npm token'],
  ])('contains %s', (text) => expect(squash(md)).toContain(squash(text)));
});

describe('renderReview', () => {
  const md = renderReview(build(LEDGER), 'h');
  it.each([
    ['| Completion Rate | 67% | 2 of 3 tasks |'],
    ['| Quality Score | 80% | 4 of 5 checks |'],
    ['| Time Efficiency | 0.74× | 37 of 50 min |'],
    ['| Bug Rate | 0.00 | 0 introduced ÷ 2 |'],
    ['a regression Stop caught and the session fixed is the gate working, not a bug (caught and fixed here: 1) |'],
    ['| Documentation Coverage | 50% | 1 of 2 changes |'],
    ['## 🏁 Score: 78 / 100'],
    ['Formula: score = round(100 × Σ(weight × factor) ÷ Σ weight)'],
    ['This session: round(100 × (35×0.67 + 25×0.80 + 15×1.00 + 15×1.00 + 10×0.50) ÷ 100) = **78**'],
    ['"bugsIntroduced": 0'],
    ['- gate test caught a regression and it was fixed (2026-11-25 09:10 UTC → 2026-11-25 09:20 UTC)'],
    ['- task-2 Wire sum — completed 2026-11-25 09:40 UTC without: no passing gate run after the last edit of task-2'],
    ['- Plans imported: 1; re-plans (imports after the first): 0'],
    ['- Risk: API drift — Mitigation: pin it'],
    ['- Blocked 1 time(s)'],
  ])('contains %s', (text) => expect(squash(md)).toContain(squash(text)));

  it('redacts secrets that reached the ledger through command output', () => {
    const secret = 'ghp_' + 'a'.repeat(36);
    const events = [...LEDGER, gateRun(47, [result('test', 'fail', { summary: `token ${secret} rejected` })])];
    const out = renderCompleted(build(events), 'h') + renderReview(build(events), 'h');
    expect(out).not.toContain(secret);
  });
});
