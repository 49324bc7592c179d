/**
 * The part of Claude Code's hooks-module interface csm's mod uses, declared here by hand: the full
 * declarations (`claude-code`) are written by Claude Code into `.claude-plugin/types/` at load and
 * are not part of this repository. Checked against the ones 2.1.331 writes (see the e2e mod test).
 * The mod runs in Claude Code's worker: no Node, no `require`; every effect goes through `$`.
 */
export interface SpawnChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}
export interface FetchResult {
  status: number;
  text: string | (() => Promise<string>);
}
export interface UiElements {
  Box: unknown;
  Text: unknown;
  Button: unknown;
}
export interface Dollar {
  plugin: { root: string };
  process: {
    spawn(req: { argv: readonly string[]; env?: Record<string, string> }): AsyncIterable<SpawnChunk>;
    run(
      argv: readonly string[],
      init?: { stdin?: string; env?: Record<string, string>; timeoutMs?: number },
    ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
    hookEnv(): Promise<Record<string, string>>;
  };
  http: {
    fetch(
      url: string,
      init: { method: string; body: string; socketPath: string; timeoutMs?: number },
    ): Promise<FetchResult>;
  };
  command: { register(spec: { name: string; description: string; argumentHint?: string }): Promise<unknown> };
  ui: {
    resolve(e: unknown): UiElements;
    invalidate(event: string): void;
    open(req: { id: string; title: string; focus?: boolean }): Promise<{ isPlaced?: boolean; reason?: string }>;
    log(text: string, opts?: { to: 'debug' }): void;
  };
}
export type Next = ((e: unknown) => Promise<unknown>) & { event?: string };
export type Hook = ($: Dollar, e: Record<string, unknown>, next: Next) => unknown;
export interface On {
  (pattern: string, hook: Hook): unknown;
  (pattern: string, matcher: Record<string, unknown>, hook: Hook): unknown;
}
/** Claude Code's element factory, a global inside a hooks module. */
export type H = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;
