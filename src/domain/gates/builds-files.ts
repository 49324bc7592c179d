import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { GateDef } from './gate-def.ts';
import { classify, kindOfName } from './step-kind.ts';
import { expandScript } from './script-steps.ts';

/**
 * Whether a gate writes build output as it runs: a build gate, or a script with a build step
 * (`xo && npm run build && ava && tsd`). Run beside a typecheck that reads that output, the two
 * would race, and the same tree could pass at one Stop and fail at the next.
 */
export function buildsFiles(gate: Pick<GateDef, 'command' | 'kind'>, facts: ProjectFacts): boolean {
  if (gate.kind === 'build') return true;
  if (!gate.command) return false;
  const script = /^\s*(npm|pnpm|yarn|bun)\s+(?:run\s+)?(\S+)\s*$/.exec(gate.command)?.[2];
  const scripts = facts.node?.scripts;
  // a build tool's step, or any step of a script named for building (`"build": "node build.js"`)
  if (script && scripts && script in scripts)
    return expandScript(scripts, script).steps.some((s) => s.kind === 'build' || kindOfName(s.script) === 'build');
  return classify(gate.command).kind === 'build';
}
