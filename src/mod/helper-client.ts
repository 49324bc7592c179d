import { msg } from '../messages/index.ts';
import type { Dollar } from './mod-api.ts';

/**
 * The mod's line to its helper (`csm mod serve`, started once per session with `$.process.spawn`):
 * the helper's socket once it says where it listens, requests as JSON over HTTP on that socket.
 * The spawn stream is the child's life, so it is read to its end in the background; a helper that
 * died is started again on the next request, at most a few times a session.
 */
const MAX_STARTS = 3;
let socket: Promise<string | null> | null = null;
let starts = 0;

async function start($: Dollar): Promise<string | null> {
  starts++;
  const env = await $.process.hookEnv();
  const stream = $.process.spawn({ argv: ['node', `${$.plugin.root}/dist/cli.mjs`, 'mod', 'serve'], env });
  return new Promise((resolve) => {
    let out = '';
    void (async () => {
      try {
        for await (const c of stream) {
          if (c.stream !== 'stdout' || out.includes('\n')) continue;
          out += c.text;
          const first = out.split('\n')[0] ?? '';
          if (out.includes('\n')) resolve(listeningOn(first));
        }
      } catch (e) {
        $.ui.log(msg.modHelperStopped(String(e)), { to: 'debug' });
      }
      socket = null; // gone: the next request starts another
      resolve(null);
    })();
  });
}

function listeningOn(line: string): string | null {
  try {
    const v = JSON.parse(line) as { listening?: unknown };
    return typeof v.listening === 'string' ? v.listening : null;
  } catch {
    return null;
  }
}

/** The helper's socket: the running one, or one just started; null when it cannot run. */
export function helperSocket($: Dollar): Promise<string | null> {
  if (!socket && starts < MAX_STARTS) socket = start($);
  return socket ?? Promise.resolve(null);
}

/** One request to the helper: its JSON answer, or `undefined` when the helper is not there or failed. */
export async function ask($: Dollar, route: string, body: Record<string, unknown>): Promise<unknown> {
  const path = await helperSocket($);
  if (!path) return undefined;
  try {
    const r = await $.http.fetch(`http://csm${route}`, {
      method: 'POST',
      body: JSON.stringify(body),
      socketPath: path,
    });
    if (r.status !== 200) return undefined;
    return JSON.parse(typeof r.text === 'function' ? await r.text() : r.text) as unknown;
  } catch (e) {
    $.ui.log(msg.modHelperNoAnswer(route, String(e)), { to: 'debug' });
    return undefined;
  }
}
