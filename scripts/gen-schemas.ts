// Writes schema/*.schema.json from the zod schemas (the single source of truth). Run by the build.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { configSchema } from '../src/contracts/config-schema.ts';
import { LedgerEventSchema } from '../src/contracts/events.ts';
import { PerformanceRecordSchema } from '../src/contracts/performance-record.ts';
import { PlanSchema } from '../src/contracts/plan.ts';
import { TasksFileSchema } from '../src/contracts/tasks.ts';

const out = path.resolve(process.argv[2] ?? 'schema');
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
