/** Plain data about the repository, as the git adapter reports it. */
export interface GitState {
  isRepo: boolean;
  branch: string | null;
  head: string | null;
  uncommitted: string[];
  recentCommits: { hash: string; subject: string; date: string }[];
}

export interface NumstatRow {
  path: string;
  added: number;
  removed: number;
}
