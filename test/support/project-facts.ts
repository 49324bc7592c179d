import type { ProjectFacts } from '../../src/contracts/project-facts.ts';

/** A project's facts for a table test: nothing detected, but for what `over` says. */
export const projectFacts = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  node: null,
  hasTsconfig: false,
  makeTargets: [],
  hasCargo: false,
  hasGoMod: false,
  hasPytest: false,
  venvPytest: null,
  windows: false,
  ...over,
});

/** A Node project with these package.json scripts (npm). */
export const nodeFacts = (scripts: Record<string, string>, over: Partial<ProjectFacts> = {}): ProjectFacts =>
  projectFacts({ node: { scripts, packageManager: 'npm', hasTypescript: true }, hasTsconfig: true, ...over });
