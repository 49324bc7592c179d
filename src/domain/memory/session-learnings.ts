import { redact } from '../redact.ts';
import { fmtTime } from '../reports/format-time.ts';
import { type FixedFailure, gateChanges } from '../reports/gate-changes.ts';
import type { SessionState } from '../tasks/session-state.ts';

/**
 * What a session teaches the project's memory, decided from the ledger state:
 * - errors.md: every gate failure that a later run of the same gate turned into a pass
 *   (symptom = the gate and its first failing lines, fix = what passed after and the files
 *   edited in between);
 * - decisions.md: task outputs that start with "Decision:" (decisions added with
 *   `csm memory add decisions` are in decisions.md already and are not repeated).
 * Texts are redacted; the entry's date and session come from addMemoryEntries.
 */
export interface Learnings {
  errors: string[];
  decisions: string[];
}

const MAX_LINES = 3;
const MAX_CHARS = 200;
const DECISION = /^\s*decision:\s*/i;

const clip = (l: string): string => (l.length > MAX_CHARS ? `${l.slice(0, MAX_CHARS - 1)}…` : l);
const failingLines = (summary: string): string[] =>
  redact(summary)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, MAX_LINES)
    .map(clip);

function errorEntry(s: SessionState, f: FixedFailure): string {
  const from = Date.parse(f.failedAt);
  const to = Date.parse(f.fixedAt);
  const edits = s.edits.filter((e) => {
    const t = Date.parse(e.t);
    return t > from && t <= to;
  });
  const files = [...new Set(edits.map((e) => e.path))];
  const tasks = [...new Set(edits.flatMap((e) => (e.task ? [e.task] : [])))].map((id) => {
    const t = s.tasks.find((x) => x.id === id);
    return t ? `${id} ${t.title}` : id;
  });
  const lines = failingLines(f.failSummary);
  const what = f.introduced ? 'broke after passing earlier in the session' : 'was failing';
  // what changed between the failing and the passing run, as far as the ledger knows — never a guess
  const reconfigured = f.passCommand !== null && f.command !== null && f.passCommand !== f.command;
  const fix = reconfigured
    ? `passed at ${fmtTime(f.fixedAt)} after the gate itself changed (\`${f.command ?? 'built-in'}\` → ` +
      `\`${f.passCommand ?? 'built-in'}\`): a configuration ` +
      `change${files.length ? `, with edits to ${files.join(', ')}` : ''}`
    : files.length
      ? `passed at ${fmtTime(f.fixedAt)} after edits to ` +
        `${files.join(', ')}${tasks.length ? ` (${tasks.join('; ')})` : ''}`
      : `passed again at ${fmtTime(f.fixedAt)} with nothing csm tracks changed in between — environment ` +
        `(dependencies, services, time) or a flaky check`;
  return [
    `${f.gate} gate failed: ${lines[0] ?? 'no output'}`,
    `- Symptom: \`${f.gate}\` ${what} ` +
      `(${fmtTime(f.failedAt)})${lines.length > 1 ? `: ${lines.slice(1).join(' · ')}` : ''}`,
    `- Fix: ${fix}`,
    `- Files: ${files.length ? files.join(', ') : 'none recorded'}`,
    ...(f.command ? [`- Re-run: \`${f.command}\``] : []),
  ].join('\n');
}

export function sessionLearnings(s: SessionState): Learnings {
  const errors = gateChanges(s.gateRuns).fixed.map((f) => errorEntry(s, f));
  const known = new Set(s.memory.filter((m) => m.kind === 'decisions').map((m) => m.text.trim()));
  const decisions: string[] = [];
  for (const t of s.tasks) {
    if (!t.output || !DECISION.test(t.output)) continue;
    const text = redact(t.output.replace(DECISION, '').trim());
    if (!text || known.has(text) || known.has(t.output.trim())) continue;
    decisions.push(`${text}\n- From ${t.id} ${t.title}${t.agent ? ` (${t.agent})` : ''}`);
  }
  return { errors, decisions };
}
