import { spawn } from 'node:child_process';

/**
 * Opens `file` with the desktop's default program (a browser for .html): `open` on macOS,
 * `start` on Windows, `xdg-open` elsewhere when a display is there. Returns false when there is
 * no way to (a server, a container): the caller then says where the file is.
 */
export function openFile(file: string): boolean {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [file]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', file]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', [file]]
          : [null, []];
  if (!cmd) return false;
  try {
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
