import { classify, type StepKind } from './step-kind.ts';

export type { StepKind };

/**
 * What a package.json script runs: its leaf commands, following references to other scripts
 * (`npm run x`, `pnpm x`, `yarn x`, `run-s`, `npm-run-all`, `concurrently "npm:x"`), each
 * classified by the tool it starts — so a check already inside `test` is not run again as its own
 * gate, and a typecheck script is recognised by what it runs, not only by its name.
 */

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

/** A reference to another script in one command, or null. */
function scriptRefs(command: string, scripts: Record<string, string>): string[] | null {
  const w = command.trim().split(/\s+/);
  // a run across the workspace's packages (`npm test -ws`, `pnpm -r test`) is not the root's own script
  if (w.some((x) => /^(-ws|--workspaces?|-w|-r|--recursive|--filter|-F)(=|$)/.test(x))) return null;
  const ref = (name: string | undefined): string[] => (name !== undefined && name in scripts ? [name] : []);
  const pm = w[0];
  if (pm === 'npm' && (w[1] === 'run' || w[1] === 'run-script'))
    return w[2] && !w[2].startsWith('-') ? ref(w[2]) : null;
  if (pm === 'npm' && (w[1] === 'test' || w[1] === 't')) return ref('test');
  if ((pm === 'pnpm' || pm === 'yarn' || pm === 'bun') && w[1] === 'run')
    return w[2] && !w[2].startsWith('-') ? ref(w[2]) : null;
  if ((pm === 'pnpm' || pm === 'yarn') && w[1] && !w[1].startsWith('-')) return w[1] in scripts ? [w[1]] : null;
  if (pm === 'run-s' || pm === 'run-p' || pm === 'npm-run-all' || pm === 'npm-run-all2') {
    const names = w.slice(1).filter((x) => !x.startsWith('-'));
    return names.flatMap((n) =>
      n.includes('*')
        ? Object.keys(scripts).filter((k) =>
            new RegExp(`^${n.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^:]*')}$`).test(k),
          )
        : ref(n),
    );
  }
  if (pm === 'concurrently') {
    const quoted = [...command.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? '');
    return quoted.flatMap((q) => (q.startsWith('npm:') ? ref(q.slice(4)) : (scriptRefs(q, scripts) ?? [])));
  }
  return null;
}

/**
 * Expands `name` into its leaf commands (pre/post scripts included, as npm runs them), following references up to a
 * depth.
 */
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
