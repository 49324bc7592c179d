// The report format key: a hash of what the report renderer makes of one fixed, varied session.
// The build writes it to schema/report-format.json; a cached report key made with another
// format is stale, so a changed renderer rewrites the interim reports (no number to bump by hand).
import type { LedgerEvent, NewEvent } from '../src/contracts/events.ts';
import { renderCompleted } from '../src/domain/reports/report-render.ts';
import { renderReview } from '../src/domain/reports/review-render.ts';
import { buildReportData } from '../src/domain/reports/session-report.ts';
import { foldEvents } from '../src/domain/tasks/fold-events.ts';
import { fnv1a64 } from '../src/kernel/hash.ts';

const T0 = Date.parse('2026-01-05T09:00:00.000Z');
const task = (
  n: number,
  title: string,
  agent: string,
  over: Partial<Extract<NewEvent, { type: 'task.added' }>['task']> = {},
): NewEvent => ({
  type: 'task.added',
  task: {
    id: `task-${n}`,
    title,
    agent,
    estimatedMinutes: 20,
    files: [],
    tests: [],
    criteria: [],
    dependsOn: [],
    expectedLines: null,
    ...over,
  },
});
const gate = (name: string, status: 'pass' | 'fail', summary: string) => ({
  name,
  status,
  blocking: true,
  durationMs: 1200,
  command: `npm run ${name}`,
  summary,
  fingerprint: 'f',
  cached: false,
});
const edit = (path: string, taskId: string | null): NewEvent => ({
  type: 'file.edited',
  path,
  tool: 'Edit',
  added: 12,
  removed: 3,
  task: taskId,
  claudeSession: 'c1',
  agentId: null,
  agentType: null,
});

const EVENTS: NewEvent[] = [
  {
    type: 'session.started',
    session: '007',
    objectives: ['Add OAuth login', 'Document the flow'],
    workflow: 'feature-development',
    branch: 'main',
    baseCommit: 'a'.repeat(40),
  },
  task(1, 'Parse the callback', 'backend-specialist', {
    tests: ['rejects a bad state'],
    criteria: ['state is checked'],
    files: ['src/auth.ts'],
  }),
  task(2, 'Write the docs', 'documentation-writer', { dependsOn: ['task-1'] }),
  task(3, 'Refresh tokens', 'backend-specialist'),
  { type: 'plan.imported', tasks: 3, replaced: [], risks: [{ risk: 'Clock skew', mitigation: 'Allow 30 s' }] },
  { type: 'task.started', id: 'task-1' },
  edit('src/auth.ts', 'task-1'),
  edit('test/auth.test.ts', 'task-1'),
  {
    type: 'gate.run',
    trigger: 'baseline',
    results: [
      gate('test', 'pass', 'passed in 1.2 s'),
      { ...gate('lint', 'fail', 'eslint: 2 lint errors'), blocking: false },
    ],
  },
  {
    type: 'gate.run',
    trigger: 'stop',
    results: [
      gate('test', 'fail', 'FAIL test/auth.test.ts > rejects a bad state\nexpected 401, got 200'),
      { ...gate('lint', 'fail', 'eslint: 2 lint errors'), blocking: false, preexisting: true },
    ],
  },
  { type: 'stop.blocked', claudeSession: 'c1', gates: ['test'] },
  edit('src/auth.ts', 'task-1'),
  { type: 'gate.run', trigger: 'stop', results: [gate('test', 'pass', 'passed in 1.2 s')] },
  { type: 'evidence.command', command: 'npm test', kind: 'test', outcome: 'pass', task: 'task-1', claudeSession: 'c1' },
  {
    type: 'task.completed',
    id: 'task-1',
    output: 'Decision: keep the state in a signed cookie',
    forced: false,
    noCode: false,
    missing: [],
  },
  { type: 'task.handoff', id: 'task-2', to: 'documentation-writer', note: 'describe the callback' },
  { type: 'task.started', id: 'task-2' },
  edit('README.md', 'task-2'),
  {
    type: 'task.completed',
    id: 'task-2',
    output: 'README section',
    forced: true,
    noCode: false,
    missing: ['a passing test run'],
  },
  { type: 'task.blocked', id: 'task-3', reason: 'waiting for the client secret' },
  edit('src/unrelated.ts', null),
  { type: 'stop.released', claudeSession: 'c1', reason: 'block cap reached: lint' },
  { type: 'session.completed', auto: false },
];

export function reportFormat(): string {
  const events = EVENTS.map((e, i) => ({ v: 1, t: new Date(T0 + i * 60_000).toISOString(), ...e }) as LedgerEvent);
  const state = foldEvents('007', events);
  const numstat = [
    { path: 'src/auth.ts', added: 24, removed: 6 },
    { path: 'test/auth.test.ts', added: 12, removed: 3 },
    { path: 'README.md', added: 12, removed: 3 },
  ];
  const data = buildReportData({
    state,
    numstat,
    idleMs: 15 * 60_000,
    config: { timeBudgetMinutes: 240 },
    ledger: events,
  });
  return fnv1a64(renderCompleted(data, 'heading') + renderReview(data, 'heading'));
}
