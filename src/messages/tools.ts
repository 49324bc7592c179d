/** csm's own tools (demo, hook bundles) and the files a person names on the command line. */

/** Why a file could not be read, in words, for the common system error codes. */
const WHY: Record<string, string> = {
  ENOENT: 'there is no such file',
  EACCES: 'you may not read it (permissions)',
  EISDIR: 'it is a folder, not a file',
};

export const tools = {
  demoGitFailed: (command: string | undefined, detail: string | undefined): [string, { fix: string }] => [
    `git ${command} failed in the demo repo: ${detail}`,
    { fix: 'csm demo needs git on the PATH' },
  ],
  hookBundleMissing: (name: string): [string, { fix: string }] => [
    `the hook bundle ${name}.mjs is missing`,
    { fix: 'run npm run build' },
  ],
  /** `source`: the path given, or `-` for stdin; `why`: the system's error code or text when it has no words here. */
  inputUnreadable: (what: string, source: string, why: string, cwd: string): [string, { fix: string }] => [
    `could not read ${what} from ${source === '-' ? 'stdin' : source}: ${WHY[why] ?? why}`,
    { fix: source === '-' ? `pipe ${what} in: … | csm …` : `check the path (from ${cwd}), or give - for stdin` },
  ],
};
