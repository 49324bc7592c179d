import { hasConflictMarkers, resolveConflictMarkers, splitLines } from './conflict-markers.ts';
import { scanLedger } from './ledger-scan.ts';

/**
 * Two branches that both created session NNN, merged with `sessions/* merge=union`: the ledger
 * holds both sessions' events (ours, then theirs), each markdown file holds both documents, and
 * tasks.json no longer parses. Everything here is text in, text out.
 */

export const MARKDOWN_KINDS = ['context.md', 'plan.md', 'tests.md', 'completed.md', 'review.md'] as const;
export const LEDGER_KIND = 'events.jsonl';

/** The two versions git merged (from the merge commit's parents or HEAD/MERGE_HEAD) and what the merge wrote. */
export interface MergeSides {
  ours: string | null;
  theirs: string | null;
  merged: string | null;
}

const HEADING = /^#[ \t]+Session[ \t]+0*([0-9]+)\b/;

/** 0-based line indexes of the top headings naming this session (`# Session 007 Plan`). */
export function sessionHeadings(text: string, session: string): number[] {
  const n = Number(session);
  const out: number[] = [];
  splitLines(text).forEach((line, i) => {
    const m = HEADING.exec(line);
    if (m && Number(m[1]) === n) out.push(i);
  });
  return out;
}

export interface MergeDamage {
  session: string;
  /** 1-based lines of the ledger's `session.started` events (more than one: two sessions share the number). */
  ledgerStarts: number[];
  /** Markdown files with more than one top heading of the session. */
  doubledDocs: string[];
  /** Files holding git conflict markers. */
  conflicted: string[];
  /** Two sessions share the number (so --fix renumbers one), rather than one session merged with conflicts. */
  duplicate: boolean;
}

/** What a merge did to one session's files, or null when they look like one session. */
export function findMergeDamage(session: string, files: readonly { kind: string; text: string }[]): MergeDamage | null {
  const ledger = files.find((f) => f.kind === LEDGER_KIND)?.text ?? '';
  const conflicted = files.filter((f) => hasConflictMarkers(f.text)).map((f) => f.kind);
  const resolved = conflicted.includes(LEDGER_KIND) ? resolveConflictMarkers(ledger) : null;
  const ledgerStarts = scanLedger(resolved ? resolved.union : ledger).sessionStarts;
  const doubledDocs = files
    .filter((f) => f.kind.endsWith('.md') && sessionHeadings(f.text, session).length > 1)
    .map((f) => f.kind);
  if (ledgerStarts.length <= 1 && doubledDocs.length === 0 && conflicted.length === 0) return null;
  return { session, ledgerStarts, doubledDocs, conflicted, duplicate: ledgerStarts.length > 1 };
}

/**
 * The exact first and second versions of a merged file, when they can be known: from conflict
 * markers, or from git's two sides when the file is still what the merge wrote (lines appended
 * since the merge belong to the first, the session this clone kept working on).
 */
export function exactSides(
  current: string,
  sides: MergeSides | null,
): { first: string | null; second: string | null; how: 'conflict markers' | 'git merge' } | null {
  const marked = resolveConflictMarkers(current);
  if (marked) return { first: marked.ours, second: marked.theirs, how: 'conflict markers' };
  if (!sides || sides.merged === null || (sides.ours === null && sides.theirs === null)) return null;
  if (current === sides.merged) return { first: sides.ours, second: sides.theirs, how: 'git merge' };
  if (sides.ours !== null && sides.merged.endsWith('\n') && current.startsWith(sides.merged)) {
    return { first: sides.ours + current.slice(sides.merged.length), second: sides.theirs, how: 'git merge' };
  }
  return null;
}
