import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../src/contracts/events.ts';
import { scanLedger } from '../../../src/domain/doctor/ledger-scan.ts';
import { exactSides, findMergeDamage, sessionHeadings } from '../../../src/domain/doctor/merged-session.ts';
import {
  appendLine,
  eventLines,
  planRenumber,
  renumberHeadings,
  splitLedger,
  splitMarkdown,
} from '../../../src/domain/doctor/merge-split.ts';
import { foldEvents } from '../../../src/domain/tasks/fold-events.ts';
import { edit, ev, spec } from '../../support/events.ts';

const lines = (events: ReturnType<typeof ev>[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join('');
const startedAs = (objective: string, branch: string): NewEvent => ({
  type: 'session.started',
  session: '002',
  objectives: [objective],
  workflow: null,
  branch,
  baseCommit: 'c0ffee',
});

// Two branches each started session 002 from the same base and worked on it.
const OURS = lines([
  ev(0, startedAs('Add OAuth login', 'main')),
  ev(1, { type: 'task.added', task: spec(1, { title: 'Design the token flow', agent: 'architect' }) }),
  ev(2, { type: 'task.added', task: spec(2, { title: 'Implement the callback route' }) }),
  ev(3, { type: 'task.started', id: 'task-1' }),
  ev(9, edit('src/auth/flow.ts', 'task-1', 40, 2)),
  ev(15, { type: 'task.completed', id: 'task-1', output: 'flow designed', forced: false, noCode: false, missing: [] }),
]);
const THEIRS = lines([
  ev(30, startedAs('Fix the flaky export job', 'fix/export')),
  ev(31, { type: 'task.added', task: spec(1, { title: 'Reproduce the failure in a test', agent: 'bug-hunter' }) }),
  ev(32, { type: 'task.started', id: 'task-1' }),
  ev(40, edit('test/export.test.ts', 'task-1', 25, 0)),
  ev(44, { type: 'task.blocked', id: 'task-1', reason: 'needs the staging data set' }),
]);
// merge=union on two files with no line in common: ours, then theirs.
const MERGED_LEDGER = OURS + THEIRS;

// Real `git merge-file --union` output for two plan.md files that share their heading and structure:
// the shared lines appear once, so the documents are interleaved — there is no second heading.
const PLAN_OURS = `# Session 002 Plan

## 🎯 Objectives
1. Add OAuth login

## 📋 Task Breakdown

### Task 1: Design the token flow (task-1)
- **Agent**: architect
- **Estimated Time**: 20 min
- **Dependencies**: none

### Task 2: Implement the callback route (task-2)
- **Agent**: backend-specialist
- **Estimated Time**: 45 min
- **Dependencies**: task-1

## ⚠️ Risk Mitigation
- none recorded yet

## 📊 Success Metrics
- [ ] All tests pass
- [ ] No console errors
- [ ] Performance targets met
- [ ] Documentation updated
`;
const PLAN_THEIRS = PLAN_OURS.replace('Add OAuth login', 'Fix the flaky export job')
  .replace(
    'Design the token flow (task-1)\n- **Agent**: architect',
    'Reproduce the failure in a test (task-1)\n- **Agent**: bug-hunter',
  )
  .replace('Implement the callback route', 'Fix the race in the exporter');
const PLAN_UNION = `# Session 002 Plan

## 🎯 Objectives
1. Add OAuth login

## 📋 Task Breakdown

### Task 1: Design the token flow (task-1)
- **Agent**: architect
- **Estimated Time**: 20 min
- **Dependencies**: none

### Task 2: Implement the callback route (task-2)
1. Fix the flaky export job

## 📋 Task Breakdown

### Task 1: Reproduce the failure in a test (task-1)
- **Agent**: bug-hunter
- **Estimated Time**: 20 min
- **Dependencies**: none

### Task 2: Fix the race in the exporter (task-2)
- **Agent**: backend-specialist
- **Estimated Time**: 45 min
- **Dependencies**: task-1

## ⚠️ Risk Mitigation
- none recorded yet

## 📊 Success Metrics
- [ ] All tests pass
- [ ] No console errors
- [ ] Performance targets met
- [ ] Documentation updated
`;

// Two documents one after the other (what a concatenation, or a union of files with different headings, gives).
const CONTEXT_OURS =
  '# Session 002 Context\n\nGathered by csm on 2026-11-25T09:00:00.000Z.\n\n## Current Focus\n1. Add OAuth login\n';
const CONTEXT_THEIRS =
  '# Session 002 Context\n\nGathered by csm on 2026-11-25T09:30:00.000Z.\n\n## Current Focus\n1. Fix the flaky export job\n';
const CONTEXT_CONCAT = CONTEXT_OURS + CONTEXT_THEIRS;

/** Every non-empty line of `merged` is in one of `parts` (nothing dropped). */
const everyLineKept = (merged: string, parts: readonly (string | null)[]): boolean => {
  const out = new Set(parts.flatMap((p) => (p ?? '').split('\n')));
  return merged
    .split('\n')
    .every((l) => l.trim() === '' || out.has(l) || out.has(l.replace(/Session 002/, 'Session 003')));
};

describe('finding a session number two branches both used', () => {
  it('counts the session.started events of a union-merged ledger', () => {
    const damage = findMergeDamage('002', [
      { kind: 'events.jsonl', text: MERGED_LEDGER },
      { kind: 'plan.md', text: PLAN_UNION },
      { kind: 'tasks.json', text: '{\n  "sessionId": "002",\n  "tasks": [\n  "sessionId": "002",\n' },
    ]);
    expect(damage).toEqual({ session: '002', ledgerStarts: [1, 7], doubledDocs: [], conflicted: [], duplicate: true });
  });

  it('sees two top headings of the session in a markdown file, but not headings of other sessions', () => {
    expect(sessionHeadings(CONTEXT_CONCAT, '002')).toEqual([0, 6]);
    expect(sessionHeadings(CONTEXT_CONCAT, '2')).toEqual([0, 6]);
    expect(sessionHeadings(CONTEXT_CONCAT, '003')).toEqual([]);
    expect(sessionHeadings('## Session 002 notes\n# Session 0020 x\n', '002')).toEqual([]);
    expect(
      findMergeDamage('002', [
        { kind: 'events.jsonl', text: OURS },
        { kind: 'context.md', text: CONTEXT_CONCAT },
      ])?.doubledDocs,
    ).toEqual(['context.md']);
  });

  it('reports conflict markers, and a single session merged with conflicts is not a duplicate', () => {
    const conflicted = `${OURS}<<<<<<< HEAD\n${JSON.stringify(ev(20, { type: 'task.started', id: 'task-2' }))}\n=======\n${JSON.stringify(ev(21, { type: 'task.paused', id: 'task-1' }))}\n>>>>>>> feature\n`;
    const d = findMergeDamage('002', [{ kind: 'events.jsonl', text: conflicted }]);
    expect(d).toMatchObject({ conflicted: ['events.jsonl'], duplicate: false, ledgerStarts: [1] });
  });

  it('finds nothing in a healthy session', () => {
    expect(
      findMergeDamage('002', [
        { kind: 'events.jsonl', text: OURS },
        { kind: 'plan.md', text: PLAN_OURS },
      ]),
    ).toBeNull();
  });
});

describe('splitting the merged ledger', () => {
  it('cuts at the second session.started when git cannot tell the sides', () => {
    const s = splitLedger(MERGED_LEDGER, null);
    expect(s.how).toBe('session.started');
    expect(s.parts).toEqual([OURS, THEIRS]);
  });

  it('uses the two sides of the merge when the file is what the merge wrote', () => {
    const s = splitLedger(MERGED_LEDGER, { ours: OURS, theirs: THEIRS, merged: MERGED_LEDGER });
    expect(s).toEqual({ parts: [OURS, THEIRS], how: 'git merge' });
  });

  it('gives events appended after the merge to the first session (the one this clone kept working on)', () => {
    const later = lines([ev(60, edit('src/auth/callback.ts', null, 12, 0))]);
    const s = splitLedger(MERGED_LEDGER + later, { ours: OURS, theirs: THEIRS, merged: MERGED_LEDGER });
    expect(s.parts).toEqual([OURS + later, THEIRS]);
    // without git, the same lines follow the second session.started
    expect(splitLedger(MERGED_LEDGER + later, null).parts[1]).toBe(THEIRS + later);
  });

  it('falls back to session.started when git sides do not hold one session each', () => {
    const s = splitLedger(MERGED_LEDGER, { ours: MERGED_LEDGER, theirs: '', merged: MERGED_LEDGER });
    expect(s.how).toBe('session.started');
  });

  it('splits a ledger merged with conflict markers exactly', () => {
    const marked = `<<<<<<< HEAD\n${OURS}=======\n${THEIRS}>>>>>>> feature\n`;
    expect(splitLedger(marked, null)).toEqual({ parts: [OURS, THEIRS], how: 'conflict markers' });
  });

  it('splits three sessions at every session.started', () => {
    const third = lines([ev(90, startedAs('Third branch', 'exp')), ev(91, { type: 'task.added', task: spec(1) })]);
    expect(splitLedger(MERGED_LEDGER + third, null).parts).toEqual([OURS, THEIRS, third]);
  });
});

describe('splitting merged markdown', () => {
  it('recovers both interleaved documents exactly from the sides git merged', () => {
    const s = splitMarkdown(PLAN_UNION, '002', 2, { ours: PLAN_OURS, theirs: PLAN_THEIRS, merged: PLAN_UNION }, [
      '002',
      '003',
    ]);
    expect(s).toEqual({ parts: [PLAN_OURS, PLAN_THEIRS], how: 'git merge' });
  });

  it('splits documents one after the other at the second top heading', () => {
    expect(splitMarkdown(CONTEXT_CONCAT, '002', 2, null, ['002', '003'])).toEqual({
      parts: [CONTEXT_OURS, CONTEXT_THEIRS],
      how: 'headings',
    });
  });

  it('copies an interleaved document it cannot take apart to both sessions, with a note, dropping nothing', () => {
    const s = splitMarkdown(PLAN_UNION, '002', 2, null, ['002', '003']);
    expect(s.how).toBe('copied');
    expect(s.parts[0]).toBe(s.parts[1]);
    expect(s.parts[0]).toContain('> csm doctor: branches that both used session number 002');
    expect(s.parts[0]?.startsWith('# Session 002 Plan\n\n> csm doctor:')).toBe(true);
    expect(everyLineKept(PLAN_UNION, s.parts)).toBe(true);
  });

  it('moves a file only one side had to that side', () => {
    const review = '# Session 002 Review\n\nAll good.\n';
    expect(
      splitMarkdown(review, '002', 2, { ours: null, theirs: review, merged: review }, ['002', '003']).parts,
    ).toEqual([null, review]);
    expect(
      splitMarkdown(review, '002', 2, { ours: review, theirs: null, merged: review }, ['002', '003']).parts,
    ).toEqual([review, null]);
  });

  it('does not trust git sides once the file was edited after the merge', () => {
    const edited = PLAN_UNION.replace('- none recorded yet', '- the export job may time out');
    expect(exactSides(edited, { ours: PLAN_OURS, theirs: PLAN_THEIRS, merged: PLAN_UNION })).toBeNull();
  });
});

describe('renumbering', () => {
  it('rewrites the session number in headings only', () => {
    const text =
      '# Session 002 Plan\nSession 002 started from session 001.\n## Session 2 notes\n### Notes on Session 0021\n';
    expect(renumberHeadings(text, '002', '003')).toBe(
      '# Session 003 Plan\nSession 002 started from session 001.\n## Session 003 notes\n### Notes on Session 0021\n',
    );
  });

  it('appends after a torn tail without gluing onto it', () => {
    expect(appendLine('{"a":1}\n{"b"', '{"c":3}')).toBe('{"a":1}\n{"c":3}\n');
    expect(appendLine('', '{"c":3}')).toBe('{"c":3}\n');
  });

  it('plans the whole split: the second session moves to the next free number and nothing is lost', () => {
    const plan = planRenumber(
      '002',
      [
        { kind: 'events.jsonl', text: MERGED_LEDGER, sides: null },
        { kind: 'plan.md', text: PLAN_UNION, sides: { ours: PLAN_OURS, theirs: PLAN_THEIRS, merged: PLAN_UNION } },
        { kind: 'context.md', text: CONTEXT_CONCAT, sides: null },
      ],
      5,
      '2026-11-25T12:00:00.000Z',
    );
    expect(plan.ids).toEqual(['002', '005']);
    expect(plan.eventsBefore).toBe(11);
    expect(plan.eventsAfter).toBe(11);
    const get = (session: string, kind: string): string | null | undefined =>
      plan.writes.find((w) => w.session === session && w.kind === kind)?.content;
    expect(get('002', 'events.jsonl')).toBe(OURS);
    const moved = get('005', 'events.jsonl') as string;
    expect(moved.startsWith(THEIRS)).toBe(true);
    expect(JSON.parse(moved.trim().split('\n').pop() as string)).toEqual({
      v: 1,
      t: '2026-11-25T12:00:00.000Z',
      type: 'session.renumbered',
      from: '002',
      to: '005',
    });
    expect(get('002', 'plan.md')).toBe(PLAN_OURS);
    expect(get('005', 'plan.md')).toBe(PLAN_THEIRS.replace('# Session 002 Plan', '# Session 005 Plan'));
    expect(get('002', 'context.md')).toBe(CONTEXT_OURS);
    expect(get('005', 'context.md')).toBe(CONTEXT_THEIRS.replace('# Session 002', '# Session 005'));

    // each half folds into one coherent session; the moved one keeps its start event's history
    const first = foldEvents('002', scanLedger(get('002', 'events.jsonl') as string).events);
    const second = foldEvents('005', scanLedger(moved).events);
    expect(first.objectives).toEqual(['Add OAuth login']);
    expect(first.tasks.map((t) => [t.id, t.status])).toEqual([
      ['task-1', 'completed'],
      ['task-2', 'pending'],
    ]);
    expect(second.session).toBe('005');
    expect(second.objectives).toEqual(['Fix the flaky export job']);
    expect(second.tasks.map((t) => [t.id, t.status, t.blockers])).toEqual([
      ['task-1', 'blocked', ['needs the staging data set']],
    ]);
    expect(scanLedger(moved).events[0]).toMatchObject({ type: 'session.started', session: '002' });
    expect(eventLines(MERGED_LEDGER)).toBe(eventLines(OURS) + eventLines(THEIRS));
  });
});
