/**
 * One line of `csm doctor`: what was checked, how it stands, and the exact fix.
 * Pure data: the app gathers facts, the domain turns them into checks, the app applies the fixes.
 */
export type CheckStatus = 'ok' | 'warn' | 'problem';

/** What `csm doctor --fix` does about a check (the app carries it out). */
export type FixAction =
  | { kind: 'rebuild-tasks'; session: string; moveAside: boolean }
  | { kind: 'clear-active' }
  | { kind: 'remove-lock'; lock: string }
  | { kind: 'append-lines'; file: '.gitignore' | '.gitattributes'; lines: string[] }
  | { kind: 'renumber'; session: string }
  | { kind: 'resolve-conflict'; session: string }
  | { kind: 'finish-completion'; session: string };

export interface Check {
  /** Stable id, e.g. `node`, `tasks:002`, `lock:store`. */
  id: string;
  area:
    | 'environment'
    | 'config'
    | 'store'
    | 'writable'
    | 'symlinks'
    | 'locks'
    | 'git files'
    | 'hooks'
    | 'merge'
    | 'checks';
  status: CheckStatus;
  message: string;
  /** The command or action that fixes it; null when nothing needs doing. */
  fix: string | null;
  /** Set when `csm doctor --fix` can repair it. */
  action: FixAction | null;
}

export const FIX_COMMAND = 'csm doctor --fix';

type Area = Check['area'];

export const ok = (id: string, area: Area, message: string): Check => ({
  id,
  area,
  status: 'ok',
  message,
  fix: null,
  action: null,
});
export const warn = (
  id: string,
  area: Area,
  message: string,
  fix: string | null,
  action: FixAction | null = null,
): Check => ({ id, area, status: 'warn', message, fix, action });
export const problem = (
  id: string,
  area: Area,
  message: string,
  fix: string | null,
  action: FixAction | null = null,
): Check => ({ id, area, status: 'problem', message, fix, action });

export interface DoctorSummary {
  ok: number;
  warn: number;
  problem: number;
  /** 1 when a problem remains, else 0. */
  exitCode: 0 | 1;
}

export function summarize(checks: readonly Check[]): DoctorSummary {
  const count = (s: CheckStatus): number => checks.filter((c) => c.status === s).length;
  const problems = count('problem');
  return { ok: count('ok'), warn: count('warn'), problem: problems, exitCode: problems > 0 ? 1 : 0 };
}

/**
 * The actions to run for `--fix`, in a safe order (locks first, so the other fixes can take the lock; renumbering
 * before tasks rebuilds).
 */
export function fixPlan(checks: readonly Check[]): FixAction[] {
  const order: FixAction['kind'][] = [
    'remove-lock',
    'resolve-conflict',
    'renumber',
    'rebuild-tasks',
    'clear-active',
    'append-lines',
  ];
  const actions = checks.filter((c) => c.status !== 'ok' && c.action).map((c) => c.action as FixAction);
  return actions.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
