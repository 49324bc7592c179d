export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** One package of a workspace (monorepo): its folder, name and scripts. */
export interface WorkspacePackage {
  dir: string;
  name: string;
  scripts: Record<string, string>;
  /** The names of the packages it depends on (dependencies of every kind). */
  deps: string[];
}

/** Plain facts about the project, gathered by adapters/gates/project-facts.ts; gates are detected from them. */
export interface ProjectFacts {
  node: {
    scripts: Record<string, string>;
    packageManager: PackageManager;
    /** typescript is in dependencies or devDependencies. */
    hasTypescript: boolean;
  } | null;
  hasTsconfig: boolean;
  /** Targets found in Makefile/makefile/GNUmakefile. */
  makeTargets: string[];
  hasCargo: boolean;
  hasGoMod: boolean;
  /** pytest.ini, [tool.pytest…] in pyproject.toml, [tool:pytest] in setup.cfg, or tests/test_*.py. */
  hasPytest: boolean;
  /** `.venv/bin/pytest` or `venv/bin/pytest` when a local virtualenv has it, else null. */
  venvPytest: string | null;
  windows: boolean;
  /** rustfmt.toml / .rustfmt.toml: the project formats with rustfmt (`cargo fmt --check`). */
  rustfmtConfig?: boolean;
  /** clippy.toml / .clippy.toml: the project lints with clippy. */
  clippyConfig?: boolean;
  /** ruff is configured ([tool.ruff], ruff.toml): its command (the virtualenv's when it has one), else null. */
  ruff?: string | null;
  /** mypy is configured ([tool.mypy], mypy.ini, [mypy] in setup.cfg): its command, else null. */
  mypy?: string | null;
  /** Workspace packages (npm/yarn workspaces, pnpm-workspace.yaml). */
  workspaces?: WorkspacePackage[];
  /** The shell lines of the CI workflows' `run:` steps (.github/workflows): evidence of the project's real checks. */
  ciSteps?: string[];
}

/**
 * The project's JavaScript and TypeScript files with the relative modules each one imports (as
 * written: `../lib/x`, `./y.js`), and the `main` of each folder's package.json: enough to tell
 * which test files load a changed file, directly or through others.
 */
export interface JsSources {
  /** Repository-relative file → its relative import specifiers. */
  imports: Record<string, string[]>;
  /** Repository-relative folder ('' for the root) → its package.json `main`, relative to the folder. */
  mains: Record<string, string>;
}
