import { redact } from '../redact.ts';

/**
 * The line of a gate's output a report shows for it: the first failure it names (`✗ …`), else its
 * first line — never one of csm's own notes about how the gate ran. Redacted: reports are committed.
 */
export function failureLine(summary: string): string {
  const lines = summary
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return redact(lines.find((l) => l.startsWith('✗')) ?? lines[0] ?? '');
}
