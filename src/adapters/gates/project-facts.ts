import fs from 'node:fs';
import path from 'node:path';
import type { PackageManager, ProjectFacts, TestFilesConfig } from '../../contracts/project-facts.ts';
import { canRun } from '../process/on-path.ts';

const read = (root: string, file: string): string | null => {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return null;
  }
};
const exists = (root: string, file: string): boolean => fs.existsSync(path.join(root, file));

interface PackageJson {
  scripts?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
  packageManager?: unknown;
  mocha?: unknown;
  ava?: unknown;
}

/** mocha's options that choose which files run. */
const MOCHA_SELECTS = /^\s*["']?(spec|extension|recursive|ignore|exclude|config|package)["']?\s*:/m;

function mochaConfig(root: string, pkg: PackageJson): TestFilesConfig['mocha'] {
  if (['.mocharc.js', '.mocharc.cjs', '.mocharc.mjs'].some((f) => exists(root, f))) return 'selects';
  const texts = ['.mocharc.json', '.mocharc.jsonc', '.mocharc.yml', '.mocharc.yaml']
    .map((f) => read(root, f))
    .filter((t): t is string => t !== null);
  if (pkg.mocha !== undefined) texts.push(JSON.stringify(pkg.mocha, null, 1));
  if (texts.length === 0) return 'none';
  return texts.some((t) => MOCHA_SELECTS.test(t)) ? 'selects' : 'plain';
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : v === undefined ? [] : null;

function avaConfig(root: string, pkg: PackageJson): TestFilesConfig['ava'] {
  if (['ava.config.js', 'ava.config.cjs', 'ava.config.mjs'].some((f) => exists(root, f))) return 'unknown';
  if (pkg.ava === undefined) return null;
  if (!pkg.ava || typeof pkg.ava !== 'object') return 'unknown';
  const ava = pkg.ava as { files?: unknown; extensions?: unknown };
  const files = strings(ava.files);
  // `extensions` may be an object ({ ts: 'module' }): its keys
  const ext = ava.extensions;
  const extensions = ext && typeof ext === 'object' && !Array.isArray(ext) ? Object.keys(ext) : strings(ext);
  return files && extensions ? { files, extensions } : 'unknown';
}

function packageManager(root: string, pkg: PackageJson): PackageManager {
  const declared = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : '';
  if (declared === 'npm' || declared === 'pnpm' || declared === 'yarn' || declared === 'bun') return declared;
  if (exists(root, 'pnpm-lock.yaml') || exists(root, 'pnpm-workspace.yaml')) return 'pnpm';
  if (exists(root, 'yarn.lock')) return 'yarn';
  if (exists(root, 'bun.lockb') || exists(root, 'bun.lock')) return 'bun';
  return 'npm';
}

const stringRecord = (v: unknown): Record<string, string> =>
  v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

/** package.json facts; a missing or unparsable file means "not a Node project" (config gates still apply). */
function nodeFacts(root: string): ProjectFacts['node'] {
  const text = read(root, 'package.json');
  if (text === null) return null;
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(text) as PackageJson;
  } catch {
    return null;
  }
  if (!pkg || typeof pkg !== 'object') return null;
  const deps = { ...stringRecord(pkg.dependencies), ...stringRecord(pkg.devDependencies) };
  return {
    scripts: stringRecord(pkg.scripts),
    packageManager: packageManager(root, pkg),
    hasTypescript: 'typescript' in deps,
    testFiles: { mocha: mochaConfig(root, pkg), ava: avaConfig(root, pkg) },
  };
}

/** Explicit targets (`name:` at the start of a line; not `:=` assignments, not pattern rules). */
export function makeTargets(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/^([A-Za-z0-9_][A-Za-z0-9_.\- ]*?)\s*::?(?!=)/gm)) {
    for (const t of (m[1] ?? '').split(/\s+/)) if (t && !t.startsWith('.')) out.add(t);
  }
  return [...out];
}

function pytestConfigured(root: string): boolean {
  if (exists(root, 'pytest.ini') || exists(root, 'conftest.py')) return true;
  if (/^\[tool\.pytest/m.test(read(root, 'pyproject.toml') ?? '')) return true;
  if (/^\[tool:pytest\]/m.test(read(root, 'setup.cfg') ?? '')) return true;
  return /^\[pytest\]/m.test(read(root, 'tox.ini') ?? '');
}

/** The test files of `tests/` or `test/` (at most 50), with their folder. */
function testFiles(root: string): { dir: string; texts: string[] } | null {
  for (const dir of ['tests', 'test']) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(root, dir)).filter((f) => /^test_?.*\.py$|_test\.py$/.test(f));
    } catch {
      continue;
    }
    if (names.length) return { dir, texts: names.slice(0, 50).map((f) => read(root, `${dir}/${f}`) ?? '') };
  }
  return null;
}

/**
 * Which runner the Python tests are written for: pytest when it is configured or a test uses it
 * (or a test is a bare function, which only pytest collects); unittest when every test file
 * imports unittest and none uses pytest — then the discovery command (`discover -s <dir>` where
 * the folder is no package, so its files import as top-level modules).
 */
function pythonTests(root: string): { hasPytest: boolean; unittest: string | null } {
  if (pytestConfigured(root)) return { hasPytest: true, unittest: null };
  const found = testFiles(root);
  if (!found) return { hasPytest: false, unittest: null };
  const usesPytest = found.texts.some((t) => /^\s*(import pytest|from pytest\b)|@pytest\./m.test(t));
  const allUnittest = found.texts.every(
    (t) => /^\s*(import unittest|from unittest\b)/m.test(t) && /\(\s*(unittest\.)?\w*TestCase\s*\)/.test(t),
  );
  if (usesPytest || !allUnittest) return { hasPytest: true, unittest: null };
  const py = exists(root, '.venv/bin/python') ? '.venv/bin/python' : 'python3';
  const pkg = exists(root, `${found.dir}/__init__.py`);
  return { hasPytest: false, unittest: pkg ? `${py} -m unittest` : `${py} -m unittest discover -s ${found.dir}` };
}

const venvTool = (root: string, tool: string): string | null =>
  [`.venv/bin/${tool}`, `venv/bin/${tool}`].find((p) => exists(root, p)) ?? null;
const venvPytest = (root: string): string | null => venvTool(root, 'pytest');

/**
 * A Python tool's command: the virtualenv's, else the one on PATH; null when neither is there (a gate that cannot start
 * would only say so at every Stop).
 */
const pyTool = (root: string, tool: string): string | null =>
  venvTool(root, tool) ?? (canRun(root, tool) ? tool : null);

/** ruff and mypy, when the project configures them and they are installed. */
function pythonTools(root: string): { ruff: string | null; mypy: string | null } {
  const pyproject = read(root, 'pyproject.toml') ?? '';
  const ruff = /^\[tool\.ruff/m.test(pyproject) || exists(root, 'ruff.toml') || exists(root, '.ruff.toml');
  const mypy =
    /^\[tool\.mypy/m.test(pyproject) ||
    exists(root, 'mypy.ini') ||
    exists(root, '.mypy.ini') ||
    /^\[mypy\]/m.test(read(root, 'setup.cfg') ?? '');
  return { ruff: ruff ? pyTool(root, 'ruff') : null, mypy: mypy ? pyTool(root, 'mypy') : null };
}

/** What the project offers to build gates from; reads a handful of files, spawns nothing. */
export function readProjectFacts(root: string, windows = process.platform === 'win32'): ProjectFacts {
  const make = read(root, 'GNUmakefile') ?? read(root, 'makefile') ?? read(root, 'Makefile');
  return {
    node: nodeFacts(root),
    hasTsconfig: exists(root, 'tsconfig.json'),
    makeTargets: make === null ? [] : makeTargets(make),
    hasCargo: exists(root, 'Cargo.toml'),
    rustfmtConfig: exists(root, 'rustfmt.toml') || exists(root, '.rustfmt.toml'),
    clippyConfig: exists(root, 'clippy.toml') || exists(root, '.clippy.toml'),
    ...pythonTools(root),
    hasGoMod: exists(root, 'go.mod'),
    ...pythonTests(root),
    venvPytest: venvPytest(root),
    windows,
  };
}
