// The configuration reference: a table generated from the config JSON Schema, with a line of
// explanation per key. Build injects it into README.md between the config markers.
import type { JsonSchema } from '../src/contracts/schema-check.ts';

const EXPLAIN: Record<string, string> = {
  idleMinutes: 'A gap between recorded events longer than this is idle time: left out of actual minutes.',
  timeBudgetMinutes: 'Time budget of a session; `csm status` and SessionStart warn once active time passes it.',
  microTaskLines: 'Expected changed lines above which a planned task gets a warning proposing a split.',
  autoComplete: 'When every task is done and the gates pass, Stop completes the session itself.',
  'context.startupChars': 'SessionStart context budget on startup and clear.',
  'context.handoffAt':
    'Percentages of the context window (from the status line) at which a hand-off note for the task in progress is written into the session, once each per window; PreCompact writes one too, and SessionStart puts it first after a compaction. [] turns them off.',
  'context.resumeChars': 'SessionStart context budget on resume and compact (never past the 10,000-char platform cap).',
  'context.hintWhenInactive': 'With no active session, SessionStart adds one line on how to start one.',
  'stop.enabled': 'Run the gates on Stop and block while a blocking gate fails.',
  'stop.blockCap': 'Blocks in a row for one Claude session before Stop lets Claude go (and records it in errors.md).',
  'stop.baseline':
    '`csm start` runs the gates once before any change, so Stop knows what already failed (`csm start --no-baseline` skips it once).',
  'stop.scope':
    "What Stop runs of a test gate: `affected` — the tests the change can affect (vitest related, jest --findRelatedTests, go test on the changed packages, pytest on the changed modules' tests), else everything; `full` — always everything. task-done and complete always run everything.",
  'gates[].scope': "This gate's Stop scope (`affected` or `full`); by default `stop.scope`.",
  'stop.blockOnPreexisting':
    'Block on failures that were there before the session too (by default they are reported, never blocking).',
  detectGates: 'Detect gates from package.json scripts, Makefile, cargo, go and pytest.',
  gates: 'Declared gates; a declared gate replaces a detected one of the same name.',
  'gates[].name': 'Gate name (letters, digits, `_ . -`).',
  'gates[].command': 'Shell command, run from the repository root; exit 0 passes.',
  'gates[].timeout': 'Seconds before the gate is stopped (a time-out is reported, never blocking).',
  'gates[].covers': 'Globs of the files the gate depends on; unchanged files since its last pass → not re-run.',
  'gates[].when': 'When the gate runs: `stop`, `task-done`, `complete`.',
  'gates[].blocking': 'A failing blocking gate blocks Stop; an advisory one is only reported.',
  'consoleCheck.enabled': 'Flag `console.log`/`debugger`-style leftovers in lines added this session.',
  'consoleCheck.blocking': 'Whether such leftovers block Stop.',
  'consoleCheck.patterns': 'Regular expressions matched against added lines.',
  'docsCheck.enabled': 'Flag changed source with no doc or changelog change.',
  'docsCheck.blocking': 'Whether that blocks Stop (advisory by default).',
  bench: 'Optional performance gate, run on `csm complete`.',
  'bench.command': 'Benchmark command.',
  'bench.maxMs': 'The gate fails when the command takes longer than this.',
  'bench.timeout': 'Seconds before the benchmark is stopped.',
  'memory.maxEntries': 'Entries kept in each memory file; older ones move to memory/archive/.',
};

const typeOf = (s: JsonSchema): string => {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'any'}[]`;
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
};

const bounds = (s: JsonSchema): string => {
  const parts: string[] = [];
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum < 1e15) parts.push(`≤ ${s.maximum}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

export function configReference(schema: JsonSchema): string {
  const rows: string[] = ['| key | type | default | meaning |', '|---|---|---|---|'];
  const walk = (s: JsonSchema, prefix: string): void => {
    for (const [key, sub] of Object.entries(s.properties ?? {})) {
      const name = prefix ? `${prefix}.${key}` : key;
      const obj = sub.anyOf?.find((o) => o.properties) ?? (sub.type === 'object' ? sub : undefined);
      const items = sub.type === 'array' && sub.items?.properties ? sub.items : undefined;
      const def = sub.default === undefined ? '—' : `\`${JSON.stringify(sub.default)}\``;
      if (obj && sub.anyOf) rows.push(`| \`${name}\` | object \\| null | ${def} | ${EXPLAIN[name] ?? ''} |`);
      if (obj) walk(obj, name);
      else
        rows.push(
          `| \`${name}\` | ${typeOf(sub)}${bounds(sub)} | ${def.length > 60 ? 'see schema' : def} | ${EXPLAIN[name] ?? ''} |`,
        );
      if (items) {
        if (!EXPLAIN[name]) rows.push(`| \`${name}\` | object[] | ${def} | |`);
        walk(items, `${name}[]`);
      }
    }
  };
  walk(schema, '');
  return rows.join('\n');
}
