import type { PackageManager, ProjectFacts } from '../../contracts/project-facts.ts';
import { FORMAT_CHECK, type GateDef, type GateKind } from './gate-def.ts';
import { rewrites } from './rewrites.ts';
import { expandScript, type ScriptPlan } from './script-steps.ts';
import { type StepKind } from './step-kind.ts';

export type MakeGate = (name: string, kind: GateKind, command: string | null, over?: Partial<GateDef>) => GateDef;

const TYPECHECK_NAMES = [
  'typecheck',
  'type-check',
  'check-types',
  'types:check',
  'check:types',
  'test:types',
  'typecheck:all',
  'types',
  'tsc',
  'lint:types',
];
const FORMAT_NAMES = ['format:check', 'fmt:check', 'check:format', 'prettier:check', 'lint:format', 'format-check'];
const NPM_NO_TEST = /no test specified/;
const ORDER = ['typecheck', 'lint', 'format', 'test', 'build'];

/**
 * The typecheck csm infers checks incrementally: tsc keeps what it learnt in csm's machine-local
 * cache (git-ignored), so a Stop after a small change re-checks what it touched, not the project.
 */
export const INCREMENTAL = '--incremental --tsBuildInfoFile .claude/.csm/cache/typecheck.tsbuildinfo';

export const runScript = (pm: PackageManager, script: string): string =>
  pm === 'yarn' ? `yarn run ${script}` : `${pm} run ${script}`;

/** A script whose every step is of `kind` (e.g. `"check": "tsgo --noEmit"`), preferring the usual names. */
function scriptOfKind(scripts: Record<string, string>, kind: StepKind, names: readonly string[]): string | null {
  const only = (n: string): boolean => {
    const p = expandScript(scripts, n);
    return p.steps.length > 0 && p.steps.every((s) => s.kind === kind);
  };
  return (
    names.find((n) => n in scripts && only(n)) ??
    Object.keys(scripts)
      .sort()
      .find((n) => !n.startsWith('pre') && !n.startsWith('post') && only(n)) ??
    null
  );
}

/** tsc itself, and runners known to run it inside (`ts-scripts test` builds, checks types and tests). */
const TSC_TOOLS = new Set(['tsc', 'tsgo', 'vue-tsc', 'ts-scripts']);
/**
 * The project compiles its TypeScript itself: a step already run is tsc, or a script builds with
 * `tsc --build` (a composite project, where a root `tsc --noEmit` reads the declarations the build
 * wrote as inputs it would overwrite and fails with TS5055/TS2681). No `tsc --noEmit` is inferred then.
 */
function buildsTypes(scripts: Record<string, string>, ran: readonly ScriptPlan[]): boolean {
  if (ran.some((p) => p.steps.some((s) => s.tool !== null && TSC_TOOLS.has(s.tool)))) return true;
  return Object.values(scripts).some((v) => typeof v === 'string' && /\b(tsc|tsgo)\b[^&|;]*\s(-b|--build)\b/.test(v));
}

/**
 * The Node project's own checks, each run once: `test` (with everything it runs: a
 * `"test": "pnpm lint && pnpm test:types && vitest run"` is one gate), then a typecheck, lint and
 * format-check script only when `test` does not already run that kind of check, and `build`
 * only when nothing else compiles (then at task-done and complete, not every Stop).
 */
export function nodeGates(facts: ProjectFacts, gate: MakeGate): GateDef[] {
  const node = facts.node;
  if (!node) return [];
  const scripts = node.scripts;
  const has = (s: string): boolean => typeof scripts[s] === 'string' && scripts[s].trim() !== '';
  const out: GateDef[] = [];
  const ran: ScriptPlan[] = [];
  const covers = (kind: StepKind): boolean => ran.some((p) => p.steps.some((s) => s.kind === kind));
  const coveredScript = (n: string): boolean => ran.some((p) => p.scripts.has(n));
  const add = (name: string, kind: GateKind, script: string, over: Partial<GateDef> = {}): void => {
    const plan = expandScript(scripts, script);
    // a lint or format script that fixes what it finds rewrites the code: never a gate
    if (name !== 'test' && plan.steps.some((st) => rewrites(st.command))) return;
    ran.push(plan);
    out.push(
      gate(name, kind, runScript(node.packageManager, script), { origin: `package.json script "${script}"`, ...over }),
    );
  };
  if (has('test') && !NPM_NO_TEST.test(scripts.test ?? '')) add('test', 'test', 'test');
  if (!covers('typecheck')) {
    const tc = scriptOfKind(scripts, 'typecheck', TYPECHECK_NAMES);
    if (tc && !coveredScript(tc)) add('typecheck', 'compile', tc);
    else if (!tc && node.hasTypescript && facts.hasTsconfig && !buildsTypes(scripts, ran)) {
      const tsc = facts.windows
        ? `node_modules\\.bin\\tsc --noEmit ${INCREMENTAL.replace(/\//g, '\\')}`
        : `node_modules/.bin/tsc --noEmit ${INCREMENTAL}`;
      out.push(gate('typecheck', 'compile', tsc, { origin: 'typescript in package.json and a tsconfig.json' }));
      ran.push({
        steps: [{ command: 'tsc --noEmit', script: '', kind: 'typecheck', tool: 'tsc' }],
        scripts: new Set(),
        simple: true,
      });
    }
  }
  const coveredCommand = (c: string): boolean => ran.some((p) => p.steps.some((s) => s.command === c));
  if (
    has('lint') &&
    !coveredScript('lint') &&
    !expandScript(scripts, 'lint').steps.every((s) => coveredCommand(s.command))
  )
    add('lint', 'lint', 'lint');
  if (!covers('format')) {
    // a script by a format-check name, or one that only checks the format (`"format": "biome format"`, no --write)
    const fmt =
      FORMAT_NAMES.find((n) => has(n) && !coveredScript(n)) ?? scriptOfKind(scripts, 'format', ['format', 'fmt']);
    if (fmt && !coveredScript(fmt)) add('format', 'lint', fmt, FORMAT_CHECK);
  }
  if (has('build') && !coveredScript('build')) {
    // "compiles": a build checks the code only when nothing else does; otherwise it is for task-done and complete
    const compiles = covers('typecheck') || covers('build');
    const when = compiles ? { blocking: false, when: ['task-done' as const, 'complete' as const] } : { blocking: true };
    out.push(
      gate('build', 'build', runScript(node.packageManager, 'build'), {
        ...when,
        origin: 'package.json script "build"',
      }),
    );
  }
  // chosen test-first (what `test` runs decides the rest), listed in the order they are reported
  return out.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
}
