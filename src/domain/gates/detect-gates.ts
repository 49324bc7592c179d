import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { CsmConfig } from '../../contracts/config.ts';
import { ALL_WHEN, FORMAT_CHECK, type GateDef, type GateKind } from './gate-def.ts';
import { ciGates } from './ci-gates.ts';
import { nodeGates } from './node-gates.ts';

/** Source and config changes re-run a command gate; docs alone do not. */
export const DEFAULT_COVERS = ['**', '!**/*.{md,mdx,rst,txt,adoc}', '!docs/**', '!LICENSE*'];

const TIMEOUT: Record<GateKind, number> = {
  compile: 300,
  test: 600,
  lint: 300,
  build: 600,
  bench: 300,
  custom: 300,
  console: 30,
  docs: 30,
};

/**
 * A detected gate. One that cannot block (a lint) stays off Stop's path, where the user waits for
 * it: it runs at the baseline, `task done` and `complete`, whose output Claude reads.
 */
function gate(name: string, kind: GateKind, command: string | null, over: Partial<GateDef> = {}): GateDef {
  const builtin = kind === 'console' || kind === 'docs';
  const blocking = over.blocking ?? (kind === 'compile' || kind === 'test');
  return {
    name,
    command,
    timeout: TIMEOUT[kind],
    covers: builtin ? ['**'] : DEFAULT_COVERS,
    when: blocking || builtin ? [...ALL_WHEN] : ['task-done', 'complete'],
    blocking,
    kind,
    maxMs: null,
    source: builtin ? 'builtin' : 'detected',
    ...over,
  };
}

/** Make targets fill the kinds package.json did not (a Makefile often wraps npm scripts). */
function makeGates(facts: ProjectFacts, kinds: Set<GateKind>): GateDef[] {
  const t = new Set(facts.makeTargets);
  const out: GateDef[] = [];
  if (!kinds.has('test')) {
    if (t.has('test')) out.push(gate('test', 'test', 'make test', { origin: 'the Makefile target "test"' }));
    else if (t.has('check')) out.push(gate('check', 'test', 'make check', { origin: 'the Makefile target "check"' }));
  }
  if (!kinds.has('lint') && t.has('lint'))
    out.push(gate('lint', 'lint', 'make lint', { origin: 'the Makefile target "lint"' }));
  if (!kinds.has('build') && t.has('build'))
    out.push(gate('build', 'build', 'make build', { origin: 'the Makefile target "build"' }));
  return out;
}

/**
 * Rust, Go and Python, each with what the project itself runs: `cargo test` (it compiles every
 * target it tests; no `cargo check --all-targets` guess that stable may refuse), `cargo fmt
 * --check` and clippy when the project configures them; `go vet` (it type-checks every package,
 * with or without tests) and `go test`; pytest, plus ruff and mypy when configured.
 */
function otherGates(facts: ProjectFacts): { eco: string; gates: GateDef[] }[] {
  const out: { eco: string; gates: GateDef[] }[] = [];
  if (facts.hasCargo) {
    const gates = [gate('test', 'test', 'cargo test --quiet', { origin: 'Cargo.toml' })];
    if (facts.rustfmtConfig)
      gates.push(gate('format', 'lint', 'cargo fmt --check', { origin: 'rustfmt.toml', ...FORMAT_CHECK }));
    if (facts.clippyConfig)
      gates.push(gate('clippy', 'lint', 'cargo clippy --quiet -- -D warnings', { origin: 'clippy.toml' }));
    out.push({ eco: 'cargo', gates });
  }
  if (facts.hasGoMod)
    out.push({
      eco: 'go',
      gates: [
        gate('vet', 'compile', 'go vet ./...', { origin: 'go.mod' }),
        gate('test', 'test', 'go test ./...', { origin: 'go.mod' }),
      ],
    });
  const py: GateDef[] = [];
  if (facts.hasPytest)
    py.push(
      gate('test', 'test', `${facts.venvPytest ?? 'pytest'} -q`, { origin: 'the pytest configuration or tests' }),
    );
  else if (facts.unittest) py.push(gate('test', 'test', facts.unittest, { origin: 'test files written for unittest' }));
  if (facts.ruff) py.push(gate('ruff', 'lint', `${facts.ruff} check .`, { origin: 'the ruff configuration' }));
  if (facts.mypy) py.push(gate('mypy', 'compile', facts.mypy, { origin: 'the mypy configuration' }));
  if (py.length) out.push({ eco: 'pytest', gates: py });
  return out;
}

/**
 * The project's own command gates, named by kind; a second ecosystem's gate of the same name gets
 * a prefix. Each check runs once: where the Makefile has a test target, it is how the project runs
 * its tests, and no runner csm would guess (pytest, go test, cargo test) is added beside it.
 */
function detectedCommandGates(facts: ProjectFacts): GateDef[] {
  const out = nodeGates(facts, gate);
  out.push(...makeGates(facts, new Set(out.map((g) => g.kind))));
  const madeTest = out.some((g) => g.kind === 'test' && g.command?.startsWith('make '));
  for (const { eco, gates } of otherGates(facts)) {
    for (const g of gates) {
      if (madeTest && g.kind === 'test') continue;
      out.push(out.some((x) => x.name === g.name) ? { ...g, name: `${eco}-${g.name}` } : g);
    }
  }
  out.push(...ciGates(facts, out, gate));
  // "compiles": a make build checks the code only when nothing else does (node-gates decides for npm's build)
  const hasCompile = out.some((g) => g.kind === 'compile' || (g.kind === 'test' && g.command?.startsWith('cargo ')));
  return out.map((g) =>
    g.kind !== 'build' || !g.command?.startsWith('make ')
      ? g
      : hasCompile
        ? { ...g, blocking: false, when: ['task-done', 'complete'] }
        : { ...g, blocking: true },
  );
}

/** csm's own gates: bench (when configured), no new console leftovers, docs updated. */
function builtinGates(config: CsmConfig): GateDef[] {
  const out: GateDef[] = [];
  if (config.bench) {
    const b = config.bench;
    out.push(
      gate('bench', 'bench', b.command, {
        timeout: b.timeout,
        maxMs: b.maxMs ?? null,
        blocking: false,
        when: ['complete'],
        source: 'config',
      }),
    );
  }
  if (config.consoleCheck.enabled)
    out.push(gate('no-console', 'console', null, { blocking: config.consoleCheck.blocking }));
  if (config.docsCheck.enabled) {
    // advisory docs findings at every Stop would be noise; a blocking docs gate has to run there to matter
    const blocking = config.docsCheck.blocking;
    out.push(gate('docs', 'docs', null, { blocking, when: blocking ? [...ALL_WHEN] : ['task-done', 'complete'] }));
  }
  return out;
}

/**
 * Every gate of the project, in run order: detected command gates (unless `detectGates` is
 * false), the declared gates of `.claude/csm.json` (replacing a gate of the same name), then
 * csm's own checks. The design's five gates: compiles (typecheck/compile/build), tests pass
 * (test), no console errors (no-console), performance acceptable (bench), documentation (docs).
 */
export function detectGates(facts: ProjectFacts, config: CsmConfig): GateDef[] {
  const byName = new Map<string, GateDef>();
  const all = [...(config.detectGates ? detectedCommandGates(facts) : []), ...builtinGates(config)];
  for (const g of all) byName.set(g.name, g);
  for (const d of config.gates) {
    const prior = byName.get(d.name);
    byName.set(d.name, {
      name: d.name,
      command: d.command,
      timeout: d.timeout,
      covers: d.covers,
      when: [...d.when],
      blocking: d.blocking,
      kind: prior && prior.kind !== 'console' && prior.kind !== 'docs' ? prior.kind : 'custom',
      maxMs: prior?.maxMs ?? null,
      source: 'config',
      ...(d.scope ? { scope: d.scope } : {}),
    });
  }
  return [...byName.values()];
}

/**
 * The gates a trigger runs: `manual` runs all; `only` (names) narrows further. The baseline runs
 * what Stop runs and the lints (off Stop's path, but `task done` tells their new findings from old).
 */
const runsOnStop = (g: GateDef): boolean => g.when.includes('stop');

export function gatesFor(gates: readonly GateDef[], trigger: string, only?: readonly string[]): GateDef[] {
  // after a Stop that let Claude go, in the background: the advisory checks Stop does not wait for
  // (the project's own commands: csm's built-in checks take no time, task-done runs them)
  if (trigger === 'after-stop')
    return gates.filter((g) => g.command !== null && !g.blocking && !runsOnStop(g) && g.when.includes('task-done'));
  const runs = (g: GateDef): boolean =>
    trigger === 'manual' ||
    g.when.includes((trigger === 'baseline' ? 'stop' : trigger) as GateDef['when'][number]) ||
    (trigger === 'baseline' && g.kind === 'lint' && g.command !== null && g.when.includes('task-done'));
  return gates.filter((g) => (only && only.length > 0 ? only.includes(g.name) : runs(g)));
}
