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
    /** How mocha's and ava's configuration chooses test files (absent: as with none). */
    testFiles?: TestFilesConfig;
  } | null;
  hasTsconfig: boolean;
  /** Targets found in Makefile/makefile/GNUmakefile. */
  makeTargets: string[];
  hasCargo: boolean;
  hasGoMod: boolean;
  /**
   * pytest.ini, [tool.pytest…] in pyproject.toml, [tool:pytest] in setup.cfg, conftest.py, or test
   * files that use pytest.
   */
  hasPytest: boolean;
  /**
   * The project's tests are the standard library's unittest (test files import unittest, none
   * uses pytest, nothing configures pytest): the command that discovers them, else null.
   */
  unittest?: string | null;
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
 * What the test runners' own configuration says about which files are tests. mocha: `none`, no
 * configuration; `plain`, one that does not choose files; `selects`, one that does (spec,
 * extension, recursive, ignore) or that is code (.mocharc.js). ava: null, no configuration; its
 * `files` globs and `extensions` from package.json; `unknown` for ava.config.* (code).
 */
export interface TestFilesConfig {
  mocha: 'none' | 'plain' | 'selects';
  ava: { files: string[]; extensions: string[] } | 'unknown' | null;
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

/** One Python import statement: `from ..pkg.mod import a, b` is { level: 2, module: 'pkg.mod', names: ['a', 'b'] }. */
export interface PyImport {
  /** Leading dots of a relative import; 0 for an absolute one. */
  level: number;
  /** The dotted module after the dots ('' in `from . import x`). */
  module: string;
  /** What `from … import` names (each may be a submodule); empty for `import a.b`. */
  names: string[];
}

/**
 * The project's Python files with the imports each one makes (at any indentation, so imports
 * inside functions count too), and the files that import by a name computed at run time
 * (`importlib.import_module`, `__import__`): enough to tell which test files reach a changed
 * module, directly, through others, or through a package's `__init__.py`.
 */
export interface PySources {
  imports: Record<string, PyImport[]>;
  dynamic: string[];
}

/** A Go package as `go list` describes it: enough to tell whose tests a changed package can break. */
export interface GoPackage {
  importPath: string;
  /** Its folder, relative to the repository ('' for the root). */
  dir: string;
  /** Every package it imports, transitively. */
  deps: string[];
  /** What its tests import (in-package and external test files), directly. */
  testImports: string[];
}

/** A Cargo workspace as `cargo metadata` describes it: enough to tell which crates' tests a change can break. */
export interface CargoWorkspace {
  /** Its members: the folder of each (relative to the repository, '' for the root) and the members it depends on. */
  crates: { name: string; dir: string; deps: string[] }[];
  /**
   * The members a bare `cargo test` tests (the root package alone, unless the root is virtual or
   * sets default-members).
   */
  defaultRun: string[];
}
