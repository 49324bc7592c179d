import { describe, expect, it } from 'vitest';
import configJson from '../../schema/config.schema.json' with { type: 'json' };
import tasksJson from '../../schema/tasks.schema.json' with { type: 'json' };
import { configSchema } from '../../src/contracts/config-schema.ts';
import { checkJson, type JsonSchema, unknownKeysOf } from '../../src/contracts/schema-check.ts';
import { TasksFileSchema } from '../../src/contracts/tasks.ts';

const task = {
  id: 'task-1',
  title: 'T',
  agent: 'a',
  status: 'pending',
  estimatedMinutes: 5,
  actualMinutes: null,
  files: [],
  tests: [],
  blockers: [],
  output: null,
};
const tasksFile = {
  sessionId: '001',
  tasks: [task],
  metrics: { totalTasks: 1, completed: 0, failed: 0, blocked: 0, timeSpent: 0, timeEstimated: 5 },
};

const configs: unknown[] = [
  {},
  { idleMinutes: 30, stop: { blockCap: 2 } },
  { idleMinutes: '30' },
  { idleMinutes: -1 },
  { stop: { blockCap: 9 } },
  { stop: { blockCap: 2.5 } },
  { gates: [{ name: 'unit', command: 'npm test' }] },
  { gates: [{ name: 'bad name!', command: 'x' }] },
  { gates: [{ name: 'ok', command: '' }] },
  { gates: [{ name: 'ok', command: 'x', when: ['sometimes'] }] },
  { bench: null },
  { bench: { command: 'node b.js', maxMs: 100 } },
  { bench: { maxMs: 100 } },
  { context: { startupChars: 20000 } },
  { autoComplete: 'yes' },
  [],
  'x',
];
const tasksFiles: unknown[] = [
  tasksFile,
  { ...tasksFile, sessionId: '7' },
  { ...tasksFile, tasks: [{ ...task, status: 'done' }] },
  { ...tasksFile, tasks: [{ ...task, id: 'x' }] },
  { ...tasksFile, tasks: [{ ...task, estimatedMinutes: '5' }] },
  { ...tasksFile, tasks: [{ ...task, files: 'a.ts' }] },
  { ...tasksFile, metrics: { totalTasks: 1 } },
  { ...tasksFile, status: 'completed', objectives: ['o'] },
  { tasks: [] },
  null,
];

describe('the JSON Schema checker agrees with the zod schema it was generated from', () => {
  it.each(configs.map((c) => [JSON.stringify(c), c]))('config %s', (_label, input) => {
    const z = configSchema().safeParse(input);
    const j = checkJson(configJson as JsonSchema, input);
    expect(j.ok).toBe(z.success);
    if (j.ok && z.success) expect(j.value).toEqual(z.data);
  });
  it.each(tasksFiles.map((c) => [JSON.stringify(c).slice(0, 60), c]))('tasks %s', (_label, input) => {
    const z = TasksFileSchema.safeParse(input);
    const j = checkJson(tasksJson as JsonSchema, input);
    expect(j.ok).toBe(z.success);
    if (j.ok && z.success) expect(j.value).toEqual(z.data);
  });
  it('names the field of each problem', () => {
    const r = checkJson(tasksJson as JsonSchema, { ...tasksFile, tasks: [{ ...task, estimatedMinutes: '5' }] });
    expect(!r.ok && r.problems).toEqual([
      { field: 'tasks[0].estimatedMinutes', problem: 'expected number or null, got string' },
    ]);
  });
  it('finds unknown keys at any depth', () => {
    expect(
      unknownKeysOf(configJson as JsonSchema, {
        idleMinutez: 1,
        bench: { command: 'x', maxMS: 1 },
        gates: [{ name: 'a', command: 'b', cover: [] }],
      }),
    ).toEqual(['idleMinutez', 'bench.maxMS', 'gates[0].cover']);
  });
});
