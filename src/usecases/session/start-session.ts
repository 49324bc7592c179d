import path from 'node:path';
import { msg } from '../../messages/index.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import type { NewEvent, TaskSpec } from '../../contracts/events.ts';
import { readGitState } from '../../adapters/git/git.ts';
import type { GitState } from '../../contracts/git-state.ts';
import { readCoverage, readMcpServers } from '../../adapters/project/coverage.ts';
import { worktreeTree } from '../../adapters/git/since-start.ts';
import type { SessionStore } from './session-store.ts';
import { newestEntries } from '../../domain/memory/memory-entries.ts';
import {
  buildStatusOf,
  type ContextSnapshot,
  renderContext,
  summarizePrevious,
} from '../../domain/reports/context-snapshot.ts';
import type { SessionState } from '../../domain/tasks/session-state.ts';
import { CsmError, usageError } from '../../errors.ts';
import { redact } from '../../domain/redact.ts';
import { parseWorkflowTasks } from '../../templates/workflows.ts';
import { writePlanDocs } from './session-docs.ts';
import { recordBaseline } from './baseline.ts';
import type { GateResult } from '../../contracts/events.ts';
import { type RunGatesOptions, runGates } from '../gates/run-gates.ts';
import { trustGates } from '../gates/gate-trust.ts';
import { projectGates } from '../gates/project-gates.ts';
import type { GateDef } from '../../domain/gates/gate-def.ts';
import type { ProjectFacts } from '../../contracts/project-facts.ts';

export interface StartInput {
  objectives: string[];
  workflow: string | null;
  /** Run the gates once before any change (off with `--no-baseline` or `stop.baseline: false`). */
  baseline?: boolean;
  /** Told about the baseline run as it goes. */
  progress?: RunGatesOptions['progress'];
  /** Carry the last session's unfinished tasks over (default; `--no-carry` leaves them there). */
  carry?: boolean;
}

export interface StartResult {
  state: SessionState;
  snapshot: ContextSnapshot;
  files: string[];
  /** The gates before any change (null when not run). */
  baseline: GateResult[] | null;
  /** The project's gates and the facts they were found from, as the session accepted them. */
  project: { gates: GateDef[]; facts: ProjectFacts };
}

export function readWorkflow(store: SessionStore, name: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) throw new CsmError('INVALID_INPUT', ...msg.refusal.notAWorkflow(name));
  const text = store.files.readWorkflow(name);
  if (text !== null) return text;
  const names = store.files.workflowNames();
  throw new CsmError('NOT_FOUND', ...msg.refusal.noWorkflow(name, names));
}

const spec = (
  id: number,
  t: {
    title: string;
    agent: string;
    estimatedMinutes: number | null;
    tests?: string[];
    criteria?: string[];
    files?: string[];
  },
): TaskSpec => ({
  id: `task-${id}`,
  title: t.title,
  agent: t.agent,
  estimatedMinutes: t.estimatedMinutes,
  files: t.files ?? [],
  tests: t.tests ?? [],
  criteria: t.criteria ?? [],
  dependsOn: [],
  expectedLines: null,
});

/** Creates the next session: context snapshot, the first plan, tests, tasks; makes it active. */
export async function startSession(store: SessionStore, config: CsmConfig, input: StartInput): Promise<StartResult> {
  const objectives = input.objectives.map((o) => redact(o).trim()).filter(Boolean);
  if (objectives.length === 0) throw usageError(...msg.usage.objectiveEmpty);
  refuseWhileActive(store);
  await store.init();
  const workflowText = input.workflow ? readWorkflow(store, input.workflow) : null;
  const git = await readGitState(store.root);
  // the work is measured from the tree as it is now, uncommitted changes included: those are not the session's
  const baseTree = worktreeTree(store.root);
  // From here to the active pointer, one lock: two `csm start` at once make one session, not two.
  const created = await store.locked(async () => {
    refuseWhileActive(store);
    const carry = input.carry !== false;
    return createSession(store, config, { objectives, workflow: input.workflow, workflowText, git, baseTree, carry });
  });
  // the commands .claude/csm.json declares now are the ones this session accepted (Stop runs no other)
  const project = await projectGates(store.local, config);
  await trustGates(store.local, project.gates, project.facts);
  // outside the lock: the hooks must not wait for the project's checks
  if (input.baseline === false || !config.stop.baseline) return { ...created, project };
  const sessionId = created.state.session;
  const run = await runGates({
    root: store.root,
    store,
    sessionId,
    state: created.state,
    config,
    trigger: 'baseline',
    now: () => store.now(),
    ...(input.progress ? { progress: input.progress } : {}),
  });
  // the run is in the ledger now: tasks.json follows it
  const state = run.results.length ? await store.refresh(sessionId) : created.state;
  return { ...created, state, baseline: run.results, project };
}

function refuseWhileActive(store: SessionStore): void {
  const active = store.activeSessionId();
  if (active && store.load(active).state.status === 'active') {
    throw new CsmError('CONFLICT', ...msg.refusal.stillActive(active));
  }
}

type StartTree = { baseTree: string | null; carry: boolean };

async function createSession(
  store: SessionStore,
  config: CsmConfig,
  input: { objectives: string[]; workflow: string | null; workflowText: string | null; git: GitState } & StartTree,
): Promise<Omit<StartResult, 'project'>> {
  const { objectives, workflowText, git } = input;
  const ids = store.listSessionIds();
  const prevId = ids[ids.length - 1];
  const previous = prevId ? store.load(prevId).state : null;
  const id = store.nextSessionId();

  const carried = previous && input.carry !== false ? previous.tasks.filter((t) => t.status !== 'completed') : [];
  const workflowTasks = workflowText ? parseWorkflowTasks(workflowText) : [];
  const specs: TaskSpec[] = [
    ...carried.map((t, i) => ({ ...spec(i + 1, t), carriedFrom: `${previous?.session ?? '?'}/${t.id}` })),
    ...workflowTasks.map((t, i) => spec(carried.length + i + 1, t)),
  ];

  const snapshot: ContextSnapshot = {
    session: id,
    createdAt: store.now().toISOString(),
    objectives,
    workflow: input.workflow,
    git,
    build: buildStatusOf(previous),
    coverage: readCoverage(store.root),
    knownIssues: newestEntries(store.files.memory.read('errors') ?? '', 5).map(
      (e) => `${e.text.split('\n')[0]} (${e.heading})`,
    ),
    previous: previous ? summarizePrevious(previous) : null,
    carriedOver: carried.map((t, i) => {
      const link = { from: previous?.session ?? '', id: `task-${i + 1}`, was: t.id };
      return { title: t.title, agent: t.agent, ...link };
    }),
    agents: store.files.agentNames(),
    mcpServers: readMcpServers(store.root),
    timeBudgetMinutes: config.timeBudgetMinutes,
  };

  const events: NewEvent[] = [
    {
      ...{ type: 'session.started', session: id, objectives, workflow: input.workflow },
      ...{ branch: git.branch, baseCommit: git.head, baseTree: input.baseTree },
    },
    ...specs.map((task): NewEvent => ({ type: 'task.added', task })),
  ];
  const state = await store.create(id, events);
  await store.writeSessionFile(id, 'context.md', renderContext(snapshot));
  await writePlanDocs(store, state, {
    note: workflowText
      ? `Skeleton from the ${input.workflow} workflow: Claude refines it into micro-tasks with \`csm plan ` +
        `--from-json -\`.`
      : null,
    previousRun: previous?.gateRuns[previous.gateRuns.length - 1],
  });
  await store.setActive(id);
  await recordBaseline(store, id);
  const files = (['context.md', 'plan.md', 'tests.md', 'tasks.json', 'events.jsonl'] as const).map((k) =>
    path.relative(store.root, store.sessionFile(id, k)),
  );
  return { state, snapshot, files, baseline: null };
}
