/**
 * What a package.json script runs: its leaf commands, following references to other scripts
 * (`npm run x`, `pnpm x`, `yarn x`, `run-s`, `npm-run-all`, `concurrently "npm:x"`), each
 * classified by the tool it starts — so a check already inside `test` is not run again as its own
 * gate, and a typecheck script is recognised by what it runs, not only by its name.
 */
export type StepKind = 'test' | 'typecheck' | 'lint' | 'format' | 'build' | 'other';

export interface ScriptStep {
  /** The leaf command as written in the script. */
  command: string;
  /** The script it came from. */
  script: string;
  kind: StepKind;
  /** The tool it starts (`vitest`, `tsc`, `eslint` …), or null. */
  tool: string | null;
}

export interface ScriptPlan {
  steps: ScriptStep[];
  /** Every script it runs, itself included. */
  scripts: Set<string>;
  /** Only `&&`-joined commands and script references: its steps can be run one by one. */
  simple: boolean;
}

const WRAPPERS = /^(npx|pnpx|bunx|pnpm exec|pnpm dlx|yarn exec|yarn dlx|bun x|cross-env|dotenv(?:-cli)?|c8|nyc|env|time|node_modules\/\.bin\/|\.\/node_modules\/\.bin\/)$/;

/** The words of a command, without env assignments, wrappers and their flags (`cross-env A=1 npx --yes vitest run` → vitest run). */
export function toolWords(command: string): string[] {
  const words = command.trim().split(/\s+/);
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) break;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || WRAPPERS.test(w) || (i > 0 && WRAPPERS.test(words[i - 1] ?? '') && w.startsWith('-'))) i++;
    else if ((w === 'pnpm' || w === 'yarn' || w === 'bun') && ['exec', 'dlx', 'x'].includes(words[i + 1] ?? '')) i += 2;
    else break;
  }
  return words.slice(i).map((w) => w.replace(/^(\.\/)?node_modules\/\.bin\//, ''));
}

/** The kind of check a leaf command is, from the tool it starts and its flags. */
export function classify(command: string): { kind: StepKind; tool: string | null } {
  const [tool = '', ...args] = toolWords(command);
  const has = (re: RegExp): boolean => args.some((a) => re.test(a));
  const t = tool.replace(/^.*\//, '');
  if (t === 'node' && has(/^--test$/)) return { kind: 'test', tool: 'node:test' };
  if (['vitest', 'jest', 'mocha', 'ava', 'tap', 'uvu', 'tape', 'jasmine', 'pytest', 'bun'].includes(t)) {
    if (t === 'vitest' && has(/^--typecheck\.only$/)) return { kind: 'typecheck', tool: t };
    if (t === 'bun' && args[0] !== 'test') return { kind: 'other', tool: t };
    return { kind: 'test', tool: t };
  }
  if (['tsc', 'tsgo', 'vue-tsc', 'svelte-check'].includes(t)) {
    // `tsc -b` and declaration builds write files: a build that also compiles; anything else checks types
    const emits = !has(/^--noEmit$/) && has(/^(-b|--build|--emitDeclarationOnly)$/);
    return { kind: emits ? 'build' : 'typecheck', tool: t };
  }
  if (['eslint', 'oxlint', 'xo', 'standard', 'stylelint', 'markdownlint', 'markdownlint-cli2', 'publint', 'knip'].includes(t)) return { kind: 'lint', tool: t };
  if (t === 'biome') return { kind: args[0] === 'format' ? 'format' : 'lint', tool: t };
  if (['prettier', 'oxfmt', 'dprint'].includes(t)) return { kind: has(/^(--check|-c|--list-different|-l|check)$/) ? 'format' : 'other', tool: t };
  if (['vite', 'tsup', 'tsdown', 'esbuild', 'rollup', 'webpack', 'next', 'unbuild', 'rslib', 'rspack', 'parcel', 'microbundle', 'pkgroll'].includes(t)) {
    return { kind: args.length === 0 || args.includes('build') || t === 'tsup' || t === 'tsdown' || t === 'esbuild' || t === 'rollup' ? 'build' : 'other', tool: t };
  }
  return { kind: 'other', tool: t || null };
}

/** A reference to another script in one command, or null. */
function scriptRefs(command: string, scripts: Record<string, string>): string[] | null {
  const w = command.trim().split(/\s+/);
  const ref = (name: string | undefined): string[] => (name !== undefined && name in scripts ? [name] : []);
  const pm = w[0];
  if (pm === 'npm' && (w[1] === 'run' || w[1] === 'run-script')) return w[2] && !w[2].startsWith('-') ? ref(w[2]) : null;
  if (pm === 'npm' && (w[1] === 'test' || w[1] === 't')) return ref('test');
  if ((pm === 'pnpm' || pm === 'yarn' || pm === 'bun') && w[1] === 'run') return w[2] && !w[2].startsWith('-') ? ref(w[2]) : null;
  if ((pm === 'pnpm' || pm === 'yarn') && w[1] && !w[1].startsWith('-') && w.length === 2) return w[1] in scripts ? [w[1]] : null;
  if (pm === 'run-s' || pm === 'run-p' || pm === 'npm-run-all' || pm === 'npm-run-all2') {
    const names = w.slice(1).filter((x) => !x.startsWith('-'));
    return names.flatMap((n) => (n.includes('*') ? Object.keys(scripts).filter((k) => new RegExp(`^${n.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^:]*')}$`).test(k)) : ref(n)));
  }
  if (pm === 'concurrently') {
    const quoted = [...command.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? '');
    return quoted.flatMap((q) => (q.startsWith('npm:') ? ref(q.slice(4)) : (scriptRefs(q, scripts) ?? [])));
  }
  return null;
}

/** Expands `name` into its leaf commands (pre/post scripts included, as npm runs them), following references up to a depth. */
export function expandScript(scripts: Record<string, string>, name: string): ScriptPlan {
  const plan: ScriptPlan = { steps: [], scripts: new Set(), simple: true };
  const visit = (n: string, depth: number): void => {
    const text = scripts[n];
    if (text === undefined || plan.scripts.has(n) || depth > 8) return;
    plan.scripts.add(n);
    if (scripts[`pre${n}`] !== undefined) visit(`pre${n}`, depth + 1);
    if (/\|\||(?<!\|)\|(?!\|)|[<>`]|\$\(/.test(text)) plan.simple = false;
    for (const part of text.split(/\s*&&\s*|\s*;\s*/).filter((p) => p.trim() !== '')) {
      const refs = scriptRefs(part, scripts);
      if (refs && refs.length) for (const r of refs) visit(r, depth + 1);
      else plan.steps.push({ command: part.trim(), script: n, ...classify(part) });
    }
    if (scripts[`post${n}`] !== undefined) visit(`post${n}`, depth + 1);
  };
  visit(name, 0);
  return plan;
}
