import type * as z from 'zod/mini';

/** One problem in a file or input, named by its field path. */
const jsonOf = (v: unknown): string => JSON.stringify(v);

export interface FieldProblem {
  field: string;
  problem: string;
}

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
};

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown => {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
};

export const fieldPath = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(top level)'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

/** Turns zod issues into messages a person can act on (zod/mini carries no locale text). */
export function toProblems(issues: readonly z.core.$ZodIssue[], input: unknown): FieldProblem[] {
  return issues.map((issue) => {
    const field = fieldPath(issue.path);
    const got = valueAt(input, issue.path);
    switch (issue.code) {
      case 'invalid_type':
        return {
          field,
          problem:
            got === undefined
              ? `is missing (expected ${issue.expected})`
              : `expected ${issue.expected}, got ${describe(got)}`,
        };
      case 'invalid_value':
        return {
          field,
          problem: `must be one of ${issue.values.map(jsonOf).join(', ')}; got ${JSON.stringify(got)}`,
        };
      case 'too_small':
        return { field, problem: `is too small (minimum ${String(issue.minimum)})` };
      case 'too_big':
        return { field, problem: `is too big (maximum ${String(issue.maximum)})` };
      case 'invalid_format':
        return { field, problem: `does not match the expected format (${issue.format})` };
      case 'unrecognized_keys':
        return { field, problem: `has unknown keys: ${issue.keys.join(', ')}` };
      default:
        return { field, problem: issue.message && issue.message !== 'Invalid input' ? issue.message : 'is not valid' };
    }
  });
}

export const formatProblems = (problems: readonly FieldProblem[]): string =>
  problems.map((p) => `${p.field} ${p.problem}`).join('; ');

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function parseWith<T>(schema: z.ZodMiniType<T>, input: unknown): Parsed<T> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: toProblems(r.error.issues, input) };
}
