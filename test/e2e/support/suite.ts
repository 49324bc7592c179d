/**
 * What every e2e file sets up the same way: one scripted fake Messages API for the file (started
 * before its first test, closed after its last), and the temp dirs its runs and projects leave,
 * removed after the file. `run` drives the real CLI and explains any failure (`why`).
 */
import { afterAll, beforeAll } from 'vitest';
import { startFakeApi, type FakeApi, type LoggedRequest } from './fake-api.ts';
import {
  createCsmProject,
  createRecorderPlugin,
  requireBuiltCsm,
  type CsmProject,
  type Recorder,
} from './csm-project.ts';
import { removeDirs } from './plugin-fixture.ts';
import { describeRun, runClaude, type RunClaudeOptions, type RunClaudeResult } from './run-claude.ts';

export interface E2eSuite {
  /** The file's fake API (usable from the first test on). */
  api: FakeApi;
  /** Removes these dirs after the file's last test. */
  keep(...dirs: string[]): void;
  /** One CLI run (defaults: the file's API, a 60 s limit, then the suite's defaults), with `main` = its main requests. */
  run(
    opts: Omit<RunClaudeOptions, 'api'> & { api?: FakeApi },
  ): Promise<{ run: RunClaudeResult; why: string; main: LoggedRequest[] }>;
  project(...args: Parameters<typeof createCsmProject>): CsmProject;
  recorder(...args: Parameters<typeof createRecorderPlugin>): Recorder;
  /** Main requests that arrived after request number `before` (see api.requests().length). */
  mainSince(before: number): LoggedRequest[];
}

export function e2eSuite(defaults: Partial<Omit<RunClaudeOptions, 'api' | 'cwd'>> = {}): E2eSuite {
  const dirs: string[] = [];
  let current: FakeApi | undefined;
  beforeAll(async () => {
    requireBuiltCsm();
    current = await startFakeApi([]);
  });
  afterAll(async () => {
    await current?.close();
    removeDirs(...dirs);
  });
  const live = (): FakeApi => {
    if (!current) throw new Error('the fake API starts in beforeAll: use it inside a test');
    return current;
  };
  // forwards to the file's API once it runs, so tests can destructure it at the top of the file
  const api = new Proxy({} as FakeApi, {
    get: (_t, key) => {
      const target = live();
      const v: unknown = Reflect.get(target, key);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const keep = (...more: string[]): void => {
    dirs.push(...more);
  };
  const mainOf = (on: FakeApi, before: number): LoggedRequest[] =>
    on
      .requests()
      .slice(before)
      .filter((q) => q.kind === 'main');
  const mainSince = (before: number): LoggedRequest[] => mainOf(live(), before);
  return {
    api,
    keep,
    mainSince,
    async run(opts) {
      const on = opts.api ?? live();
      const before = on.requests().length;
      const r = await runClaude({ timeoutMs: 60_000, ...defaults, ...opts, api: on });
      keep(r.home);
      return { run: r, why: describeRun(r, on), main: mainOf(on, before) };
    },
    project(...args) {
      const p = createCsmProject(...args);
      keep(p.root);
      return p;
    },
    recorder(...args) {
      const r = createRecorderPlugin(...args);
      keep(r.dir);
      return r;
    },
  };
}
