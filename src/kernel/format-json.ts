/**
 * JSON as the common formatters write it (prettier, oxfmt and biome agree for csm's data): objects
 * one key a line, an array of plain values on one line when that line fits in 80 columns (its
 * trailing comma included), else one value a line; arrays holding objects one element a line.
 * A project's `prettier --check .` then finds nothing to change in the files csm writes.
 */
import { textWidth } from './text-width.ts';

const WIDTH = 80;

const isPlain = (v: unknown): boolean => v === null || typeof v !== 'object';
/** A value on one line, or null when it cannot be (an object with keys is always expanded). */
function inlineOf(v: unknown): string | null {
  if (isPlain(v)) return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    const parts = v.map(inlineOf);
    return parts.every((p) => p !== null) ? `[${parts.join(', ')}]` : null;
  }
  return Object.keys(v as object).length === 0 ? '{}' : null;
}

function print(v: unknown, indent: string, level: number, column: number, after: number): string {
  if (isPlain(v)) return JSON.stringify(v) ?? 'null';
  const pad = indent.repeat(level + 1);
  const close = indent.repeat(level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inline = inlineOf(v);
    if (inline !== null && column + textWidth(inline) + after <= WIDTH) return inline;
    const items = v.map((x, i) => `${pad}${print(x, indent, level + 1, pad.length, i < v.length - 1 ? 1 : 0)}`);
    return `[\n${items.join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, x], i) => {
    const key = `${pad}${JSON.stringify(k)}: `;
    return `${key}${print(x, indent, level + 1, textWidth(key), i < entries.length - 1 ? 1 : 0)}`;
  });
  return `{\n${lines.join(',\n')}\n${close}}`;
}

/** `value` as formatted JSON text with a final newline; `indent` is two spaces unless the project uses another. */
export function formatJson(value: unknown, indent = '  '): string {
  return `${print(value, indent, 0, 0, 0)}\n`;
}
