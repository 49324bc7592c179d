/**
 * Secret redaction for everything csm records under `.claude/` (Bash commands, gate output,
 * reports, memory entries). Pure: no I/O, no globals mutated outside the module's own regexes.
 *
 * Performance contract (this runs on the hook hot path):
 *  - every regex is compiled once at module load;
 *  - every quantifier is either bounded or deterministic (the character classes of adjacent
 *    pieces are disjoint), and rules that might scan far (PEM END search, assignment values)
 *    are driven by hand so that no input is rescanned, keeping the cost linear in the input.
 *
 * Everything is replaced by the literal `[REDACTED]`; key names, header names, URL users and
 * quotes are kept so the text stays readable (and JSON stays valid when the input happens to be
 * serialized JSON: a backslash escape is never cut in half). `redact` is idempotent.
 */

import { isPlaceholder, isSecretName } from './redact/names.ts';
import { redactCommandArgs, redactAssignments } from './redact/commands.ts';
import { redactPrivateKeys } from './redact/private-keys.ts';
import { REDACTED } from './redact/spans.ts';
import { redactTokenShapes } from './redact/token-shapes.ts';
import { redactHighEntropy } from './redact/high-entropy.ts';
import { redactHeaders, redactUrls } from './redact/urls-and-headers.ts';

export { REDACTED } from './redact/spans.ts';
export { isSecretName, type NameMode } from './redact/names.ts';

/** Replaces every secret found in `text` by `[REDACTED]`. Idempotent; returns `text` itself when nothing matched. */
export function redact(text: string): string {
  if (text.length === 0) return text;
  let out = redactPrivateKeys(text);
  out = redactUrls(out);
  out = redactHeaders(out);
  out = redactCommandArgs(out);
  out = redactAssignments(out);
  out = redactTokenShapes(out);
  out = redactHighEntropy(out);
  return out === text ? text : out;
}

/** True when `redact` would change `text`. */
export function containsSecret(text: string): boolean {
  return redact(text) !== text;
}

/**
 * Returns a copy of `value` in which every string inside plain objects and arrays went through
 * `redact`, and every non-empty string stored under a secret-looking key (`password`, `apiKey`,
 * `client_secret`, `Authorization`…) is replaced whole. Numbers, booleans and non-plain objects
 * (Date, Map, class instances) are returned as they are; cycles are preserved.
 */
export function redactDeep<T>(value: T): T {
  return deepRedact(value, new WeakMap()) as T;
}

function deepRedact(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const arr: unknown[] = [];
    seen.set(value, arr);
    for (const item of value as unknown[]) arr.push(deepRedact(item, seen));
    return arr;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const obj: Record<string, unknown> = proto === null ? (Object.create(null) as Record<string, unknown>) : {};
  seen.set(value, obj);
  for (const [k, v] of Object.entries(value)) {
    const next = typeof v === 'string' && !isPlaceholder(v) && isSecretName(k, 'deep') ? REDACTED : deepRedact(v, seen);
    Object.defineProperty(obj, k, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return obj;
}
