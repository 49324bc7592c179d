import { workspaceRun } from './workspace-run.ts';

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

/** pnpm's and yarn's own commands; any other first word (`pnpm vitest run`) runs a package binary or script. */
const PM_COMMANDS = new Set('install i add remove rm uninstall update up upgrade run exec dlx test t publish pack link unlink outdated list ls why audit store init create import rebuild prune fetch patch patch-commit env setup config workspaces workspace info cache dedupe node global bin root licenses deploy recursive version set plugin constraints npm explain search dev start'.split(' '));

const WRAPPERS = /^(npx|pnpx|bunx|pnpm exec|pnpm dlx|yarn exec|yarn dlx|bun x|cross-env|dotenv(?:-cli)?|c8|nyc|env|time|node_modules\/\.bin\/|\.\/node_modules\/\.bin\/)$/;

/**
 * A command's words as the shell splits them, each kept as written (quotes and escapes in place,
 * so a word goes back into a command unchanged): `--t="{ \"a\": 1 }"` is one word.
 */
export function shellSplit(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (quote) {
      word += c;
      if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else if (c === quote) quote = null;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      [word, started] = ['', false];
    } else {
      word += c;
      started = true;
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && i + 1 < command.length) word += command[++i];
    }
  }
  if (started) words.push(word);
  return words;
}

/** A word as the shell passes it, when it is a plain or simply quoted one; null for anything the shell would expand. */
export function shellLiteral(word: string): string | null {
  const quoted = /^'([^']*)'$/.exec(word) ?? /^"([^"$`\\]*)"$/.exec(word);
  if (quoted) return quoted[1] ?? '';
  return /[$`"'\\]/.test(word) ? null : word;
}

/** The words of a command, without env assignments, wrappers and their flags (`cross-env A=1 npx --yes vitest run` → vitest run). */
export function toolWords(command: string): string[] {
  const words = shellSplit(command);
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) break;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || WRAPPERS.test(w) || (i > 0 && WRAPPERS.test(words[i - 1] ?? '') && w.startsWith('-'))) i++;
    else if ((w === 'pnpm' || w === 'yarn' || w === 'bun') && ['exec', 'dlx', 'x'].includes(words[i + 1] ?? '')) i += 2;
    else if ((w === 'pnpm' || w === 'yarn') && /^[a-z@][\w@/.-]*$/.test(words[i + 1] ?? '') && !PM_COMMANDS.has(words[i + 1] ?? '')) i += 1; // `pnpm vitest run`: a binary
    else if (/^(uv|poetry|pipenv|pdm|rye)$/.test(w) && words[i + 1] === 'run') {
      // `uv run --group dev pytest`: the wrapper's flags, with the value of those that take one
      i += 2;
      while (words[i]?.startsWith('-')) i += /^--(group|with|extra|python|package|env-file|directory|project)$|^-p$/.test(words[i] ?? '') ? 2 : 1;
    } else if (/^python[\d.]*$/.test(w) && words[i + 1] === '-m') i += 2;
    else break;
  }
  return words.slice(i).map((w) => w.replace(/^(\.\/)?node_modules\/\.bin\//, ''));
}

/** The kind of check a leaf command is, from the tool it starts and its flags. */
export function classify(command: string): { kind: StepKind; tool: string | null } {
  const words = toolWords(command);
  const ws = workspaceRun(words);
  if (ws) {
    const kinds = ws.scripts.map(kindOfName);
    return { kind: kinds.includes('test') ? 'test' : (kinds[0] ?? 'other'), tool: `workspaces:${ws.runner}` };
  }
  const [tool = '', ...args] = words;
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
  // a linter told to fix rewrites the project's files: a gate never runs it (`--fix-dry-run` only reports)
  const fixes = args.some((a) => /^--(write|fix|apply)(-unsafe|-suggestions|-type)?(=|$)|^--unsafe$/.test(a));
  const linters = ['eslint', 'oxlint', 'xo', 'standard', 'stylelint', 'markdownlint', 'markdownlint-cli2'];
  linters.push('publint', 'knip');
  if (linters.includes(t)) return { kind: fixes ? 'other' : 'lint', tool: t };
  // `biome format` checks, `biome lint`/`check` lint; with --write (or --fix) it rewrites the files
  if (t === 'biome') return { kind: fixes ? 'other' : args[0] === 'format' ? 'format' : 'lint', tool: t };
  if (['prettier', 'oxfmt', 'dprint'].includes(t)) return { kind: has(/^(--check|-c|--list-different|-l|check)$/) ? 'format' : 'other', tool: t };
  if (['vite', 'tsup', 'tsdown', 'esbuild', 'rollup', 'webpack', 'next', 'unbuild', 'rslib', 'rspack', 'parcel', 'microbundle', 'pkgroll'].includes(t)) {
    return { kind: args.length === 0 || args.includes('build') || t === 'tsup' || t === 'tsdown' || t === 'esbuild' || t === 'rollup' ? 'build' : 'other', tool: t };
  }
  return otherEcosystems(t, args) ?? { kind: 'other', tool: t || null };
}

/** What a script is for, from its name alone (for the scripts a workspace run starts in each package). */
export function kindOfName(name: string): StepKind {
  if (/^(test|tests|unit|e2e)([:-]|$)/.test(name)) return 'test';
  if (/^(typecheck|type-check|check-types|types|tsc)([:-]|$)|^(check|test|lint):types?$/.test(name)) return 'typecheck';
  if (/^(format|fmt|prettier)[:-]check$|^check[:-]format$/.test(name)) return 'format';
  if (/^lint([:-]|$)/.test(name)) return 'lint';
  return /^build([:-]|$)/.test(name) ? 'build' : 'other';
}

/** Cargo, Go and Python checks, as CI workflows run them. */
function otherEcosystems(t: string, args: readonly string[]): { kind: StepKind; tool: string } | null {
  const sub = args[0] ?? '';
  const check = args.some((a) => /^(--check|--check-only|--diff)$/.test(a));
  if (t === 'cargo') {
    // `cargo check` compiles what `cargo test` already compiles: a build step, not a check of its own
    const kinds: Record<string, StepKind> = { test: 'test', nextest: 'test', clippy: 'lint', check: 'build', build: 'build' };
    return { kind: sub === 'fmt' ? (check ? 'format' : 'other') : (kinds[sub] ?? 'other'), tool: sub === 'fmt' ? 'rustfmt' : `cargo-${sub}` };
  }
  if (t === 'gofmt') return { kind: args.some((a) => /^-\w*[ld]\w*$/.test(a)) ? 'format' : 'other', tool: 'gofmt' };
  if (t === 'go') return { kind: sub === 'test' ? 'test' : sub === 'vet' ? 'typecheck' : sub === 'build' ? 'build' : 'other', tool: `go-${sub}` };
  if (['golangci-lint', 'staticcheck', 'revive', 'flake8', 'pylint'].includes(t)) return { kind: 'lint', tool: t };
  if (['mypy', 'pyright', 'basedpyright'].includes(t)) return { kind: 'typecheck', tool: t };
  // `python -m unittest` (the wrapper words are gone): discovery or named tests
  if (t === 'unittest') return { kind: 'test', tool: 'unittest' };
  if (t === 'ruff') {
    if (sub === 'format') return { kind: check ? 'format' : 'other', tool: 'ruff-format' };
    return { kind: args.some((a) => /^--(fix|unsafe-fixes)$/.test(a)) ? 'other' : 'lint', tool: 'ruff' };
  }
  if (t === 'black' || t === 'isort') return { kind: check ? 'format' : 'other', tool: t };
  return null;
}

/** A reference to another script in one command, or null. */
function scriptRefs(command: string, scripts: Record<string, string>): string[] | null {
  const w = command.trim().split(/\s+/);
  // a run across the workspace's packages (`npm test -ws`, `pnpm -r test`) is not the root's own script
  if (w.some((x) => /^(-ws|--workspaces?|-w|-r|--recursive|--filter|-F)(=|$)/.test(x))) return null;
  const ref = (name: string | undefined): string[] => (name !== undefined && name in scripts ? [name] : []);
  const pm = w[0];
  if (pm === 'npm' && (w[1] === 'run' || w[1] === 'run-script')) return w[2] && !w[2].startsWith('-') ? ref(w[2]) : null;
  if (pm === 'npm' && (w[1] === 'test' || w[1] === 't')) return ref('test');
  if ((pm === 'pnpm' || pm === 'yarn' || pm === 'bun') && w[1] === 'run') return w[2] && !w[2].startsWith('-') ? ref(w[2]) : null;
  if ((pm === 'pnpm' || pm === 'yarn') && w[1] && !w[1].startsWith('-')) return w[1] in scripts ? [w[1]] : null;
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
