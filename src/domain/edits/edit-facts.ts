/** Pure facts about one tool call: which file, how many lines, whether it is work csm records. */
import { RUNNER_WORDS } from '../runners/runner-words.ts';

const isWin = (p: string): boolean => /^[A-Za-z]:[\\/]/.test(p);
/**
 * Forward slashes, no doubles, no trailing one; a backslash is a separator only on Windows (on POSIX it is part of a
 * name).
 */
const normFor =
  (windows: boolean) =>
  (p: string): string =>
    (windows ? p.replace(/\\/g, '/') : p).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/**
 * Repo-relative, forward-slash path of `file`, or null when it is outside `root`. Accepts
 * Windows-style paths. A relative `file` is relative to `cwd` (the tool's working directory, as
 * the payload gives it) when that is an absolute path, else to `root`.
 */
export function repoRelative(root: string, file: string, cwd?: string): string | null {
  if (!file || file.includes('\0')) return null;
  const norm = normFor(isWin(root));
  const f = norm(file);
  const relative = !f.startsWith('/') && !isWin(f);
  const c = cwd && !cwd.includes('\0') ? norm(cwd) : '';
  // a cwd written another way than the root (a symlinked temp dir) leaves the root to resolve against
  const r = norm(root);
  if (relative && (c.startsWith('/') || isWin(c))) return underRoot(r, `${c}/${f}`) ?? underRoot(r, `${r}/${f}`);
  return underRoot(r, relative ? `${r}/${f}` : f);
}

/** `f` relative to `r` (both normalised), or null when it is not inside. */
function underRoot(r: string, f: string): string | null {
  const windows = isWin(r) || isWin(f);
  const head = f.slice(0, r.length);
  const same = windows ? head.toLowerCase() === r.toLowerCase() : head === r;
  if (!same || (f.length > r.length && f[r.length] !== '/')) return null;
  const parts: string[] = [];
  for (const seg of f.slice(r.length).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : null;
}

/** Lines added and removed, from the tool's structuredPatch; a new file counts all its lines as added. */
export function lineCounts(
  toolName: string,
  toolInput: Record<string, unknown>,
  toolResponse: unknown,
): { added: number; removed: number } {
  const resp = (toolResponse && typeof toolResponse === 'object' ? toolResponse : {}) as Record<string, unknown>;
  const patch = Array.isArray(resp.structuredPatch) ? (resp.structuredPatch as unknown[]) : [];
  let added = 0;
  let removed = 0;
  for (const h of patch) {
    const lines = h && typeof h === 'object' ? (h as { lines?: unknown }).lines : undefined;
    if (!Array.isArray(lines)) continue;
    for (const l of lines) {
      if (typeof l !== 'string') continue;
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
    }
  }
  if (patch.length === 0) {
    const content =
      toolName === 'NotebookEdit'
        ? toolInput.new_source
        : typeof resp.content === 'string'
          ? resp.content
          : toolInput.content;
    const isNew = toolName !== 'Write' || resp.type !== 'update' || resp.originalFile == null;
    if (typeof content === 'string' && content.length > 0 && isNew)
      added = content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  }
  return { added, removed };
}

/** The file a tool call wrote, if it is one of the editing tools. */
export function editedFile(
  toolName: string | undefined,
  toolInput: Record<string, unknown> | undefined,
): string | null {
  if (!toolName || !toolInput) return null;
  const key =
    toolName === 'Write' || toolName === 'Edit' || toolName === 'MultiEdit'
      ? 'file_path'
      : toolName === 'NotebookEdit'
        ? 'notebook_path'
        : null;
  const file = key ? toolInput[key] : undefined;
  // longer than any path a file system takes (PATH_MAX): not a file that was written
  return typeof file === 'string' && file.length <= MAX_PATH ? file : null;
}

const MAX_PATH = 4096;

/**
 * The exit code a tool's result states, when it is text that says so (Codex's apply_patch result
 * opens with `Exit code: 0`); null otherwise.
 */
export function statedExitCode(toolResponse: unknown): number | null {
  if (typeof toolResponse !== 'string') return null;
  const m = /^Exit code: (\d{1,3})\b/.exec(toolResponse);
  return m ? Number(m[1]) : null;
}

/**
 * Whether a check command passed: Claude Code says a failure with its own event (PostToolUseFailure)
 * or an interrupted result; Codex gives the output as text with no exit code, so there the outcome
 * is unknown (null) unless the text states one.
 */
export function commandOutcome(failedEvent: boolean, toolResponse: unknown): 'pass' | 'fail' | null {
  if (failedEvent) return 'fail';
  if (typeof toolResponse === 'string') {
    const code = statedExitCode(toolResponse);
    return code === null ? null : code === 0 ? 'pass' : 'fail';
  }
  const resp = toolResponse as { interrupted?: unknown } | null | undefined;
  return resp?.interrupted === true ? 'fail' : 'pass';
}

/**
 * The commands that run a project check, beside those of each runner (runners.ts): package
 * scripts, make, other languages' runners.
 */
const EVIDENCE: { kind: string; re: RegExp }[] = [
  { kind: 'test', re: /\b(npm|pnpm|yarn|bun)\s+(run\s+)?test\b|\bmake\s+(test|check)\b/ },
  { kind: 'test', re: /\b(tox|phpunit|rspec)\b|\b(dotnet|mix|swift)\s+test\b|\bpython3?\s+-m\s+(pytest|unittest)\b/ },
  {
    kind: 'typecheck',
    re: new RegExp(
      [
        String.raw`\btsc\b|\btsgo\b|\b(npm|pnpm|yarn|bun)\s+(run\s+)?(typecheck|type-check|check-types)\b`,
        String.raw`\bmypy\b|\bpyright\b|\bcargo\s+check\b|\bgo\s+vet\b`,
      ].join('|'),
    ),
  },
  { kind: 'lint', re: /\b(npm|pnpm|yarn|bun)\s+(run\s+)?lint\b|\b(eslint|biome|ruff|flake8|clippy|golangci-lint)\b/ },
  { kind: 'build', re: /\b(npm|pnpm|yarn|bun)\s+(run\s+)?build\b|\b(cargo|go)\s+build\b/ },
];

/**
 * Each test runner's own command words (runners.ts); a lint or format tool counts only as above:
 * `prettier --write` is no check.
 */
const RUNNER_EVIDENCE = Object.values(RUNNER_WORDS)
  .filter((r) => r.check.kind === 'test')
  .map((r) => ({ kind: 'test', re: r.names }));

/**
 * Words of which every project check above contains at least one (test/check-words.test.ts holds
 * that): the Bash hook's shell filter starts node only for a command holding one of them. Each
 * runner brings its own (runners.ts).
 */
export const CHECK_WORDS: readonly string[] = [
  ...new Set([
    ...['test', 'check', 'tsc', 'tsgo', 'mypy', 'pyright', 'vet', 'lint', 'biome', 'ruff', 'flake8', 'clippy', 'build'],
    ...['jest', 'mocha', 'ava', 'tox', 'phpunit', 'rspec'],
    ...Object.values(RUNNER_WORDS).flatMap((r) => r.check.words),
  ]),
];

/** Which kind of project check a Bash command is (test, typecheck, lint, build), or null for anything else. */
export function evidenceKind(command: string): string | null {
  const tests = EVIDENCE.filter((e) => e.kind === 'test');
  const all = [...tests, ...RUNNER_EVIDENCE, ...EVIDENCE.filter((e) => e.kind !== 'test')];
  for (const { kind, re } of all) if (re.test(command)) return kind;
  return null;
}
