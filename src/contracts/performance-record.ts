import * as z from 'zod/mini';

/** One line of .claude/metrics-history.jsonl: the original design's performance-tracking record. */
const n = z.number();
export const PerformanceRecordSchema = z.object({
  session: z.string(),
  completedAt: z._default(z.nullable(z.string()), null),
  metrics: z.object({
    tasksPlanned: n,
    tasksCompleted: n,
    testsWritten: n,
    testsPassed: n,
    bugsFixed: n,
    bugsIntroduced: n,
    linesAdded: n,
    linesRemoved: n,
    timeSpent: n,
    timeEstimated: n,
  }),
  score: n,
});
