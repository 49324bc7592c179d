/**
 * The store under .claude/ refusing or failing: links it will not follow, files that are not what csm
 * wrote, the lock, and reads and writes the system refused (`new CsmError(code, ...msg.store.x(…))`).
 */

const REWRITE_TASKS = 'correct that field, or rebuild the file from the ledger with: csm doctor --fix';

export const store = {
  brokenLink: (rel: string): [string, { fix: string }] => [
    `${rel} is a broken symlink; csm will not read or write through it`,
    { fix: 'remove the link (csm creates a real file or directory there next time)' },
  ],
  linkIntoGit: (rel: string, real: string): [string, { fix: string }] => [
    `${rel} is a symlink into .git (${real}); csm never writes there`,
    { fix: 'replace the link with a real file or directory' },
  ],
  linkOutside: (rel: string, real: string, root: string): [string, { fix: string }] => [
    `${rel} is a symlink to ${real}, outside the repository; csm will not read or write there`,
    { fix: `replace the link with a real file or directory, or move the target inside ${root}` },
  ],
  linkInside: (rel: string, real: string): [string, { fix: string }] => [
    `${rel} is a symlink (to ${real}); csm does not read or write through links under .claude/`,
    { fix: 'replace the link with a real file or directory (csm doctor shows the command)' },
  ],
  outsideClaude: (target: string, claude: string): [string] => [`refusing to write ${target}: it is outside ${claude}`],

  tasksOffSchema: (file: string, problems: string): [string, { fix: string }] => [
    `${file} does not match the tasks schema: ${problems}`,
    { fix: REWRITE_TASKS },
  ],
  /** `field`: a top-level field name, or the index of a task in `tasks`. */
  tasksFieldNotWritten: (file: string, field: string | number): [string, { fix: string }] => [
    `${file} does not match the tasks schema: ` +
      `${typeof field === 'string' ? field : `tasks[${field}]`} is not what csm wrote`,
    { fix: REWRITE_TASKS },
  ],
  tasksNotJson: (file: string, why: string, rel: string): [string, { fix: string }] => [
    `${file} is not valid JSON (${why})`,
    { fix: `restore it (git checkout -- ${rel}) or rebuild it from the ledger with: csm doctor --fix` },
  ],
  ledgerLineNotJson: (file: string, line: number): [string, { fix: string }] => [
    `${file} line ${line} is not valid JSON`,
    { fix: `repair or delete line ${line} (the ledger is append-only JSON lines; git diff shows what changed)` },
  ],
  ledgerLineNotEvent: (file: string, line: number): [string, { fix: string }] => [
    `${file} line ${line} is not a csm event (needs "type" and "t")`,
    { fix: `repair or delete line ${line}` },
  ],

  locked: (lockDir: string): [string, { fix: string }] => [
    `the store is locked by another csm process (${lockDir})`,
    { fix: 'wait a moment and retry; if no csm process is running, delete that directory' },
  ],

  // what failed, for ioError(what, cause)
  couldNotRead: (file: string): string => `could not read ${file}`,
  couldNotWrite: (file: string): string => `could not write ${file}`,
  couldNotAppend: (file: string): string => `could not append to ${file}`,
  couldNotCreate: (dir: string): string => `could not create ${dir}`,
  couldNotLock: (lockDir: string): string => `could not take the lock ${lockDir}`,
  /** A failed read or write with the system's error code, and the fix when the code says one. */
  ioFailed: (what: string, code: string | undefined): [string, { fix?: string }] => [
    `${what}${code ? ` (${code})` : ''}`,
    code === 'ENOSPC'
      ? { fix: 'the disk is full: free some space and run the command again' }
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? { fix: 'the store is not writable: check the permissions of .claude/ (csm doctor shows them)' }
        : {},
  ],
};
