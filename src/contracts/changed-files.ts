/** One file of the working tree as the gate fingerprints see it. */
export interface FileEntry {
  path: string;
  /** -1 for a deleted file. */
  size: number;
  mtimeMs: number;
}

/** The working tree's changes: the input of gate fingerprints and report keys. */
export interface ChangedFiles {
  isRepo: boolean;
  head: string | null;
  /** Files changed against HEAD (tracked and untracked), or every file outside git; `.claude/` left out. */
  entries: FileEntry[];
}
