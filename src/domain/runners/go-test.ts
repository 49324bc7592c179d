import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { isLibraryFrame } from './text-tools.ts';

const LOG_LINE = (l: string | undefined): boolean => /^\s{4,}\S/.test(l ?? '') && !/^\s*--- /.test(l ?? '');

/**
 * The failure a `--- FAIL: name` line at `i` reports, with its log lines: under it (default) or, with -v, between
 * `=== RUN` and it. Null when a subtest of it failed too (the subtest is the failure to show).
 */
function failureAt(lines: readonly string[], i: number, name: string, runLogs: Map<string, string[]>): Failure | null {
  const below: string[] = [];
  for (let j = i + 1; j < lines.length && LOG_LINE(lines[j]); j++) below.push((lines[j] ?? '').trim());
  const log = below.length ? below : (runLogs.get(name) ?? []);
  const m = /^(\S+\.go:\d+): (.*)$/.exec(log[0] ?? '');
  // the lines after the first: a table test's want/got, testify's expected/actual, a case's blocks
  const detail = log.slice(1, 9).map((x) => (x.length > 200 ? `${x.slice(0, 199)}…` : x));
  const child = new RegExp(`^\\s+--- FAIL: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`);
  if (lines.slice(i + 1, i + 51).some((x) => child.test(x))) return null;
  return { id: name, location: m?.[1] ?? null, message: m?.[2] ?? log[0] ?? '', ...(detail.length ? { detail } : {}) };
}

/** Build and vet errors (`file.go:l:c: message` under a `# package` line), else packages that did not build. */
function buildFailures(compile: readonly (RegExpExecArray | null)[], buildFail: readonly string[]): Failure[] {
  if (compile.length)
    return compile.map((m) => ({
      id: `${m?.[1]}:${m?.[2]}`,
      location: `${m?.[1]}:${m?.[2]}:${m?.[3]}`,
      message: m?.[4] ?? '',
    }));
  return buildFail.map((b) => ({
    id: `${/^FAIL\t(\S+)/.exec(b)?.[1] ?? ''} (build failed)`,
    location: null,
    message: 'the package does not build',
  }));
}

/**
 * go test: `--- FAIL: TestX (0.00s)` with the log lines under (or, with -v, above) it, `FAIL\tpkg` per package; no
 * counts.
 */
export function parseGoTest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const pkgLines = lines.filter((l) => /^(FAIL|ok {2}|\? {3})\t\S+/.test(l));
  const buildFail = lines.filter((l) => /^FAIL\t\S+ \[(build|setup) failed\]$/.test(l));
  const compile = lines.map((l) => /^(\S+\.go):(\d+):(\d+): (.+)$/.exec(l)).filter((m) => m !== null);
  if (pkgLines.length === 0 && compile.length === 0 && !lines.some((l) => /^--- FAIL: /.test(l))) return null;
  const failures: Failure[] = [];
  let pkg = '';
  const pending: Failure[] = [];
  // with -v, a test's log lines follow its `=== RUN` line, before its result
  const runLogs = new Map<string, string[]>();
  let running: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    const run = /^=== (RUN|CONT|PAUSE) {2,}(\S+)$/.exec(l);
    if (run) {
      running = run[1] === 'PAUSE' ? null : (run[2] ?? null);
      continue;
    }
    if (running && /^\s{4,}\S/.test(l) && !/^\s*--- /.test(l))
      runLogs.set(running, [...(runLogs.get(running) ?? []), l.trim()]);
    else if (/^(--- |FAIL|ok|PASS)/.test(l)) running = null;
    const fail = /^(\s*)--- FAIL: (\S+) \(/.exec(l);
    if (fail) {
      const f = failureAt(lines, i, fail[2] ?? '', runLogs);
      if (f) pending.push(f);
      continue;
    }
    const panic = /^panic: (.+?)( \[recovered\])?$/.exec(l);
    if (panic) {
      const frame = lines
        .slice(i + 1)
        .map((x) => /^\s+(\/\S+\.go:\d+)/.exec(x))
        .find((x) => x !== null && !isLibraryFrame(x[0]) && /_test\.go:/.test(x[1] ?? ''));
      const last = pending[pending.length - 1];
      if (last && !last.message) {
        last.message = `panic: ${panic[1]}`;
        last.location = frame?.[1]?.split('/').slice(-2).join('/') ?? last.location;
      }
      continue;
    }
    const done = /^(FAIL|ok {2})\t(\S+)/.exec(l);
    if (done) {
      pkg = done[2] ?? '';
      for (const f of pending.splice(0)) failures.push({ ...f, id: `${pkg} ${f.id}` });
    }
  }
  for (const f of pending) failures.push(f);
  failures.push(...buildFailures(compile, buildFail));
  const failedPkgs = pkgLines.filter((l) => l.startsWith('FAIL')).length;
  const unit = compile.length
    ? 'build or vet errors'
    : failedPkgs
      ? `tests in ${failedPkgs} package${failedPkgs > 1 ? 's' : ''}`
      : 'tests';
  return {
    runner: compile.length && !failures.some((f) => / Test/.test(f.id)) ? 'go vet' : 'go test',
    failures,
    totals: { failed: failures.length, total: null, unit },
  };
}

export const GO_TEST: RunnerParsing = {
  runner: 'go test',
  parse: parseGoTest,
  rerun: (r) => {
    const tests = r.failures.slice(0, 10).filter((f) => /^\S+ Test\w*/.test(f.id));
    const pkgs = [...new Set(tests.map((f) => f.id.split(' ')[0] ?? ''))];
    const names = [...new Set(tests.map((f) => (f.id.split(' ')[1] ?? '').split('/')[0]))];
    return pkgs.length ? `go test ${pkgs.join(' ')} -run '^(${names.join('|')})$'` : null;
  },
};

/** go vet's findings read as go test reads a build failure: the same parser, named for vet. */
export const GO_VET: RunnerParsing = {
  runner: 'go vet',
  parse: parseGoTest,
};
