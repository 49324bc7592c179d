import { classify } from './step-kind.ts';
import { toolWords } from './shell-words.ts';

/**
 * Whether a leaf command rewrites the project's files: a linter told to fix (`eslint --fix`,
 * `biome lint --write`, `ruff check --fix`) or a formatter not told to only check (`prettier
 * --write`, `go fmt`, `cargo fmt`, `black .`). A gate never runs such a step: it would change the
 * code it checks, behind Claude's back.
 */
export function rewrites(command: string): boolean {
  const { kind, tool } = classify(command);
  if (kind !== 'other' || !tool) return false;
  const writers = ['eslint', 'oxlint', 'xo', 'standard', 'stylelint', 'markdownlint', 'markdownlint-cli2', 'biome'];
  const formatters = ['prettier', 'oxfmt', 'dprint', 'rustfmt', 'ruff', 'ruff-format', 'black', 'isort', 'gofmt'];
  return writers.includes(tool) || formatters.includes(tool) || /^go\s+fmt\b/.test(toolWords(command).join(' '));
}
