import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** One request to the mod's helper: its path and its JSON body (null when there is none or it is not JSON). */
export interface ModRequest {
  path: string;
  body: unknown;
}
export type ModRoute = (req: ModRequest) => Promise<unknown>;

const MAX_BODY = 8 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(size > MAX_BODY || size === 0 ? null : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown));
      } catch {
        resolve(null);
      }
    });
    req.on('error', () => resolve(null));
  });
}

/** A socket path of this process's own, in a directory only this user can enter. */
export function privateSocketPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-mod-'));
  fs.chmodSync(dir, 0o700);
  return path.join(dir, 'helper.sock');
}

/**
 * Serves JSON over HTTP on a unix socket (the mod reaches it with `$.http.fetch({ socketPath })`):
 * every answer is 200 with the route's JSON, or 500 with `{ error }` — never a thrown request.
 * Resolves once listening; `close` stops it and removes the socket.
 */
export async function serveOnSocket(socket: string, route: ModRoute): Promise<{ close: () => void }> {
  const server = http.createServer((req, res) => {
    void readBody(req).then(async (body) => {
      let status = 200;
      let out: unknown;
      try {
        out = await route({ path: req.url ?? '/', body });
      } catch (e) {
        status = 500;
        out = { error: e instanceof Error ? e.message : String(e) };
      }
      const text = JSON.stringify(out ?? null);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  fs.chmodSync(socket, 0o600);
  return {
    close: () => {
      server.close();
      fs.rmSync(path.dirname(socket), { recursive: true, force: true });
    },
  };
}
