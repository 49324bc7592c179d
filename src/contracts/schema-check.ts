import { fieldPath, type FieldProblem } from './validate.ts';

/**
 * A small JSON Schema checker for the hooks' hot path. The schemas it reads are generated from
 * the zod schemas at build time (schema/*.schema.json), so zod stays the one source of truth
 * while a hook run does not pay for constructing zod schemas (~5 ms of a ~60 ms process).
 * Supports what those generated schemas use: type, anyOf, enum, const, pattern, length and
 * number bounds, properties/required/additionalProperties, items, minItems and default.
 */
export interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  default?: unknown;
}

const typeOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number' && Number.isInteger(v)
        ? 'integer'
        : typeof v;
const describe = (v: unknown): string => {
  const t = typeOf(v);
  return t === 'integer' ? 'number' : t === 'object' ? 'an object' : t === 'array' ? 'an array' : t;
};
const fits = (t: string, v: unknown): boolean => {
  const actual = typeOf(v);
  return t === actual || (t === 'number' && actual === 'integer');
};

const patterns = new Map<string, RegExp>();
const regex = (p: string): RegExp => {
  let r = patterns.get(p);
  if (!r) patterns.set(p, (r = new RegExp(p)));
  return r;
};

const clone = <T>(v: T): T => (v && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as T) : v);

function check(schema: JsonSchema, value: unknown, path: (string | number)[], problems: FieldProblem[]): unknown {
  const field = fieldPath(path);
  if (schema.anyOf) {
    for (const option of schema.anyOf) {
      const sub: FieldProblem[] = [];
      const v = check(option, value, path, sub);
      if (sub.length === 0) return v;
    }
    const types = schema.anyOf
      .map((o) => (Array.isArray(o.type) ? o.type.join(' or ') : (o.type ?? 'value')))
      .join(' or ');
    problems.push({ field, problem: `expected ${types}, got ${describe(value)}` });
    return value;
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => fits(t, value))) {
      problems.push({ field, problem: `expected ${types.join(' or ')}, got ${describe(value)}` });
      return value;
    }
  }
  if (schema.const !== undefined && value !== schema.const)
    problems.push({ field, problem: `must be ${JSON.stringify(schema.const)}` });
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push({
      field,
      problem: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}; got ${JSON.stringify(value)}`,
    });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      problems.push({ field, problem: `is too short (minimum ${schema.minLength})` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      problems.push({ field, problem: `is too long (maximum ${schema.maxLength})` });
    if (schema.pattern !== undefined && !regex(schema.pattern).test(value))
      problems.push({ field, problem: `does not match the expected format (${schema.pattern})` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      problems.push({ field, problem: `is too small (minimum ${schema.minimum})` });
    if (schema.maximum !== undefined && value > schema.maximum)
      problems.push({ field, problem: `is too big (maximum ${schema.maximum})` });
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      problems.push({ field, problem: `must be more than ${schema.exclusiveMinimum}` });
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      problems.push({ field, problem: `must be less than ${schema.exclusiveMaximum}` });
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      problems.push({ field, problem: `needs at least ${schema.minItems} item(s)` });
    if (schema.items) return value.map((v, i) => check(schema.items as JsonSchema, v, [...path, i], problems));
    return value;
  }
  if (value && typeof value === 'object' && (schema.properties || schema.required)) {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of schema.required ?? [])
      if (!(key in obj)) problems.push({ field: fieldPath([...path, key]), problem: 'is missing' });
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) out[key] = check(sub, v, [...path, key], problems);
      else if (schema.additionalProperties === false)
        problems.push({ field: fieldPath([...path, key]), problem: 'is not allowed' });
      else out[key] = v;
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (!(key in obj) && sub.default !== undefined) out[key] = clone(sub.default);
    }
    return out;
  }
  return value;
}

/** Checks `value` and returns it with defaults filled in, or every problem with its field. */
export function checkJson<T>(
  schema: JsonSchema,
  value: unknown,
): { ok: true; value: T } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const out = check(schema, value, [], problems);
  return problems.length ? { ok: false, problems } : { ok: true, value: out as T };
}

/** Keys the schema does not know, with their paths (config: they warn, they do not fail). */
export function unknownKeysOf(schema: JsonSchema, value: unknown, path: (string | number)[] = []): string[] {
  const s = schema.anyOf?.find((o) => o.type === 'object' || o.properties) ?? schema;
  if (Array.isArray(value))
    return s.items ? value.flatMap((v, i) => unknownKeysOf(s.items as JsonSchema, v, [...path, i])) : [];
  if (!value || typeof value !== 'object' || !s.properties) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const sub = s.properties?.[k];
    return sub ? unknownKeysOf(sub, v, [...path, k]) : [fieldPath([...path, k])];
  });
}
