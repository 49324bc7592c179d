import * as z from 'zod/mini';

/**
 * The ledger: session-NNN-events.jsonl, one JSON object a line, append-only.
 * Every fact csm knows about a session is one of these; tasks.json, reports and
 * metrics are derived from them.
 */
const base = { v: z.literal(1), t: z.string() };

export const TaskSpecSchema = z.object({
  id: z.string(),
  title: z.string(),
  agent: z.string(),
  estimatedMinutes: z.nullable(z.number()),
  files: z.array(z.string()),
  tests: z.array(z.string()),
  criteria: z.array(z.string()),
  dependsOn: z.array(z.string()),
  expectedLines: z.nullable(z.number()),
  /** Carried over unfinished from an earlier session: `001/task-3`. */
  carriedFrom: z.optional(z.string()),
});
export type TaskSpec = z.infer<typeof TaskSpecSchema>;

export const GateResultSchema = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail', 'error', 'skipped']),
  blocking: z.boolean(),
  durationMs: z.number(),
  command: z.nullable(z.string()),
  summary: z.string(),
  fingerprint: z.nullable(z.string()),
  cached: z._default(z.boolean(), false),
  /** What the output says failed, where csm could read it: test ids or rules with their locations (the first 50). */
  failures: z.optional(z.array(z.object({ id: z.string(), location: z.nullable(z.string()) }))),
  /** The runner's own count: failed of total (total null when it does not say). */
  totals: z.optional(z.object({ failed: z.number(), total: z.nullable(z.number()), unit: z.string() })),
  /** Which runners' failures the output held (a composite script can run several). */
  runners: z.optional(z.array(z.string())),
  /** What ran: the whole check, or the tests affected by the changed files. */
  scope: z.optional(z.enum(['full', 'affected'])),
  /**
   * It failed at the session's baseline too, with no failure that is new: reported, not blocking (unless
   * stop.blockOnPreexisting).
   */
  preexisting: z.optional(z.boolean()),
  /** Of its failures, how many are new since the baseline (when it failed there too). */
  newFailures: z.optional(z.number()),
  /**
   * Its script's steps each ran, past a failing one: at the baseline a step failed part-way, which would have hidden
   * the steps after it.
   */
  everyStep: z.optional(z.boolean()),
  /** With everyStep: the places in the chain of the steps that failed (0 the first). */
  failedSteps: z.optional(z.array(z.number())),
  /** With everyStep: how many steps the chain had (a step added since the baseline moves the others' places). */
  stepCount: z.optional(z.number()),
  /**
   * Its tests ran to the end with the runner's stop-at-first-failure off (--bail, -x, -failfast):
   * one failed before the session.
   */
  toTheEnd: z.optional(z.boolean()),
  /**
   * A failure no parser could read test by test: its failing lines (normalized: no timings, temp
   * paths or positions) and the failure count its summary gives, to tell a new failure from an old one.
   */
  signature: z.optional(z.object({ lines: z.array(z.string()), failed: z.nullable(z.number()) })),
  /** Failing before the session, and nothing in the output tells whether a failure is new: blocked, said so. */
  undecided: z.optional(z.boolean()),
  /** Not run: what it runs changed since it was accepted on this machine (each change, as the user reads it). */
  untrusted: z.optional(z.array(z.string())),
});
export type GateResult = z.infer<typeof GateResultSchema>;

export const LedgerEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('session.started'),
    session: z.string(),
    objectives: z.array(z.string()),
    workflow: z.nullable(z.string()),
    branch: z.nullable(z.string()),
    baseCommit: z.nullable(z.string()),
    /** The working tree at the start (uncommitted and untracked files too): the work is measured from here. */
    baseTree: z.optional(z.nullable(z.string())),
  }),
  z.object({ ...base, type: z.literal('task.added'), task: TaskSpecSchema }),
  z.object({ ...base, type: z.literal('task.updated'), id: z.string(), changes: z.record(z.string(), z.unknown()) }),
  z.object({ ...base, type: z.literal('task.removed'), id: z.string(), reason: z.string() }),
  z.object({ ...base, type: z.literal('task.started'), id: z.string() }),
  z.object({ ...base, type: z.literal('task.paused'), id: z.string() }),
  z.object({
    ...base,
    type: z.literal('task.completed'),
    id: z.string(),
    output: z.nullable(z.string()),
    forced: z.boolean(),
    noCode: z.boolean(),
    missing: z._default(z.array(z.string()), []),
  }),
  z.object({ ...base, type: z.literal('task.blocked'), id: z.string(), reason: z.string() }),
  z.object({ ...base, type: z.literal('task.failed'), id: z.string(), reason: z.string() }),
  z.object({ ...base, type: z.literal('task.handoff'), id: z.string(), to: z.string(), note: z.string() }),
  z.object({
    ...base,
    type: z.literal('file.edited'),
    path: z.string(),
    tool: z.string(),
    added: z.number(),
    removed: z.number(),
    task: z.nullable(z.string()),
    claudeSession: z.nullable(z.string()),
    agentId: z.nullable(z.string()),
    agentType: z.nullable(z.string()),
  }),
  z.object({
    ...base,
    type: z.literal('evidence.command'),
    command: z.string(),
    kind: z.string(),
    outcome: z.enum(['pass', 'fail']),
    task: z.nullable(z.string()),
    claudeSession: z.nullable(z.string()),
  }),
  z.object({
    ...base,
    type: z.literal('gate.run'),
    trigger: z.string(),
    results: z.array(GateResultSchema),
  }),
  z.object({ ...base, type: z.literal('claude.session'), claudeSession: z.string(), source: z.string() }),
  z.object({
    ...base,
    type: z.literal('stop.blocked'),
    claudeSession: z.nullable(z.string()),
    gates: z.array(z.string()),
  }),
  z.object({ ...base, type: z.literal('stop.released'), claudeSession: z.nullable(z.string()), reason: z.string() }),
  z.object({
    ...base,
    type: z.literal('plan.imported'),
    tasks: z.number(),
    replaced: z.array(z.string()),
    risks: z.array(z.object({ risk: z.string(), mitigation: z.string() })),
  }),
  z.object({ ...base, type: z.literal('memory.added'), kind: z.string(), text: z.string() }),
  z.object({ ...base, type: z.literal('context.handoff'), reason: z.string(), text: z.string() }),
  z.object({
    ...base,
    type: z.literal('session.completed'),
    auto: z.boolean(),
    forced: z.optional(z.boolean()),
    /** The files it changed, as counted when it completed: its reports are rendered from these ever after. */
    files: z.optional(z.array(z.object({ path: z.string(), added: z.number(), removed: z.number() }))),
  }),
  z.object({ ...base, type: z.literal('session.renumbered'), from: z.string(), to: z.string() }),
]);
export type LedgerEvent = z.infer<typeof LedgerEventSchema>;
export type EventType = LedgerEvent['type'];
export type EventOf<T extends EventType> = Extract<LedgerEvent, { type: T }>;
/** An event before the ledger stamps it. */
export type NewEvent = LedgerEvent extends infer E ? (E extends LedgerEvent ? Omit<E, 'v' | 't'> : never) : never;

/** The schema's event types: the ledger reader's list (event-types.ts) must equal it (a unit test checks). */
export const schemaEventTypes = (): string[] =>
  LedgerEventSchema._zod.def.options.map((o) => o._zod.def.shape.type._zod.def.values[0] as string);
