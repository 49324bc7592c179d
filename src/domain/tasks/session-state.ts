import type { GateResult, TaskSpec } from '../../contracts/events.ts';
import type { TaskStatus } from '../../contracts/tasks.ts';

export interface TaskState extends TaskSpec {
  status: TaskStatus;
  blockers: string[];
  output: string | null;
  handoffs: { from: string | null; to: string; note: string; at: string }[];
  startedAt: string | null;
  completedAt: string | null;
  forced: boolean;
  noCode: boolean;
  /** [start, end|null] epoch ms of each stretch in progress. */
  intervals: { start: number; end: number | null }[];
  lastEditAt: number | null;
}

export interface EditRecord {
  t: string;
  path: string;
  tool: string;
  added: number;
  removed: number;
  task: string | null;
  agentId: string | null;
  agentType: string | null;
  claudeSession: string | null;
}

export interface GateRunRecord {
  t: string;
  trigger: string;
  results: GateResult[];
}

export interface SessionState {
  session: string;
  objectives: string[];
  workflow: string | null;
  branch: string | null;
  baseCommit: string | null;
  /** The working tree at the start, as a git tree (null: not taken, an older csm or no git). */
  baseTree: string | null;
  /** The changed files as counted at completion (null: not completed, or by an older csm). */
  finalFiles: { path: string; added: number; removed: number }[] | null;
  startedAt: string | null;
  status: 'active' | 'completed';
  completedAt: string | null;
  tasks: TaskState[];
  unassignedFiles: string[];
  edits: EditRecord[];
  evidence: { t: string; command: string; kind: string; outcome: 'pass' | 'fail'; task: string | null }[];
  gateRuns: GateRunRecord[];
  claudeSessions: { id: string; source: string; t: string }[];
  stopBlocks: number;
  /** The newest Stop that kept Claude working: when, and the gates it named. */
  lastStopBlock: { t: string; gates: string[] } | null;
  stopReleases: { t: string; reason: string }[];
  replans: number;
  risks: { risk: string; mitigation: string }[];
  memory: { t: string; kind: string; text: string }[];
  /** Hand-off notes written when the context window filled up or before a compaction, oldest first. */
  handoffs: { t: string; reason: string; text: string }[];
  /** Epoch ms of every event, in ledger order: the session's activity. */
  activity: number[];
  lastEventAt: string | null;
  eventCount: number;
  /** Highest task number ever added, so ids are never reused after a removal. */
  maxTaskNo: number;
}

export const emptyState = (session: string): SessionState => ({
  session,
  objectives: [],
  workflow: null,
  branch: null,
  baseCommit: null,
  baseTree: null,
  finalFiles: null,
  startedAt: null,
  status: 'active',
  completedAt: null,
  tasks: [],
  unassignedFiles: [],
  edits: [],
  evidence: [],
  gateRuns: [],
  claudeSessions: [],
  stopBlocks: 0,
  lastStopBlock: null,
  stopReleases: [],
  replans: 0,
  risks: [],
  memory: [],
  handoffs: [],
  activity: [],
  lastEventAt: null,
  eventCount: 0,
  maxTaskNo: 0,
});

export const activeTask = (s: SessionState): TaskState | undefined => s.tasks.find((t) => t.status === 'in_progress');

/**
 * The files the edits of task `id` touched, in the order first touched (the plan's expected files are in the task's own
 * list).
 */
export const filesEditedFor = (s: SessionState, id: string): string[] => [
  ...new Set(s.edits.filter((e) => e.task === id).map((e) => e.path)),
];
