// Run by the build; everything it writes is committed and CI checks a rebuild changes nothing:
// - schema/*.schema.json from the zod schemas (the single source of truth);
// - schema/report-format.json, the report renderer's format key (report-sample.ts);
// - hooks/hooks.json, settings.template.json and dist/hooks/checks-only.sh from the hook list (src/kernel/hook-events.ts);
// - the configuration reference in README.md.
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
import { reportFormat } from './report-sample.ts';
import {
  CHECKS_ONLY_SCRIPT,
  HOOK_BUNDLES,
  hooksBlock,
  MOD_FILTER_SCRIPT,
  MOD_RECORDED_MARK,
} from '../src/kernel/hook-events.ts';
import { checksOnlyScript } from './checks-only-script.ts';
import { modFilterScript } from './mod-filter-script.ts';
import { CHECK_WORDS } from '../src/domain/edits/edit-facts.ts';

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
  const json = {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title: `csm ${file.replace('.schema.json', '')}`,
  };
  fs.writeFileSync(path.join(out, file), `${JSON.stringify(json, null, 2)}\n`);
}

// The hooks: the plugin's registration and the settings.json template, both from the one list;
// every hooks/<name>.ts entry is in the list and every bundle in the list has its entry.
const root = path.resolve(out, '..');
const entries = fs
  .readdirSync(path.join(root, 'hooks'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const listed = HOOK_BUNDLES.map((b) => b.name).sort();
if (JSON.stringify(entries) !== JSON.stringify(listed)) {
  throw new Error(
    `hooks/*.ts (${entries.join(', ')}) and HOOK_BUNDLES in src/kernel/hook-events.ts (${listed.join(', ')}) must name the same hooks`,
  );
}
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
fs.writeFileSync(
  path.join(root, 'hooks', 'hooks.json'),
  json({
    description: 'csm: session context on start, edit ledger on every write, quality gates on Stop',
    // csm's mod (Claude Code 2.1.287+), built to dist/mod/: older versions ignore the key
    modules: ['../dist/mod/register.js'],
    hooks: hooksBlock('${CLAUDE_PLUGIN_ROOT}/dist/hooks', { plugin: true }),
  }),
);
// the Bash hook's shell filter, next to the bundles it starts (the build emptied dist/ before)
fs.mkdirSync(path.join(root, 'dist', 'hooks'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'hooks', CHECKS_ONLY_SCRIPT), checksOnlyScript(CHECK_WORDS));
fs.writeFileSync(path.join(root, 'dist', 'hooks', MOD_FILTER_SCRIPT), modFilterScript(MOD_RECORDED_MARK));
fs.writeFileSync(
  path.join(root, 'settings.template.json'),
  json({ hooks: hooksBlock('$CLAUDE_PROJECT_DIR/node_modules/claude-session-manager/dist/hooks') }),
);

// The report format key (see report-sample.ts): what the renderer makes of a fixed session.
fs.writeFileSync(path.join(out, 'report-format.json'), `${JSON.stringify({ format: reportFormat() }, null, 2)}\n`);

// The configuration reference in README.md, between its markers.
if (readme && fs.existsSync(readme)) {
  const text = fs.readFileSync(readme, 'utf8');
  const start = '<!-- config-reference:start -->';
  const end = '<!-- config-reference:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) {
    const table = configReference(
      JSON.parse(fs.readFileSync(path.join(out, 'config.schema.json'), 'utf8')) as JsonSchema,
    );
    fs.writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
  }
}
