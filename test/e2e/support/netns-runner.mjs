// Started by run-claude.ts as `unshare -n -- node netns-runner.mjs CONFIG.json`, i.e. as the
// first process of a fresh network namespace whose only interface is loopback (down at first).
//
// 1. brings `lo` up;
// 2. listens on 127.0.0.1:<port> inside the namespace and relays every connection, byte for
//    byte, to the fake API's unix socket (a filesystem path, reachable from any namespace);
// 3. spawns the CLI with this process's env/cwd and inherited stdio, and exits with its status.
//
// So the CLI sees its API (and its HTTP(S) proxy) at http://127.0.0.1:<port> exactly as in
// the in-process mode, while every other destination is unreachable (no route), and every
// proxied attempt ends at the fake server, which refuses and records it.
//
// CONFIG.json: { "socketPath", "port", "ipPath", "command", "args": [] }
// Plain JavaScript on purpose: it must start without any loader.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const configPath = process.argv[2];
if (!configPath) {
  process.stderr.write('netns-runner: missing CONFIG.json argument\n');
  process.exit(70);
}
const config = JSON.parse(readFileSync(configPath, 'utf8'));

try {
  execFileSync(config.ipPath, ['link', 'set', 'lo', 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
} catch (e) {
  process.stderr.write(`netns-runner: cannot bring loopback up: ${e?.message ?? e}\n`);
  process.exit(71);
}

const sockets = new Set();
const relay = net.createServer((inbound) => {
  const outbound = net.connect(config.socketPath);
  sockets.add(inbound);
  sockets.add(outbound);
  const drop = () => {
    inbound.destroy();
    outbound.destroy();
    sockets.delete(inbound);
    sockets.delete(outbound);
  };
  inbound.on('error', drop);
  outbound.on('error', drop);
  inbound.on('close', drop);
  outbound.on('close', drop);
  inbound.pipe(outbound);
  outbound.pipe(inbound);
});

relay.on('error', (e) => {
  process.stderr.write(`netns-runner: relay failed: ${e?.message ?? e}\n`);
  process.exit(72);
});

relay.listen(config.port, '127.0.0.1', () => {
  const child = spawn(config.command, config.args, { stdio: 'inherit' });
  const forward = (sig) => () => child.kill(sig);
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, forward(sig));
  child.on('error', (e) => {
    process.stderr.write(`netns-runner: cannot start ${config.command}: ${e?.message ?? e}\n`);
    process.exit(73);
  });
  child.on('exit', (code, signal) => {
    relay.close();
    for (const s of sockets) s.destroy();
    if (signal) {
      // Report like a shell would; re-raising the signal on ourselves is not reliable here.
      const num = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
      process.exit(128 + num);
    }
    process.exit(code ?? 1);
  });
});
