/** 7 → "007"; 1234 → "1234". */
export const formatSessionId = (n: number): string => String(n).padStart(3, '0');

/** Accepts "task-3", "3" or "#3" and returns "task-3", or null. */
export function normalizeTaskId(input: string): string | null {
  const m = /^(?:task-|#)?([1-9][0-9]{0,5})$/.exec(input.trim());
  return m ? `task-${m[1]}` : null;
}

export const SESSION_FILE_RE =
  /^session-([0-9]{3,9})-(context\.md|plan\.md|tests\.md|tasks\.json|completed\.md|review\.md|events\.jsonl)$/;
