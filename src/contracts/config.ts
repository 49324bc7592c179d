import * as z from 'zod/mini';

export const GATE_WHEN = ['stop', 'task-done', 'complete'] as const;

export const GateConfigSchema = z.object({
  name: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)),
  command: z.string().check(z.minLength(1)),
  timeout: z._default(z.number().check(z.positive(), z.lte(3600)), 300),
  covers: z._default(z.array(z.string()), ['**']),
  when: z._default(z.array(z.enum(GATE_WHEN)), ['stop', 'task-done', 'complete']),
  blocking: z._default(z.boolean(), true),
});
export type GateConfig = z.infer<typeof GateConfigSchema>;

/** `.claude/csm.json`. Every key is optional; defaults are what a user would expect. */
export const ConfigSchema = z.object({
  idleMinutes: z._default(z.number().check(z.positive()), 15),
  timeBudgetMinutes: z._default(z.number().check(z.positive()), 240),
  microTaskLines: z._default(z.number().check(z.positive()), 100),
  autoComplete: z._default(z.boolean(), false),
  context: z._default(
    z.object({
      startupChars: z._default(z.number().check(z.gte(500), z.lte(10000)), 6000),
      resumeChars: z._default(z.number().check(z.gte(500), z.lte(10000)), 9500),
      hintWhenInactive: z._default(z.boolean(), true),
    }),
    { startupChars: 6000, resumeChars: 9500, hintWhenInactive: true },
  ),
  stop: z._default(
    z.object({
      enabled: z._default(z.boolean(), true),
      blockCap: z._default(z.number().check(z.int(), z.gte(1), z.lte(8)), 3),
    }),
    { enabled: true, blockCap: 3 },
  ),
  detectGates: z._default(z.boolean(), true),
  gates: z._default(z.array(GateConfigSchema), []),
  consoleCheck: z._default(
    z.object({
      enabled: z._default(z.boolean(), true),
      blocking: z._default(z.boolean(), true),
      patterns: z._default(z.array(z.string()), ['\\bconsole\\.(log|debug)\\(', '\\bdebugger\\s*;?\\s*$', '\\bbreakpoint\\(\\)', '\\bdbg!\\(', '\\bpdb\\.set_trace\\(']),
    }),
    {
      enabled: true,
      blocking: true,
      patterns: ['\\bconsole\\.(log|debug)\\(', '\\bdebugger\\s*;?\\s*$', '\\bbreakpoint\\(\\)', '\\bdbg!\\(', '\\bpdb\\.set_trace\\('],
    },
  ),
  docsCheck: z._default(
    z.object({ enabled: z._default(z.boolean(), true), blocking: z._default(z.boolean(), false) }),
    { enabled: true, blocking: false },
  ),
  bench: z._default(
    z.nullable(z.object({ command: z.string(), maxMs: z.optional(z.number()), timeout: z._default(z.number(), 300) })),
    null,
  ),
  memory: z._default(
    z.object({ maxEntries: z._default(z.number().check(z.int(), z.positive()), 30) }),
    { maxEntries: 30 },
  ),
});
export type CsmConfig = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG: CsmConfig = ConfigSchema.parse({});
