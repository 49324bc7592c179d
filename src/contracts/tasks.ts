import * as z from 'zod/mini';
import { SESSION_ID_RE, TASK_ID_RE } from './id-patterns.ts';

export { SESSION_ID_RE, TASK_ID_RE };

/** Task status values of the original design. */
export const TASK_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'blocked'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const HandoffSchema = z.object({
  from: z.nullable(z.string()),
  to: z.string(),
  note: z.string(),
  at: z.string(),
});

/** One micro-task: every field of the original schema, plus csm's additions. */
export const TaskSchema = z.object({
  id: z.string().check(z.regex(TASK_ID_RE)),
  title: z.string().check(z.minLength(1)),
  agent: z.string(),
  status: TaskStatusSchema,
  estimatedMinutes: z.nullable(z.number().check(z.nonnegative())),
  actualMinutes: z.nullable(z.number().check(z.nonnegative())),
  files: z.array(z.string()),
  tests: z.array(z.string()),
  blockers: z.array(z.string()),
  output: z.nullable(z.string()),
  // csm additions
  criteria: z._default(z.array(z.string()), []),
  dependsOn: z._default(z.array(z.string()), []),
  expectedLines: z._default(z.nullable(z.number()), null),
  handoffs: z._default(z.array(HandoffSchema), []),
  startedAt: z._default(z.nullable(z.string()), null),
  completedAt: z._default(z.nullable(z.string()), null),
  forced: z._default(z.boolean(), false),
  /** Carried over unfinished from an earlier session: `001/task-3`. */
  carriedFrom: z.optional(z.string()),
});
export type Task = z.infer<typeof TaskSchema>;

export const MetricsSchema = z.object({
  totalTasks: z.number(),
  completed: z.number(),
  failed: z.number(),
  blocked: z.number(),
  timeSpent: z.number(),
  timeEstimated: z.number(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

/** session-NNN-tasks.json. The zod schema is the source of truth; schema/tasks.schema.json is generated from it. */
export const TasksFileSchema = z.object({
  sessionId: z.string().check(z.regex(SESSION_ID_RE)),
  tasks: z.array(TaskSchema),
  metrics: MetricsSchema,
  // csm additions
  status: z._default(z.enum(['active', 'completed']), 'active'),
  objectives: z._default(z.array(z.string()), []),
  unassignedFiles: z._default(z.array(z.string()), []),
  updatedAt: z._default(z.nullable(z.string()), null),
});
export type TasksFile = z.infer<typeof TasksFileSchema>;
