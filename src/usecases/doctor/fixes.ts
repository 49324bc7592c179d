import path from 'node:path';
import { moveAside, removeLockDir } from '../../adapters/doctor/repair.ts';
import { readLock, sessionFileNames } from '../../adapters/doctor/store-facts.ts';
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import { assertWritable } from '../../adapters/store/paths.ts';
import { writeStoreFile } from '../../adapters/store/store-files.ts';
import { TasksFileSchema } from '../../contracts/tasks.ts';
import { parseWith } from '../../contracts/validate.ts';
import type { FixAction } from '../../domain/doctor/check.ts';
import { resolveConflictMarkers } from '../../domain/doctor/conflict-markers.ts';
import { STALE_LOCK_MS } from '../../domain/doctor/setup-checks.ts';
import { appendLines, missingLines } from '../../domain/doctor/text-lines.ts';
import { foldEvents } from '../../domain/tasks/fold-events.ts';
import { errorMessage } from '../../errors.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import { GITATTRIBUTES, GITIGNORE } from '../../templates/git-files.ts';
import type { FixContext } from './fix-context.ts';
import { renumberSession } from './renumber.ts';
import { completeSession } from '../session/complete-session.ts';

export interface FixOutcome {
  action: FixAction;
  done: boolean;
  message: string;
}

const tasksFileValid = (text: string): boolean => {
  try {
    return parseWith(TasksFileSchema, JSON.parse(text)).ok;
  } catch {
    return false;
  }
};

/**
 * Rewrites tasks.json from the ledger; a file that fails its schema is moved aside first, never deleted. Call inside
 * the lock.
 */
export function rebuildTasks(ctx: FixContext, session: string, aside: boolean): string {
  const { store } = ctx;
  const id = formatSessionId(Number(session));
  const file = store.sessionFile(id, 'tasks.json');
  assertWritable(ctx.paths, file);
  const { events } = store.readEvents(id);
  const current = readTextIfExists(file);
  let moved: string | null = null;
  if (current !== null && aside && !tasksFileValid(current)) moved = moveAside(ctx.paths, file, ctx.stamp);
  else ctx.backup.save(file);
  const state = foldEvents(id, events);
  state.session = id;
  store.writeTasks(state);
  const rel = path.relative(store.root, file);
  return moved
    ? `moved ${rel} to ${path.basename(moved)} and rebuilt it from the ledger`
    : `rebuilt ${rel} from the ledger`;
}

function removeLock(ctx: FixContext, name: string): string {
  const lock = readLock(ctx.paths.locks, name);
  const rel = `.claude/.csm/locks/${name}.lock`;
  if (!lock) return `${rel} is already gone`;
  // judged again right before removing: a lock another process just took is left alone
  if (lock.ownerAlive !== false && lock.ageMs <= STALE_LOCK_MS)
    throw new Error(`${rel} is held by a running process now; left alone`);
  removeLockDir(ctx.paths.locks, name);
  return `removed the stale lock ${rel}`;
}

function appendMissing(ctx: FixContext, name: '.gitignore' | '.gitattributes'): string {
  const file = path.join(ctx.paths.claude, name);
  const template = name === '.gitignore' ? GITIGNORE : GITATTRIBUTES;
  assertWritable(ctx.paths, file);
  const existing = readTextIfExists(file);
  const lines = missingLines(existing, template);
  if (lines.length === 0) return `.claude/${name} already has csm's lines`;
  ctx.backup.save(file);
  writeStoreFile(ctx.paths, file, appendLines(existing, template, lines));
  return `appended ${lines.join(', ')} to .claude/${name}`;
}

/**
 * One session merged with conflict markers: keeps both sides' lines (as merge=union would), then rebuilds tasks.json.
 */
function resolveConflict(ctx: FixContext, session: string): string {
  const { paths } = ctx;
  const resolved: string[] = [];
  for (const name of sessionFileNames(paths).get(formatSessionId(Number(session))) ?? []) {
    if (name.endsWith('-tasks.json')) continue;
    const file = path.join(paths.sessions, name);
    const sides = resolveConflictMarkers(readTextIfExists(file) ?? '');
    if (!sides) continue;
    assertWritable(paths, file);
    ctx.backup.save(file);
    writeStoreFile(paths, file, sides.union);
    resolved.push(name);
  }
  const tasks = rebuildTasks(ctx, session, true);
  const kept = resolved.join(', ') || 'no file';
  return `kept both sides of the conflicts in ${kept}; ${tasks}; now: git add .claude/sessions`;
}

async function clearActive(ctx: FixContext): Promise<string> {
  ctx.backup.save(ctx.paths.active);
  await ctx.store.setActive(null);
  return 'cleared the active-session pointer';
}

/** Runs the steps of an interrupted `csm complete` again; each adds only what is missing. */
async function finishCompletion(ctx: FixContext, session: string): Promise<string> {
  const r = await completeSession(ctx.store, ctx.config, session, {
    runGates: false,
    auto: false,
    now: ctx.store.now(),
  });
  if (r.warnings.length) throw new Error(r.warnings.join('; '));
  const memory = r.memory.errors + r.memory.decisions;
  const entries = `${memory} memory entr${memory === 1 ? 'y' : 'ies'} added`;
  const history = r.record ? 'the metrics-history line added' : 'the metrics-history line was there';
  return `finished the completion of session ${r.session}: reports rewritten, ${entries}, ${history}`;
}

/** One repair; null when it has nothing left to do (a session renumbered before gets its tasks.json there). */
async function applyOne(ctx: FixContext, action: FixAction, renumbered: Set<string>): Promise<string | null> {
  switch (action.kind) {
    case 'remove-lock':
      return removeLock(ctx, action.lock);
    case 'renumber': {
      const r = await renumberSession(ctx, action.session);
      renumbered.add(action.session);
      return r.message;
    }
    case 'resolve-conflict':
      return ctx.store.locked(() => resolveConflict(ctx, action.session));
    case 'rebuild-tasks':
      return renumbered.has(action.session)
        ? null
        : ctx.store.locked(() => rebuildTasks(ctx, action.session, action.moveAside));
    case 'clear-active':
      return clearActive(ctx);
    case 'append-lines':
      return ctx.store.locked(() => appendMissing(ctx, action.file));
    case 'finish-completion':
      return finishCompletion(ctx, action.session);
  }
}

/** Runs the fixes in order; one that fails is reported and the others still run. */
export async function applyFixes(ctx: FixContext, actions: readonly FixAction[]): Promise<FixOutcome[]> {
  const out: FixOutcome[] = [];
  const renumbered = new Set<string>();
  for (const action of actions) {
    try {
      const message = await applyOne(ctx, action, renumbered);
      if (message !== null) out.push({ action, done: true, message });
    } catch (e) {
      out.push({ action, done: false, message: errorMessage(e) });
    }
  }
  return out;
}
