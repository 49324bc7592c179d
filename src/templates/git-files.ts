/** `.claude/.gitignore`: the machine-local state stays out of git. */
export const GITIGNORE = `# csm: machine-local state (active session, locks, caches, debug log)\n.csm/\n`;

/** `.claude/.gitattributes`: session files, memory and metrics history keep both sides' lines when branches merge. */
export const GITATTRIBUTES =
  `# csm: keep both sides' lines when branches merge (csm doctor --fix splits a session number used on ` +
  `both)\nsessions/* merge=union\nmemory/*.md merge=union\nmetrics-history.jsonl merge=union\n`;
