import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { configSchema } from '../../src/contracts/config-schema.ts';
import { DEFAULT_CONFIG } from '../../src/contracts/config.ts';
import { EVENT_TYPES } from '../../src/contracts/event-types.ts';
import { schemaEventTypes } from '../../src/contracts/events.ts';
import { TasksFileSchema } from '../../src/contracts/tasks.ts';
import { readHookInput } from '../../src/contracts/hook-input.ts';

describe('contracts', () => {
  it('the literal defaults equal what the config schema gives for {}', () => {
    expect(DEFAULT_CONFIG).toEqual(configSchema().parse({}));
  });
  it('the ledger reader knows exactly the schema’s event types', () => {
    expect([...EVENT_TYPES].sort()).toEqual(schemaEventTypes().sort());
  });
  it('tasks.json has a JSON Schema generated from the zod schema', () => {
    const js = z.toJSONSchema(TasksFileSchema, { io: 'input' }) as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(js.properties)).toEqual(expect.arrayContaining(['sessionId', 'tasks', 'metrics']));
    expect(js.required).toEqual(expect.arrayContaining(['sessionId', 'tasks', 'metrics']));
  });
  it('hook input is lenient: wrong types become absent, unknown fields pass', () => {
    const v = readHookInput({ session_id: 5, cwd: '/r', stop_hook_active: 'yes', tool_input: [], extra: { a: 1 } });
    expect(v.session_id).toBeUndefined();
    expect(v.stop_hook_active).toBeUndefined();
    expect(v.tool_input).toBeUndefined();
    expect(v.cwd).toBe('/r');
  });
  it('hook input: an id longer than any real one counts as absent (it would land in the committed ledger)', () => {
    const v = readHookInput({
      session_id: 'x'.repeat(1_000_000),
      agent_id: 'a'.repeat(201),
      agent_type: 'Explore',
      cwd: `/${'d'.repeat(5000)}`,
    });
    expect(v).toEqual({ agent_type: 'Explore' });
    expect(readHookInput({ session_id: 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }).session_id).toBe(
      'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    );
  });
});
