/**
 * A command that runs a script in every package of a workspace: `pnpm -r test`, `npm test
 * --workspaces`, `yarn workspaces foreach -A run test`, `turbo run test`, `nx run-many -t test`,
 * `lerna run test`. Read so that a root `test` that only delegates is known as the tests, and so
 * that Stop can run it on the packages a change touched (and the packages that depend on them).
 */
export type WorkspaceRunner = 'pnpm' | 'npm' | 'yarn' | 'turbo' | 'nx' | 'lerna';

export interface WorkspaceRun {
  runner: WorkspaceRunner;
  /** The scripts (tasks) it runs in each package. */
  scripts: string[];
}

const PNPM_VALUE_FLAGS = /^(--filter|-F|--workspace-concurrency|--reporter|--resume-from|--report-summary)$/;

function positional(words: readonly string[], valueFlags: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (valueFlags.test(w)) i++;
    } else out.push(w);
  }
  return out;
}

function pnpmRun(args: readonly string[]): WorkspaceRun | null {
  if (!args.some((a) => /^(-r|--recursive|--filter|-F)$/.test(a) || a.startsWith('--filter='))) return null;
  const pos = positional(args, PNPM_VALUE_FLAGS);
  const script = pos[0] === 'run' ? pos[1] : pos[0];
  return script && !['install', 'i', 'add', 'exec', 'update', 'publish'].includes(script)
    ? { runner: 'pnpm', scripts: [script] }
    : null;
}

function npmRun(args: readonly string[]): WorkspaceRun | null {
  if (!args.some((a) => a === '-ws' || a === '--workspaces')) return null;
  const pos = positional(args, /^(-w|--workspace)$/);
  const script =
    pos[0] === 'test' || pos[0] === 't' ? 'test' : pos[0] === 'run' || pos[0] === 'run-script' ? pos[1] : undefined;
  return script ? { runner: 'npm', scripts: [script] } : null;
}

function yarnRun(args: readonly string[]): WorkspaceRun | null {
  if (args[0] !== 'workspaces') return null;
  const pos = positional(args.slice(1), /^(--include|--exclude|--from|-j|--jobs|--since)$/);
  const at = pos.indexOf('run');
  const script = at >= 0 ? pos[at + 1] : undefined;
  return script ? { runner: 'yarn', scripts: [script] } : null;
}

function taskRun(tool: string, args: readonly string[]): WorkspaceRun | null {
  if (tool === 'turbo') {
    const pos = positional(
      args,
      /^(--filter|-F|--concurrency|--cache-dir|--output-logs|--log-order|--env-mode|--graph)$/,
    );
    const tasks = pos[0] === 'run' ? pos.slice(1) : pos;
    return tasks.length && !['prune', 'login', 'link', 'gen', 'daemon', 'ls', 'query'].includes(tasks[0] as string)
      ? { runner: 'turbo', scripts: tasks }
      : null;
  }
  if (tool === 'nx' && (args[0] === 'run-many' || args[0] === 'affected')) {
    const targets: string[] = [];
    args.forEach((a, i) => {
      const v = /^(-t|--target|--targets)$/.test(a)
        ? args[i + 1]
        : /^--targets?=/.exec(a)
          ? a.slice(a.indexOf('=') + 1)
          : undefined;
      if (v) targets.push(...v.split(','));
    });
    return targets.length ? { runner: 'nx', scripts: targets } : null;
  }
  if (tool === 'lerna' && args[0] === 'run') {
    const script = positional(args.slice(1), /^(--scope|--ignore|--concurrency|--since)$/)[0];
    return script ? { runner: 'lerna', scripts: [script] } : null;
  }
  return null;
}

/** The workspace run in a command's words (wrappers already removed), or null. */
export function workspaceRun(words: readonly string[]): WorkspaceRun | null {
  const [tool = '', ...args] = words;
  if (tool === 'pnpm') return pnpmRun(args);
  if (tool === 'npm') return npmRun(args);
  if (tool === 'yarn') return yarnRun(args);
  return taskRun(tool, args);
}
