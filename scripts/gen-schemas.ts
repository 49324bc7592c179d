// Writes schema/*.schema.json from the zod schemas (the single source of truth). Run by the build.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { configSchema } from '../src/contracts/config-schema.ts';
import { LedgerEventSchema } from '../src/contracts/events.ts';
import { PerformanceRecordSchema } from '../src/contracts/performance-record.ts';
import { PlanSchema } from '../src/contracts/plan.ts';
import { TasksFileSchema } from '../src/contracts/tasks.ts';
import type { JsonSchema } from '../src/contracts/schema-check.ts';
import { configReference } from './config-docs.ts';

const out = path.resolve(process.argv[2] ?? 'schema');
const readme = process.argv[3];
fs.mkdirSync(out, { recursive: true });
const schemas: Record<string, z.ZodMiniType> = {
  'tasks.schema.json': TasksFileSchema,
  'plan.schema.json': PlanSchema,
  'config.schema.json': configSchema(),
  'event.schema.json': LedgerEventSchema,
  'performance-record.schema.json': PerformanceRecordSchema,
};
for (const [file, schema] of Object.entries(schemas)) {
  const json = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title: `csm ${file.replace('.schema.json', '')}` };
  fs.writeFileSync(path.join(out, file), `${JSON.stringify(json, null, 2)}\n`);
}

// The configuration reference in README.md, between its markers.
if (readme && fs.existsSync(readme)) {
  const text = fs.readFileSync(readme, 'utf8');
  const start = '<!-- config-reference:start -->';
  const end = '<!-- config-reference:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) {
    const table = configReference(JSON.parse(fs.readFileSync(path.join(out, 'config.schema.json'), 'utf8')) as JsonSchema);
    fs.writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
  }
}
