import path from 'node:path';
import { sessionDirNames, sessionFileNames } from '../../adapters/doctor/store-facts.ts';
import { mergeSides } from '../../adapters/git/merge-sides.ts';
import { readTextIfExists } from '../../adapters/store/atomic-file.ts';
import { readLedger } from '../../adapters/store/ledger.ts';
import { assertWritable, type SessionFileKind } from '../../adapters/store/paths.ts';
import { removeStoreFile, writeStoreFile } from '../../adapters/store/store-files.ts';
import { LEDGER_KIND } from '../../domain/doctor/merged-session.ts';
import { planRenumber, type SessionFile } from '../../domain/doctor/merge-split.ts';
import { foldEvents } from '../../domain/tasks/fold-events.ts';
import { CsmError } from '../../errors.ts';
import { msg } from '../../messages/index.ts';
import { formatSessionId } from '../../kernel/ids.ts';
import type { FixContext } from './fix-context.ts';

export interface RenumberResult {
  session: string;
  /** The numbers the other sessions got. */
  to: string[];
  eventsBefore: number;
  eventsAfter: number;
  how: { kind: string; how: string }[];
  message: string;
}

const kindOf = (id: string, name: string): string => name.slice(`session-${id}-`.length);

/**
 * Splits a session number two branches both used: the first session keeps it, the other moves to
 * the next free number. Every file is backed up first; all writes are atomic, under the store lock.
 * The new session's files are written before the old ones are cut down, so a crash part-way
 * leaves every line in at least one file.
 */
export async function renumberSession(ctx: FixContext, session: string): Promise<RenumberResult> {
  const { store, paths } = ctx;
  const id = formatSessionId(Number(session));
  // the ledger first: git finds the merge through it
  const names = (sessionFileNames(paths).get(id) ?? [])
    .filter((n) => !n.endsWith('-tasks.json'))
    .sort((a, b) => Number(b.endsWith(LEDGER_KIND)) - Number(a.endsWith(LEDGER_KIND)));
  const rels = names.map((n) => path.relative(paths.root, path.join(paths.sessions, n)));
  const sides = await mergeSides(paths.root, rels); // git first, outside the lock

  return store.locked(() => {
    const files: SessionFile[] = [];
    for (const [i, name] of names.entries()) {
      const text = readTextIfExists(path.join(paths.sessions, name));
      if (text !== null) files.push({ kind: kindOf(id, name), text, sides: sides.get(rels[i] as string) ?? null });
    }
    const ids = store.listSessionIds();
    const firstFree = Number(ids[ids.length - 1] ?? id) + 1;
    const plan = planRenumber(id, files, firstFree, store.now().toISOString());
    if (plan.ids.length < 2) throw new CsmError('CONFLICT', ...msg.refusal.renumberGone(id));
    for (const other of plan.ids.slice(1)) {
      if (ids.includes(other)) throw new CsmError('CONFLICT', ...msg.refusal.renumberRaced(other));
    }
    const target = (w: { session: string; kind: string }): string =>
      paths.sessionFile(w.session, w.kind as SessionFileKind);
    for (const w of plan.writes) assertWritable(paths, target(w));
    for (const name of sessionDirNames(paths).filter((n) => n.startsWith(`session-${id}-`)))
      ctx.backup.save(path.join(paths.sessions, name));

    const order = (w: { session: string; kind: string }): number =>
      w.session !== id ? (w.kind === LEDGER_KIND ? 1 : 0) : w.kind === LEDGER_KIND ? 2 : 3;
    for (const w of [...plan.writes].sort((a, b) => order(a) - order(b))) {
      if (w.content === null) removeStoreFile(paths, target(w));
      else writeStoreFile(paths, target(w), w.content);
    }
    for (const sid of plan.ids) {
      const state = foldEvents(sid, readLedger(paths.sessionFile(sid, 'events.jsonl')).events);
      state.session = sid;
      store.writeTasks(state);
    }
    const to = plan.ids.slice(1);
    const copied = plan.how.filter((h) => h.how === 'copied').map((h) => h.kind);
    const message =
      `split session ${id}: the second session is now ${to.join(', ')} (ledger split by ${plan.how[0]?.how}; ` +
      `${plan.eventsBefore} events before, ${plan.eventsAfter} after, plus ${to.length} session.renumbered)` +
      (copied.length
        ? `; ${copied.join(', ')} could not be told apart and were copied to both with a note: review them`
        : '') +
      (plan.how.some((h) => h.how === 'conflict markers')
        ? '; the conflicts are resolved, now: git add .claude/sessions'
        : '');
    return { session: id, to, eventsBefore: plan.eventsBefore, eventsAfter: plan.eventsAfter, how: plan.how, message };
  });
}
