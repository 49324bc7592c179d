/** What `csm doctor` reads from the machine (adapters/doctor gathers these; domain/doctor judges them). */

export interface WritableProbe {
  /** Repo-relative directory, e.g. `.claude/.csm`. */
  rel: string;
  /** Error code of creating, writing or removing a probe file there (EACCES, ENOSPC …), or null. */
  error: string | null;
}

export interface LinkFact {
  rel: string;
  /** A symlink, or a special file (named pipe, socket, device) where csm writes a regular file. */
  kind?: 'symlink' | 'fifo' | 'socket' | 'device';
  isDir: boolean;
  /** Where it resolves (null when broken). */
  target: string | null;
  /** Resolves outside the repository (or nowhere). */
  outside: boolean;
  /** Resolves into the repository's .git/: csm never writes there. */
  intoGit?: boolean;
}

export interface LockFact {
  /** Lock name: `store` for `.claude/.csm/locks/store.lock`. */
  name: string;
  ownerPid: number | null;
  ownerHost: string | null;
  /** Whether the owner process runs (null when it cannot be told: no owner note, or another host). */
  ownerAlive: boolean | null;
  /** Time since the lock was taken or last refreshed (ms). */
  ageMs: number;
}

/** The raw text of one session's files, as read from `.claude/sessions/`. */
export interface SessionFacts {
  id: string;
  ledger: string | null;
  tasks: string | null;
  markdown: { kind: string; text: string }[];
}

export interface SettingsFact {
  scope: 'user' | 'project' | 'local';
  /** As shown to the user: `~/.claude/settings.json`, `.claude/settings.json` … */
  file: string;
  /** The parsed object; null when the file is missing or broken. */
  value: Record<string, unknown> | null;
  /** Why it could not be read, when it exists. */
  error: string | null;
}
