import type { Backup } from '../../adapters/doctor/backup.ts';
import type { SessionStore } from '../session/session-store.ts';

/** What every repair of `csm doctor --fix` works with. */
export interface FixContext {
  store: SessionStore;
  backup: Backup;
  /** Time stamp for file names (`.corrupt-<stamp>`). */
  stamp: string;
}
