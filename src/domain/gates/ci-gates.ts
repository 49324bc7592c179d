import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { FORMAT_CHECK, type GateDef, type GateKind } from './gate-def.ts';
import { type MakeGate, runScript } from './node-gates.ts';
import { expandScript, type ScriptStep } from './script-steps.ts';
import { type StepKind } from './step-kind.ts';

/**
 * The checks the project's CI runs that no detected gate covers: `npm run check` whose eslint no
 * script named `lint` runs, `cargo fmt --check` without a rustfmt.toml, `ruff format --check`, a
 * `pnpm -r test` when the root has no test script. Only checks (tests, types, lint, format):
 * installs, builds, releases and uploads are not gates. A check already run by a gate — the same
 * tool for the same kind and project — is not added again; any test gate covers CI's tests.
 */
const CI = '\u0000ci';
const KINDS: Partial<Record<StepKind, GateKind>> = { test: 'test', typecheck: 'compile', lint: 'lint', format: 'lint' };
const MAX_CI_GATES = 4;

/** `-p tsconfig.js.json`: two typechecks of different projects are different checks. */
function projectOf(command: string): string {
  return /\s(?:-p|--project|--config|-c)(?:=|\s+)(\S+)/.exec(command)?.[1] ?? '';
}

const same = (a: ScriptStep, b: ScriptStep): boolean =>
  a.tool === b.tool && a.kind === b.kind && projectOf(a.command) === projectOf(b.command);

/** The leaf steps of a command, following the package scripts it names. */
const stepsOf = (command: string, scripts: Record<string, string>): ReturnType<typeof expandScript> =>
  expandScript({ ...scripts, [CI]: command }, CI);

export function ciGates(facts: ProjectFacts, existing: readonly GateDef[], gate: MakeGate): GateDef[] {
  const scripts = facts.node?.scripts ?? {};
  const pm = facts.node?.packageManager ?? 'npm';
  const have = existing.flatMap((g) => (g.command ? stepsOf(g.command, scripts).steps : []));
  let hasTest = existing.some((g) => g.kind === 'test');
  const names = new Set(existing.map((g) => g.name));
  const out: GateDef[] = [];
  for (const line of facts.ciSteps ?? []) {
    // gofmt's check is a pipeline (not a simple script), taken as one step
    const plan = isGofmtCheck(line)
      ? { steps: [{ command: GOFMT_CHECK, script: CI, kind: 'format' as const, tool: 'gofmt' }], simple: true }
      : stepsOf(line, scripts);
    if (!plan.simple) continue;
    for (const step of plan.steps) {
      const kind = KINDS[step.kind];
      if (!kind || !step.tool || out.length >= MAX_CI_GATES) continue;
      if (step.kind === 'test' ? hasTest : have.some((h) => same(h, step))) continue;
      const command = step.script === CI ? step.command : runScript(pm, step.script);
      const name = [step.kind, `${step.kind}-${step.tool.replace(/[^\w-]/g, '-')}`].find((n) => !names.has(n));
      if (!name || out.some((g) => g.command === command)) continue;
      const via = step.script === CI ? '' : ` (package.json script "${step.script}")`;
      const origin = `the CI workflow step \`${line.length > 80 ? `${line.slice(0, 79)}…` : line}\`${via}`;
      out.push(gate(name, kind, command, { source: 'ci', origin, ...(step.kind === 'format' ? FORMAT_CHECK : {}) }));
      names.add(name);
      have.push(...stepsOf(command, scripts).steps);
      hasTest ||= step.kind === 'test';
    }
  }
  return out;
}

/**
 * gofmt lists unformatted files and exits 0, so CI wraps it (`test -z "$(gofmt -l .)"`, `diff -u
 * <(echo -n) <(gofmt -d .)`): such a line is the check `gofmt -l`, run so that a listed file fails.
 */
export const GOFMT_CHECK = "gofmt -l . | awk '{ print } END { exit NR > 0 }'";
/**
 * gofmt's check however CI wraps it: `gofmt -l`/`-d` in a test or a diff, and `go fmt ./...`, which
 * rewrites and lists what it rewrote (`files=$(go fmt ./...)`, then a test of the list): as a gate,
 * the same check without writing.
 */
const isGofmtCheck = (line: string): boolean =>
  /\bgofmt\b(\s+-\w+)*\s+-\w*[ld]\w*\b/.test(line) || /(^|[\s$(`;&|])go\s+fmt(\s|$|\))/.test(line);

/**
 * The commands of CI `run:` texts: one per line (`\` continuations joined), without comments and lines using `${{ }}`
 * expressions.
 */
export function ciCommands(runs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const run of runs) {
    for (const line of run.replace(/\s*\\\n\s*/g, ' ').split('\n')) {
      const l = line.trim();
      if (l && !l.startsWith('#') && !l.includes('${{')) out.add(l);
    }
  }
  return [...out];
}
