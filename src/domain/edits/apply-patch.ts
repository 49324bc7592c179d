/**
 * Codex's edit tool, apply_patch, as csm reads it: the hook gets the patch text only (no file
 * path, no structured result), so the files it touched and the lines it changed come from the
 * patch itself. The format: `*** Begin Patch`, then per file `*** Add File: <path>` (every line
 * `+`), `*** Delete File: <path>`, or `*** Update File: <path>` with an optional
 * `*** Move to: <path>` and hunks (`@@ …`, then ` `, `-` and `+` lines), then `*** End Patch`.
 */

import { statedExitCode } from './edit-facts.ts';

export type PatchChange = 'add' | 'update' | 'delete';

/** One file section of a patch, as written. */
export interface PatchSection {
  path: string;
  change: PatchChange;
  /** `*** Move to:` of an update: the file's new path. */
  movedTo: string | null;
  added: number;
  removed: number;
}

/** A file the patch touched, with the lines it added and removed there. */
export interface TouchedFile {
  path: string;
  added: number;
  removed: number;
}

const HEADER = /^\*\*\* (Add|Update|Delete) File: (.*)$/;
const MOVE = /^\*\*\* Move to: (.*)$/;
const CHANGE: Record<string, PatchChange> = { Add: 'add', Update: 'update', Delete: 'delete' };

/** A path as the patch names it: trimmed; an empty one is no path. */
const pathOf = (text: string): string | null => {
  const p = text.trim();
  return p === '' ? null : p;
};

/**
 * The file sections of a patch, in order. Lenient: lines outside a section (the envelope,
 * `*** End of File`, text a model added around the patch) are skipped; a section with no usable
 * path is left out.
 */
export function patchSections(text: string): PatchSection[] {
  const out: PatchSection[] = [];
  let cur: PatchSection | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = HEADER.exec(line);
    if (header) {
      const path = pathOf(header[2] ?? '');
      cur = path ? { path, change: CHANGE[header[1] ?? ''] ?? 'update', movedTo: null, added: 0, removed: 0 } : null;
      if (cur) out.push(cur);
      continue;
    }
    if (!cur) continue;
    const move = MOVE.exec(line);
    if (move && cur.change === 'update') {
      cur.movedTo = pathOf(move[1] ?? '');
      continue;
    }
    if (line.startsWith('***')) {
      // `*** End Patch` closes the last section; `*** End of File` only marks a hunk's end
      if (line.startsWith('*** End Patch')) cur = null;
      continue;
    }
    if (cur.change === 'delete') continue;
    if (line.startsWith('+')) cur.added++;
    else if (line.startsWith('-') && cur.change === 'update') cur.removed++;
  }
  return out;
}

/**
 * Every file a patch touched, once each, in the order the patch first names it: an added,
 * updated or deleted file with its lines; a moved file twice — where it went, with the hunks'
 * lines, and where it was, with none (the task touched both paths).
 */
export function touchedFiles(text: string): TouchedFile[] {
  const byPath = new Map<string, TouchedFile>();
  const touch = (path: string, added: number, removed: number): void => {
    const seen = byPath.get(path);
    if (seen) {
      seen.added += added;
      seen.removed += removed;
    } else byPath.set(path, { path, added, removed });
  };
  for (const s of patchSections(text)) {
    if (s.movedTo && s.movedTo !== s.path) {
      touch(s.path, 0, 0);
      touch(s.movedTo, s.added, s.removed);
    } else touch(s.path, s.added, s.removed);
  }
  return [...byPath.values()];
}

/**
 * The patch an apply_patch call applied (its `tool_input.command`), or null: another tool, no
 * patch text, or a result that states it failed.
 */
export function appliedPatch(
  toolName: string | undefined,
  toolInput: Record<string, unknown> | undefined,
  toolResponse: unknown,
): string | null {
  if (toolName !== 'apply_patch') return null;
  const text = toolInput?.command;
  if (typeof text !== 'string' || text === '') return null;
  const code = statedExitCode(toolResponse);
  return code === null || code === 0 ? text : null;
}
