import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { GateDef } from './gate-def.ts';
import { SCRIPT_RUN } from './script-chain.ts';
import { classify } from './step-kind.ts';
import { expandScript, type ScriptStep } from './script-steps.ts';

/**
 * The test steps a gate's command runs: a package script's (when its steps can run one by one), else
 * the command itself.
 */
function testStepsOf(command: string, facts: ProjectFacts): Pick<ScriptStep, 'command' | 'tool'>[] | null {
  const script = SCRIPT_RUN.exec(command)?.[2];
  if (script && facts.node && script in facts.node.scripts) {
    const plan = expandScript(facts.node.scripts, script);
    return plan.simple ? plan.steps.filter((s) => s.kind === 'test') : null;
  }
  const step = classify(command);
  return step.kind === 'test' ? [{ command, tool: step.tool }] : null;
}

/** How Stop narrows a test gate to a change ("vitest related", "the changed packages"), or null when it runs whole. */
export function narrowingOf(gate: Pick<GateDef, 'command' | 'kind'>, facts: ProjectFacts): string | null {
  if (!gate.command || gate.kind !== 'test') return null;
  const steps = testStepsOf(gate.command, facts);
  const tool = steps?.length === 1 ? steps[0]?.tool : null;
  if (tool === 'vitest') return 'vitest related';
  if (tool === 'node:test') return 'node --test on the test files that load a changed file';
  if (tool === 'jest') return 'jest --findRelatedTests';
  if (tool === 'mocha' && facts.node?.testFiles?.mocha !== 'selects')
    return 'mocha on the test files that load a changed file';
  if (tool === 'ava' && facts.node?.testFiles?.ava !== 'unknown')
    return 'ava on the test files that load a changed file';
  if (tool?.startsWith('workspaces:'))
    return facts.workspaces?.length ? 'the changed packages and those depending on them' : null;
  if (tool === 'go-test')
    return /^\s*go\s+test\s+\.\/\.\.\.(\s|$)/.test(gate.command)
      ? 'go test on the changed packages and those that import them'
      : null;
  if (tool === 'cargo-test') return 'cargo test on the changed crates and the members depending on them';
  if (tool === 'unittest') return 'python -m unittest on the test modules that import a changed module';
  return tool === 'pytest' ? 'pytest on the tests that import a changed module, directly or through others' : null;
}
