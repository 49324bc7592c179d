import * as z from 'zod/mini';

/** When a gate runs: at Stop, when a task is marked done, when the session completes. */
export const GATE_WHEN = ['stop', 'task-done', 'complete'] as const;

/** Lines added this session that the console-leftover check flags. */
export const CONSOLE_PATTERNS = [
  '\\bconsole\\.(log|debug)\\(',
  '\\bdebugger\\s*;?\\s*$',
  '\\bbreakpoint\\(\\)',
  '\\bdbg!\\(',
  '\\bpdb\\.set_trace\\(',
];

const gateConfigSchema = () =>
  z.object({
    name: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)),
    command: z.string().check(z.minLength(1)),
    timeout: z._default(z.number().check(z.positive(), z.lte(3600)), 300),
    covers: z._default(z.array(z.string()), ['**']),
    when: z._default(z.array(z.enum(GATE_WHEN)), ['stop', 'task-done', 'complete']),
    blocking: z._default(z.boolean(), true),
    scope: z.optional(z.enum(['affected', 'full'])),
  });
export type GateConfig = z.infer<ReturnType<typeof gateConfigSchema>>;

/**
 * `.claude/csm.json`. Every key is optional; defaults are what a user would expect.
 * Built on first use: hooks that find no csm.json never pay for constructing it.
 */
const buildConfigSchema = () =>
  z.object({
    idleMinutes: z._default(z.number().check(z.positive()), 15),
    timeBudgetMinutes: z._default(z.number().check(z.positive()), 240),
    microTaskLines: z._default(z.number().check(z.positive()), 100),
    autoComplete: z._default(z.boolean(), false),
    context: z._default(
      z.object({
        startupChars: z._default(z.number().check(z.gte(500), z.lte(10000)), 6000),
        resumeChars: z._default(z.number().check(z.gte(500), z.lte(10000)), 9500),
        hintWhenInactive: z._default(z.boolean(), true),
        handoffAt: z._default(z.array(z.number().check(z.gte(1), z.lte(99))), [70, 85]),
      }),
      { startupChars: 6000, resumeChars: 9500, hintWhenInactive: true, handoffAt: [70, 85] },
    ),
    stop: z._default(
      z.object({
        enabled: z._default(z.boolean(), true),
        blockCap: z._default(z.number().check(z.int(), z.gte(1), z.lte(8)), 3),
        baseline: z._default(z.boolean(), true),
        blockOnPreexisting: z._default(z.boolean(), false),
        scope: z._default(z.enum(['affected', 'full']), 'affected'),
      }),
      { enabled: true, blockCap: 3, baseline: true, blockOnPreexisting: false, scope: 'affected' },
    ),
    detectGates: z._default(z.boolean(), true),
    gates: z._default(z.array(gateConfigSchema()), []),
    consoleCheck: z._default(
      z.object({
        enabled: z._default(z.boolean(), true),
        blocking: z._default(z.boolean(), true),
        patterns: z._default(z.array(z.string()), CONSOLE_PATTERNS),
      }),
      {
        enabled: true,
        blocking: true,
        patterns: CONSOLE_PATTERNS,
      },
    ),
    docsCheck: z._default(
      z.object({ enabled: z._default(z.boolean(), true), blocking: z._default(z.boolean(), false) }),
      { enabled: true, blocking: false },
    ),
    bench: z._default(
      z.nullable(
        z.object({ command: z.string(), maxMs: z.optional(z.number()), timeout: z._default(z.number(), 300) }),
      ),
      null,
    ),
    memory: z._default(z.object({ maxEntries: z._default(z.number().check(z.int(), z.positive()), 30) }), {
      maxEntries: 30,
    }),
  });
export type CsmConfig = z.infer<ReturnType<typeof buildConfigSchema>>;

let built: ReturnType<typeof buildConfigSchema> | undefined;
export const configSchema = (): ReturnType<typeof buildConfigSchema> => (built ??= buildConfigSchema());
