import type { Backup } from '../../adapters/doctor/backup.ts';
import type { StorePaths } from '../../adapters/store/paths.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import type { SessionStore } from '../session/session-store.ts';

/** What every repair of `csm doctor --fix` works with. */
export interface FixContext {
  store: SessionStore;
  /** The store's layout: doctor repairs the files themselves (locks, the pointer, settings). */
  paths: StorePaths;
  /** The repository's configuration (the defaults when it is invalid: doctor reports the file itself). */
  config: CsmConfig;
  backup: Backup;
  /** Time stamp for file names (`.corrupt-<stamp>`). */
  stamp: string;
}
