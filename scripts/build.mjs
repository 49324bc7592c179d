// Bundles the CLI and one file per hook with esbuild. Output is committed (dist/) and CI checks
// that a rebuild gives no diff, so the build must be deterministic: no timestamps, fixed order.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// CommonJS dependencies (proper-lockfile, simple-git's helpers) call require(): give the ESM bundle one.
const banner = "import { createRequire as __csmCreateRequire } from 'node:module'; const require = __csmCreateRequire(import.meta.url);";

const hookEntries = fs
  .readdirSync(path.join(root, 'hooks'))
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => ({ in: path.join(root, 'hooks', f), out: `hooks/${f.slice(0, -3)}` }));

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  sourcemap: false,
  charset: 'utf8',
  logLevel: 'warning',
  banner: { js: banner },
  define: { __CSM_VERSION__: JSON.stringify(pkg.version) },
  outExtension: { '.js': '.mjs' },
  outdir: path.join(root, 'dist'),
  metafile: true,
  alias: { 'graceful-fs': path.join(root, 'scripts/graceful-fs-shim.cjs') },
};

// First the JSON Schemas from the zod schemas (schema/*.schema.json, committed): the hooks
// bundle them to check tasks.json and csm.json without constructing zod at run time.
const gen = path.join(os.tmpdir(), `csm-gen-schemas-${process.pid}.mjs`);
await build({ ...common, outdir: undefined, outExtension: undefined, metafile: false, entryPoints: [path.join(root, 'scripts/gen-schemas.ts')], outfile: gen, minify: false });
execFileSync(process.execPath, [gen, path.join(root, 'schema'), path.join(root, 'README.md')], { stdio: 'inherit' });
fs.rmSync(gen, { force: true });


fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const cli = await build({ ...common, entryPoints: [{ in: path.join(root, 'src/cli.ts'), out: 'cli' }], banner: { js: `#!/usr/bin/env node\n${banner}` } });
const hookAlias = { ...common.alias, assert: path.join(root, 'scripts/assert-shim.cjs') };
const hooks = hookEntries.length ? await build({ ...common, alias: hookAlias, entryPoints: hookEntries }) : { metafile: { outputs: {} } };
fs.chmodSync(path.join(root, 'dist/cli.mjs'), 0o755);

const outputs = { ...cli.metafile.outputs, ...hooks.metafile.outputs };
for (const [file, meta] of Object.entries(outputs).sort()) {
  console.log(`${path.relative(root, file).padEnd(34)} ${(meta.bytes / 1024).toFixed(1).padStart(7)} KB`);
}
