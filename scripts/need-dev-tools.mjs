// `npm test` needs the dev tools, which the repository's .npmrc leaves out by default (Claude Code
// runs npm ci in a plugin's folder on every install): say how to get them instead of "vitest: not found".
import { createRequire } from 'node:module';

try {
  createRequire(import.meta.url).resolve('vitest/package.json');
} catch {
  console.error('csm: the dev tools are not installed — run npm ci --include=dev (see "Development" in README.md)');
  process.exit(1);
}
