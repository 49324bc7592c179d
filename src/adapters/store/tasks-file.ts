/**
 * Reading tasks.json, the projection of a session's ledger: whole and checked against its schema
 * (before anything rewrites it), or only the fields PostToolUse needs (its hot path).
 */
import path from 'node:path';
import tasksJsonSchema from '../../../schema/tasks.schema.json' with { type: 'json' };
import { checkJson, type JsonSchema } from '../../contracts/schema-check.ts';
import type { TasksFile } from '../../contracts/tasks.ts';
import { formatProblems } from '../../contracts/validate.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { readTextIfExists, writeFileAtomic } from './atomic-file.ts';
import type { StorePaths } from './paths.ts';

/** The part of tasks.json that recording an edit reads and extends. */
export interface TaskFiles {
  tasks: { id: string; status: string; files: string[] }[];
  unassignedFiles: string[];
}

/** Reads tasks.json and checks it against the schema; a file that fails is reported with its field, never replaced. */
export function readTasksFile(paths: StorePaths, id: string): TasksFile | null {
  const raw = readTasksJson(paths, id);
  return raw === undefined ? null : checkTasksFile(paths, id, raw);
}

/** The whole-schema check of a tasks.json already parsed (by `readTaskFiles`, say); throws naming the field. */
export function checkTasksFile(paths: StorePaths, id: string, raw: unknown): TasksFile {
  const parsed = checkJson<TasksFile>(tasksJsonSchema as JsonSchema, raw);
  if (!parsed.ok) {
    const file = paths.sessionFile(id, 'tasks.json');
    throw new CsmError('INVALID_FILE', ...msg.store.tasksOffSchema(file, formatProblems(parsed.problems)));
  }
  return parsed.value;
}

/**
 * tasks.json as recording one edit reads it — each task's id, status and files, and the
 * unassigned files — checked for those fields only (the whole-schema check costs the hot path a
 * third of a millisecond). Anything that rewrites the file reads it with `readTasksFile` first.
 */
export function readTaskFiles(paths: StorePaths, id: string): TaskFiles | null {
  const raw = readTasksJson(paths, id);
  if (raw === undefined) return null;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const r = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as {
    tasks?: unknown;
    unassignedFiles?: unknown;
  };
  const bad = !Array.isArray(r.tasks)
    ? 'tasks'
    : !strings(r.unassignedFiles)
      ? 'unassignedFiles'
      : r.tasks.findIndex(
          (t: { id?: unknown; status?: unknown; files?: unknown } | null) =>
            typeof t?.id !== 'string' || typeof t.status !== 'string' || !strings(t.files),
        );
  if (bad === -1) return r as TaskFiles;
  throw new CsmError('INVALID_FILE', ...msg.store.tasksFieldNotWritten(paths.sessionFile(id, 'tasks.json'), bad));
}

/** The parsed tasks.json, or undefined when there is none. */
function readTasksJson(paths: StorePaths, id: string): unknown {
  const file = paths.sessionFile(id, 'tasks.json');
  const text = readTextIfExists(file);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const rel = path.relative(paths.root, file);
    throw new CsmError('INVALID_FILE', ...msg.store.tasksNotJson(file, (e as Error).message, rel));
  }
}

/**
 * Writes tasks.json's text; with `onlyIfChanged`, not when the file already holds exactly that. Call holding the store
 * lock.
 */
export function writeTasksJson(paths: StorePaths, id: string, next: string, onlyIfChanged = true): void {
  const file = paths.sessionFile(id, 'tasks.json');
  if (!onlyIfChanged || readTextIfExists(file) !== next) writeFileAtomic(file, next);
}
