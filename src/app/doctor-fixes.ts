import fs from 'node:fs';
import path from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../adapters/store/atomic-file.ts';
import { readLedger } from '../adapters/store/ledger.ts';
import { assertWritable } from '../adapters/store/paths.ts';
import type { SessionStore } from '../adapters/store/session-store.ts';
import { TasksFileSchema } from '../contracts/tasks.ts';
import { parseWith } from '../contracts/validate.ts';
import type { FixAction } from '../domain/doctor/check.ts';
import { resolveConflictMarkers } from '../domain/doctor/conflict-markers.ts';
import { STALE_LOCK_MS } from '../domain/doctor/setup-checks.ts';
import { appendLines, missingLines } from '../domain/doctor/text-lines.ts';
import { formatSessionId } from '../domain/ids.ts';
import { foldEvents } from '../domain/tasks/session-state.ts';
import { errorMessage } from '../errors.ts';
import { readLock, sessionFileNames } from './doctor-facts.ts';
import { renumberSession } from './doctor-renumber.ts';
import { GITATTRIBUTES, GITIGNORE } from './init-store.ts';

export interface FixOutcome {
  action: FixAction;
  done: boolean;
  message: string;
}

/** Copies files into one backup directory under `.claude/.csm/` before doctor changes them. */
export class Backup {
  readonly dir: string;
  private readonly claude: string;
  used = false;

  constructor(store: SessionStore, stamp: string) {
    this.claude = store.paths.claude;
    let dir = path.join(store.paths.local, `doctor-backup-${stamp}`);
    for (let i = 1; fs.existsSync(dir); i++) dir = path.join(store.paths.local, `doctor-backup-${stamp}-${i}`);
    this.dir = dir;
  }

  /** Keeps a copy of `file` (no-op when it does not exist). */
  save(file: string): void {
    if (!fs.existsSync(file)) return;
    const target = path.join(this.dir, path.relative(this.claude, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
    this.used = true;
  }
}

export interface FixContext {
  store: SessionStore;
  backup: Backup;
  /** Time stamp for file names (`.corrupt-<stamp>`). */
  stamp: string;
}

const tasksFileValid = (text: string): boolean => {
  try {
    return parseWith(TasksFileSchema, JSON.parse(text)).ok;
  } catch {
    return false;
  }
};

/** A name next to `file` that is not taken: `<file>.corrupt-<stamp>`, then `-1`, `-2` … */
function asideName(file: string, stamp: string): string {
  let name = `${file}.corrupt-${stamp}`;
  for (let i = 1; fs.existsSync(name); i++) name = `${file}.corrupt-${stamp}-${i}`;
  return name;
}

/** Rewrites tasks.json from the ledger; a file that fails its schema is moved aside first, never deleted. Call inside the lock. */
export function rebuildTasks(ctx: FixContext, session: string, moveAside: boolean): string {
  const { store } = ctx;
  const id = formatSessionId(Number(session));
  const file = store.paths.sessionFile(id, 'tasks.json');
  assertWritable(store.paths, file);
  const { events } = readLedger(store.paths.sessionFile(id, 'events.jsonl'));
  const current = readTextIfExists(file);
  let moved: string | null = null;
  if (current !== null && moveAside && !tasksFileValid(current)) {
    moved = asideName(file, ctx.stamp);
    assertWritable(store.paths, moved);
    fs.renameSync(file, moved);
  } else ctx.backup.save(file);
  const state = foldEvents(id, events);
  state.session = id;
  store.writeTasks(state);
  const rel = path.relative(store.paths.root, file);
  return moved ? `moved ${rel} to ${path.basename(moved)} and rebuilt it from the ledger` : `rebuilt ${rel} from the ledger`;
}

function removeLock(ctx: FixContext, name: string): string {
  const lock = readLock(ctx.store.paths.locks, name);
  const rel = `.claude/.csm/locks/${name}.lock`;
  if (!lock) return `${rel} is already gone`;
  // judged again right before removing: a lock another process just took is left alone
  if (lock.ownerAlive !== false && lock.ageMs <= STALE_LOCK_MS) throw new Error(`${rel} is held by a running process now; left alone`);
  const dir = path.join(ctx.store.paths.locks, `${name}.lock`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.owner`, { force: true });
  return `removed the stale lock ${rel}`;
}

function appendMissing(ctx: FixContext, name: '.gitignore' | '.gitattributes'): string {
  const file = path.join(ctx.store.paths.claude, name);
  const template = name === '.gitignore' ? GITIGNORE : GITATTRIBUTES;
  assertWritable(ctx.store.paths, file);
  const existing = readTextIfExists(file);
  const lines = missingLines(existing, template);
  if (lines.length === 0) return `.claude/${name} already has csm's lines`;
  ctx.backup.save(file);
  writeFileAtomic(file, appendLines(existing, template, lines));
  return `appended ${lines.join(', ')} to .claude/${name}`;
}

/** One session merged with conflict markers: keeps both sides' lines (as merge=union would), then rebuilds tasks.json. */
function resolveConflict(ctx: FixContext, session: string): string {
  const { paths } = ctx.store;
  const resolved: string[] = [];
  for (const name of sessionFileNames(paths).get(formatSessionId(Number(session))) ?? []) {
    if (name.endsWith('-tasks.json')) continue;
    const file = path.join(paths.sessions, name);
    const sides = resolveConflictMarkers(readTextIfExists(file) ?? '');
    if (!sides) continue;
    assertWritable(paths, file);
    ctx.backup.save(file);
    writeFileAtomic(file, sides.union);
    resolved.push(name);
  }
  const tasks = rebuildTasks(ctx, session, true);
  return `kept both sides of the conflicts in ${resolved.join(', ') || 'no file'}; ${tasks}; now: git add .claude/sessions`;
}

/** Runs the fixes in order; one that fails is reported and the others still run. */
export async function applyFixes(ctx: FixContext, actions: readonly FixAction[]): Promise<FixOutcome[]> {
  const out: FixOutcome[] = [];
  const renumbered = new Set<string>();
  for (const action of actions) {
    try {
      let message: string;
      switch (action.kind) {
        case 'remove-lock':
          message = removeLock(ctx, action.lock);
          break;
        case 'renumber': {
          const r = await renumberSession(ctx, action.session);
          renumbered.add(action.session);
          message = r.message;
          break;
        }
        case 'resolve-conflict':
          message = await ctx.store.locked(() => resolveConflict(ctx, action.session));
          break;
        case 'rebuild-tasks':
          if (renumbered.has(action.session)) continue;
          message = await ctx.store.locked(() => rebuildTasks(ctx, action.session, action.moveAside));
          break;
        case 'clear-active':
          ctx.backup.save(ctx.store.paths.active);
          await ctx.store.setActive(null);
          message = 'cleared the active-session pointer';
          break;
        case 'append-lines':
          message = await ctx.store.locked(() => appendMissing(ctx, action.file));
          break;
      }
      out.push({ action, done: true, message });
    } catch (e) {
      out.push({ action, done: false, message: errorMessage(e) });
    }
  }
  return out;
}
