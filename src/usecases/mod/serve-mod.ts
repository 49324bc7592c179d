import { privateSocketPath, serveOnSocket } from '../../adapters/mod/socket-server.ts';
import { untilParentGone } from '../../adapters/mod/parent-watch.ts';
import { setLockWaiting } from '../../adapters/store/lock.ts';
import { clearModPresence } from './mod-presence.ts';
import { type ModDeps, modRouter } from './mod-routes.ts';

/**
 * `csm mod serve`: the helper csm's mod starts for a Claude Code session. Listens on a private unix
 * socket, says where on its first line of output (`{"listening": "<socket>"}`), and serves until the
 * process that started it is gone (the mod unloaded, the session ended, Claude Code exited).
 */
export async function serveMod(deps: ModDeps, announce: (line: string) => void): Promise<void> {
  // a hook's wait for the store lock, not a person's: the edit is recorded either way (see project-after-append)
  setLockWaiting(8_000, null);
  const socket = privateSocketPath();
  const router = modRouter(deps);
  const server = await serveOnSocket(socket, router.route);
  announce(JSON.stringify({ listening: socket }));
  await untilParentGone();
  server.close();
  for (const local of router.served()) await clearModPresence(local, deps.pid).catch(() => undefined);
}
