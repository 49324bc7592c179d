import type { CsmConfig } from './config-schema.ts';

export type { CsmConfig, GateConfig } from './config-schema.ts';

export const GATE_WHEN = ['stop', 'task-done', 'complete'] as const;

export const CONSOLE_PATTERNS = ['\\bconsole\\.(log|debug)\\(', '\\bdebugger\\s*;?\\s*$', '\\bbreakpoint\\(\\)', '\\bdbg!\\(', '\\bpdb\\.set_trace\\('];

/** The defaults as a literal (a unit test checks it equals configSchema().parse({})). */
export const DEFAULT_CONFIG: CsmConfig = {
  idleMinutes: 15,
  timeBudgetMinutes: 240,
  microTaskLines: 100,
  autoComplete: false,
  context: { startupChars: 6000, resumeChars: 9500, hintWhenInactive: true },
  stop: { enabled: true, blockCap: 3 },
  detectGates: true,
  gates: [],
  consoleCheck: { enabled: true, blocking: true, patterns: CONSOLE_PATTERNS },
  docsCheck: { enabled: true, blocking: false },
  bench: null,
  memory: { maxEntries: 30 },
};
