/**
 * Enough of JSON Schema (draft-07) to check a hook answer against Codex's closed output schemas
 * (test/fixtures/codex-hook-schemas/): `$ref` into `definitions`, `allOf`, `type`, `const`,
 * `enum`, `properties`, `required` and `additionalProperties: false`. Returns the problems, none
 * when the value fits.
 */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  definitions?: Record<string, Schema>;
  default?: unknown;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function closedSchemaProblems(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  const visit = (s: Schema, v: unknown, at: string): void => {
    if (s.$ref) {
      const name = s.$ref.replace('#/definitions/', '');
      const def = root.definitions?.[name];
      if (!def) problems.push(`${at}: unknown $ref ${s.$ref}`);
      else visit(def, v, at);
    }
    // a property left at its default (null) is what Codex reads when the key is absent
    if ('default' in s && v === s.default) return;
    for (const part of s.allOf ?? []) visit(part, v, at);
    if (s.type && typeOf(v) !== s.type) problems.push(`${at}: ${typeOf(v)}, not ${s.type}`);
    if ('const' in s && v !== s.const) problems.push(`${at}: ${JSON.stringify(v)}, not ${JSON.stringify(s.const)}`);
    if (s.enum && !s.enum.includes(v)) problems.push(`${at}: ${JSON.stringify(v)} not in ${JSON.stringify(s.enum)}`);
    if (typeOf(v) !== 'object') return;
    const obj = v as Record<string, unknown>;
    for (const k of s.required ?? []) if (!(k in obj)) problems.push(`${at}: ${k} missing`);
    for (const [k, sub] of Object.entries(obj)) {
      const prop = s.properties?.[k];
      if (prop) visit(prop, sub, `${at}.${k}`);
      else if (s.additionalProperties === false) problems.push(`${at}: ${k} is not allowed`);
    }
  };
  visit(root, value, '$');
  return problems;
}
