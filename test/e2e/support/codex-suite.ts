/**
 * What every Codex e2e file sets up the same way: one fake Responses API for the file, a private
 * HOME where csm is installed into Codex the way the README's Codex lines say (a clone at ~/csm,
 * its own marketplace, `codex plugin add`), and the temp dirs of its runs and projects, removed
 * after the file.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { CSM_ROOT, copyShippedPlugin, createCsmProject, type CsmProject } from './csm-project.ts';
import { type FakeResponses, startFakeResponses } from './fake-responses.ts';
import { removeDirs } from './plugin-fixture.ts';
import {
  codexShell,
  describeCodexRun,
  prepareCodexHome,
  runCodex,
  type RunCodexOptions,
  type RunCodexResult,
} from './run-codex.ts';

/** The README's Codex install lines (its `### … Codex` block under Install), as written. */
export function readmeCodexLines(): string[] {
  const md = readFileSync(path.join(CSM_ROOT, 'README.md'), 'utf8');
  const at = md.search(/^### .*Codex/m);
  const block = at < 0 ? '' : (/```sh\n([\s\S]*?)```/.exec(md.slice(at))?.[1] ?? '');
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('codex '));
}

export interface CodexSuite {
  api: FakeResponses;
  /** The HOME where csm is installed into Codex (from the file's first test on). */
  home(): string;
  /** What the install lines printed. */
  installOutput(): string[];
  run(opts: Omit<RunCodexOptions, 'api'>): Promise<{ run: RunCodexResult; why: string }>;
  project(...args: Parameters<typeof createCsmProject>): CsmProject;
  keep(...dirs: string[]): void;
}

export function codexSuite(): CodexSuite {
  const dirs: string[] = [];
  let api: FakeResponses | undefined;
  let home: string | undefined;
  const outputs: string[] = [];
  beforeAll(async () => {
    api = await startFakeResponses();
    home = prepareCodexHome(api);
    dirs.push(home);
    // what a clone of the repository holds, where the README puts it: ~/csm
    const clone = path.join(home, 'csm');
    mkdirSync(clone);
    copyShippedPlugin(clone);
    const lines = readmeCodexLines();
    if (lines.length === 0) throw new Error('the README has no Codex install lines');
    for (const line of lines) {
      const r = codexShell(api, home, line);
      if (r.code !== 0) throw new Error(`${line} exited ${r.code}:\n${r.out}`);
      outputs.push(r.out);
    }
  });
  afterAll(async () => {
    await api?.close();
    removeDirs(...dirs);
  });
  const live = (): FakeResponses => {
    if (!api) throw new Error('the fake Responses API starts in beforeAll: use it inside a test');
    return api;
  };
  const proxy = new Proxy({} as FakeResponses, {
    get: (_t, key) => {
      const v: unknown = Reflect.get(live(), key);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(live()) : v;
    },
  });
  return {
    api: proxy,
    home: () => {
      if (!home) throw new Error('no HOME before beforeAll');
      return home;
    },
    installOutput: () => [...outputs],
    async run(opts) {
      const r = await runCodex({ home, ...opts, api: live() });
      return { run: r, why: describeCodexRun(r, live()) };
    },
    project(...args) {
      const p = createCsmProject(...args);
      dirs.push(p.root);
      return p;
    },
    keep: (...more) => void dirs.push(...more),
  };
}
