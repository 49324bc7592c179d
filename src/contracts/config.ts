import configJsonSchema from '../../schema/config.schema.json' with { type: 'json' };
import type { CsmConfig } from './config-schema.ts';
import { checkJson, type JsonSchema } from './schema-check.ts';

export type { CsmConfig, GateConfig } from './config-schema.ts';

function defaults(): CsmConfig {
  const r = checkJson<CsmConfig>(configJsonSchema as JsonSchema, {});
  if (!r.ok) throw new Error('the generated config schema has no defaults for an empty config');
  return r.value;
}

/**
 * The configuration of a repository without .claude/csm.json: the schema's own defaults, filled in by the generated
 * JSON Schema.
 */
export const DEFAULT_CONFIG: CsmConfig = defaults();
