import type * as z from 'zod/mini';
import { configSchema, type CsmConfig, DEFAULT_CONFIG } from '../../contracts/config.ts';
import { fieldPath, formatProblems, parseWith } from '../../contracts/validate.ts';
import { readTextIfExists } from '../store/atomic-file.ts';

export type ConfigResult = { ok: true; config: CsmConfig; warnings: string[] } | { ok: false; errors: string[] };

type AnyDef = { type: string; shape?: Record<string, { _zod: { def: AnyDef } }>; innerType?: { _zod: { def: AnyDef } }; element?: { _zod: { def: AnyDef } } };

const unwrap = (def: AnyDef): AnyDef => {
  let d = def;
  while ((d.type === 'default' || d.type === 'nullable' || d.type === 'optional') && d.innerType) d = d.innerType._zod.def;
  return d;
};

/** Keys present in `value` that the schema does not know, with their paths (they warn, they do not fail). */
export function unknownKeys(schema: z.ZodMiniType, value: unknown, path: (string | number)[] = []): string[] {
  const def = unwrap((schema as unknown as { _zod: { def: AnyDef } })._zod.def);
  if (def.type === 'object' && def.shape && value && typeof value === 'object' && !Array.isArray(value)) {
    const out: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const sub = def.shape[k];
      if (!sub) out.push(fieldPath([...path, k]));
      else out.push(...unknownKeys(sub as unknown as z.ZodMiniType, v, [...path, k]));
    }
    return out;
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    return value.flatMap((v, i) => unknownKeys(def.element as unknown as z.ZodMiniType, v, [...path, i]));
  }
  return [];
}

export function parseConfig(text: string | null, file: string): ConfigResult {
  if (text === null || text.trim() === '') return { ok: true, config: DEFAULT_CONFIG, warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${file} is not valid JSON (${(e as Error).message})`] };
  }
  const parsed = parseWith(configSchema(), raw);
  if (!parsed.ok) return { ok: false, errors: parsed.problems.map((p) => `${file}: ${formatProblems([p])}`) };
  const warnings = unknownKeys(configSchema(), raw).map((k) => `${file}: unknown key ${k} (ignored; csm config --help lists the keys)`);
  for (const [i, p] of parsed.value.consoleCheck.patterns.entries()) {
    try {
      new RegExp(p);
    } catch {
      return { ok: false, errors: [`${file}: consoleCheck.patterns[${i}] is not a valid regular expression`] };
    }
  }
  const names = new Set<string>();
  for (const [i, g] of parsed.value.gates.entries()) {
    if (names.has(g.name)) return { ok: false, errors: [`${file}: gates[${i}].name "${g.name}" is used twice`] };
    names.add(g.name);
  }
  return { ok: true, config: parsed.value, warnings };
}

export const loadConfig = (file: string): ConfigResult => parseConfig(readTextIfExists(file), file);
