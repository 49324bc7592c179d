import { openProject, type Project, requireActive as activeOf } from '../usecases/session/open-store.ts';
import { msg } from '../messages/index.ts';
import type { Out } from './output.ts';

export interface CliContext extends Project {
  out: Out;
  /** Runs another csm command line in this process (demo and profile drive the CLI as a user would). */
  csm(argv: readonly string[]): Promise<number>;
}

/** The project the command runs in, with config warnings printed once on stderr. */
export function loadContext(
  cwd: string,
  out: Out,
  csm: CliContext['csm'],
  opts: { lenientConfig?: boolean } = {},
): CliContext {
  const project = openProject(cwd, { ...opts, onLockWait: (holder) => out.error(msg.lockWaiting(holder)) });
  for (const w of project.configWarnings) out.error(msg.warning(w));
  return { ...project, out, csm };
}

/** The active session id, or a user error that says how to start one. */
export const requireActive = (ctx: CliContext): string => activeOf(ctx.store);
