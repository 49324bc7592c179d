import type { ProjectFacts } from '../../contracts/project-facts.ts';
import type { GateDef } from './gate-def.ts';
import { stepRun } from './script-chain.ts';
import { classify } from './step-kind.ts';
import { expandScript } from './script-steps.ts';
import { shellSplit } from './shell-words.ts';
import { shellWord } from '../runners/text-tools.ts';

/**
 * A runner told to stop at its first failure (mocha `--bail`, jest `--bail`, vitest `--bail=1`,
 * pytest `-x`/`--maxfail`, go test `-failfast`, cargo test without `--no-fail-fast`) hides every
 * failure after the first. Where a test already fails before the session, that first failure
 * would hide the session's regressions for good ("nothing new"): such a gate runs its tests to the
 * end instead, at the baseline and at every Stop, so like is compared with like.
 */

/** Each runner's stop-at-first-failure flags (with their values), and what it runs to the end with. */
interface BailRule {
  drop: RegExp;
  valued?: RegExp;
  add?: string[];
  shortLetter?: string;
  /** The flag goes right after the program (pnpm's own flags come before the script's name). */
  addFirst?: boolean;
}

const RULES: Record<string, BailRule> = {
  mocha: { drop: /^(--bail|-b)$/, add: ['--no-bail'] },
  jest: { drop: /^(--bail(=\d+)?|-b)$/ },
  vitest: { drop: /^--bail(=\d+)?$/, valued: /^--bail$/ },
  ava: { drop: /^(--fail-fast)$/ },
  pytest: { drop: /^(-x|--exitfirst|--maxfail(=\d+)?|--sw|--stepwise)$/, valued: /^--maxfail$/, shortLetter: 'x' },
  'go-test': { drop: /^-?-failfast(=true)?$/ },
  'cargo-test': { drop: /^--fail-fast$/, add: ['--no-fail-fast'] },
  // `pnpm -r run test` stops at the first package whose tests fail: the packages after it never run
  'workspaces:pnpm': { drop: /^--bail$/, add: ['--no-bail'], addFirst: true },
};

/** One test command run to the end; null when it has nothing to turn off. */
export function runToTheEnd(command: string): string | null {
  const { kind, tool } = classify(command);
  const rule = kind === 'test' && tool ? RULES[tool] : undefined;
  if (!rule) return null;
  const words = shellSplit(command);
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (rule.drop.test(w)) {
      changed = true;
      if (rule.valued?.test(w) && /^\d+$/.test(words[i + 1] ?? '')) i++;
      continue;
    }
    // pytest's short flags together: -xvs → -vs
    if (rule.shortLetter && /^-[a-zA-Z]{2,}$/.test(w) && w.includes(rule.shortLetter)) {
      changed = true;
      out.push(w.replace(rule.shortLetter, ''));
      continue;
    }
    out.push(w);
  }
  // mocha reads bail from its config file too, cargo stops at the first failing test binary: always said
  for (const flag of rule.add ?? []) {
    if (out.includes(flag)) continue;
    // pnpm's own flags come before the script's name (after it, they are the script's)
    const end = out.indexOf('--');
    out.splice(rule.addFirst ? out.indexOf('pnpm') + 1 : end >= 0 ? end : out.length, 0, flag);
    changed = true;
  }
  return changed ? out.map(shellWord).join(' ') : null;
}

/**
 * The gate's test steps with every stop-at-first-failure turned off, or null when none stops
 * early. A package script is expanded to its steps (run one after another, as npm would).
 */
export function runGateToTheEnd(gate: Pick<GateDef, 'command' | 'kind'>, facts: ProjectFacts): string[] | null {
  if (gate.kind !== 'test' || !gate.command) return null;
  const script = /^\s*(npm|pnpm|yarn|bun)\s+(?:run\s+)?(\S+)\s*$/.exec(gate.command)?.[2];
  const scripts = facts.node?.scripts;
  const steps = script && scripts && script in scripts ? expandScript(scripts, script) : null;
  if (steps && !steps.simple) return null;
  const pm = facts.node?.packageManager ?? 'npm';
  const commands = steps ? steps.steps.map((s) => stepRun(s, pm)) : [gate.command];
  const ended = commands.map((c) => runToTheEnd(c));
  return ended.some((c) => c !== null) ? commands.map((c, i) => ended[i] ?? c) : null;
}
