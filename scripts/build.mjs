// Bundles the CLI and one file per hook with esbuild. Output is committed (dist/) and CI checks
// that a rebuild gives no diff, so the build must be deterministic: no timestamps, fixed order.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { builtinModules, createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { writeCodexPlugin } from './codex-plugin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

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
  minify: !process.env.CSM_NO_MINIFY, // CSM_NO_MINIFY=1 for profiling; never committed
  legalComments: 'none',
  sourcemap: false,
  // strings escaped to ASCII (regular expressions by asciiOnly below): the loader reads latin1
  charset: 'ascii',
  logLevel: 'warning',
  define: { __CSM_VERSION__: JSON.stringify(pkg.version) },
  outExtension: { '.js': '.mjs' },
  outdir: path.join(root, 'dist'),
  alias: { 'graceful-fs': path.join(root, 'scripts/graceful-fs-shim.cjs') },
};

// First the JSON Schemas from the zod schemas (schema/*.schema.json, committed): the hooks
// bundle them to check tasks.json and csm.json without constructing zod at run time.
const gen = path.join(os.tmpdir(), `csm-generate-${process.pid}.mjs`);
await build({
  ...common,
  outdir: undefined,
  outExtension: undefined,
  metafile: false,
  entryPoints: [path.join(root, 'scripts/generate.ts')],
  outfile: gen,
  minify: false,
});
// dist/ is emptied first: the generator writes the Bash hook's shell filter into dist/hooks/
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [gen, path.join(root, 'schema'), path.join(root, 'README.md')], { stdio: 'inherit' });
fs.rmSync(gen, { force: true });
await writeCodexPlugin(root);

const hookAlias = {
  ...common.alias,
  assert: path.join(root, 'scripts/assert-shim.cjs'),
  'signal-exit': path.join(root, 'scripts/signal-exit-shim.cjs'),
};
// The bundles take node's built-in modules from process.getBuiltinModule (node >= 20.16) instead
// of an ESM import: importing node:fs as an ES module reads every export, which loads the whole
// streams stack (~20 internal modules) on every run. CommonJS dependencies (proper-lockfile,
// simple-git) get the same modules for their require() calls, so no createRequire banner (nor
// node:module) is needed.
const lazyBuiltins = new Set(['child_process', 'crypto']);
const require = createRequire(import.meta.url);
/** `named`: also export each data property by name (the CLI's dependencies import { normalize } from 'node:path'). */
const builtinsFromProcess = (named) => ({
  name: 'builtins-from-process',
  setup(b) {
    const names = builtinModules
      .filter((m) => !m.startsWith('_') && !m.includes('/'))
      .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(node:)?(${names.join('|')})$`) }, (a) => ({
      path: a.path.replace(/^node:/, ''),
      namespace: a.kind === 'require-call' ? 'csm-builtin-cjs' : 'csm-builtin',
    }));
    const get = (name) => `process.getBuiltinModule('node:${name}')`;
    // require() from a CommonJS dependency gets the module object itself
    b.onLoad({ filter: /.*/, namespace: 'csm-builtin-cjs' }, (a) => ({
      contents: `module.exports = ${get(a.path)};`,
      loader: 'js',
    }));
    // An import gets an ES module, not `module.exports = …`: esbuild would wrap a CommonJS one in
    // __toESM, which copies all ~100 properties of fs for every file that imports it. csm's own
    // code uses default imports only (import fs from 'node:fs'), except for the lazy ones below.
    b.onLoad({ filter: /.*/, namespace: 'csm-builtin' }, (a) => {
      const real = require(a.path);
      if (!lazyBuiltins.has(a.path)) {
        // data properties only: reading an accessor (fs.promises, fs.ReadStream) loads more modules
        const names = named
          ? Object.keys(real).filter(
              (k) =>
                /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default' && 'value' in Object.getOwnPropertyDescriptor(real, k),
            )
          : [];
        return {
          contents: `const m = ${get(a.path)};\nexport default m;\n${names.length ? `export const { ${names.join(', ')} } = m;\n` : ''}`,
          loader: 'js',
        };
      }
      // child_process (net, dgram, streams) and crypto cost milliseconds to load: loaded on first call
      const fns = Object.keys(real)
        .filter((k) => /^[a-z]\w*$/.test(k) && typeof Object.getOwnPropertyDescriptor(real, k).value === 'function')
        .sort();
      return {
        contents: `const m = () => ${get(a.path)};\n${fns.map((k) => `export const ${k} = (...a) => m().${k}(...a);`).join('\n')}\n`,
        loader: 'js',
      };
    });
  },
});
// The CLI and each hook: one esbuild bundle (<name>.bundle.js) and, next to it, scripts/bundle-loader.js
// as <name>.mjs, which node runs: it reads the bundle and compiles it through V8's code cache (see
// that file). The bundle is an async function expression: it has no imports or exports left, only
// its top-level await, and reads import.meta.url (the CLI's demo finds the hooks by it) from the loader.
const loader = fs.readFileSync(path.join(root, 'scripts/bundle-loader.js'), 'utf8');
// esbuild's charset 'ascii' escapes strings, templates and names but leaves regular expression
// literals as written (/[✗✘×]/). Those are escaped here (\u2717; an astral character as its two
// surrogates, which a /u pattern reads as one code point): a bundle of ASCII only is read by the
// loader as latin1, a one-byte string made by a copy, where a UTF-8 decode of the Stop bundle's
// 300 KB into a two-byte string took several milliseconds a run.
function asciiOnly(text, name) {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, ch) => {
    if (slashes.length % 2)
      throw new Error(
        `${name}: an escaped non-ASCII character (\\${ch}) is left in the bundle: write it as \\u${ch.charCodeAt(0).toString(16)}`,
      );
    return slashes + `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
function writeWithLoader(out, name, shebang = '') {
  if (/(?<!function )\b__require\(/.test(out.text))
    throw new Error(`${name}: a require() esbuild could not resolve is left in the bundle`);
  const body = `(async (__csm_entry_url) => {\n${asciiOnly(out.text, name)}})`;
  // compiles as a script, as the loader will: an import, export or import.meta left is an error here
  new vm.Script(body, { filename: `${name} bundle` });
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const bundleName = `${path.basename(out.path, '.mjs')}.bundle.js`;
  const text = loader
    .replace('__CSM_HOOK_NAME__', () => JSON.stringify(name))
    .replace('__CSM_HOOK_HASH__', () => JSON.stringify(hash))
    .replace('__CSM_HOOK_BUNDLE__', () => JSON.stringify(bundleName))
    .replace('__CSM_HOOK_LENGTH__', () => String(body.length));
  fs.mkdirSync(path.dirname(out.path), { recursive: true });
  // the bundle first: a loader that exists always finds its bundle
  fs.writeFileSync(path.join(path.dirname(out.path), bundleName), body);
  fs.writeFileSync(out.path, shebang + text);
  return {
    [path.relative(root, out.path)]: Buffer.byteLength(shebang + text),
    [path.relative(root, path.join(path.dirname(out.path), bundleName))]: Buffer.byteLength(body),
  };
}
const bundled = { ...common, define: { ...common.define, 'import.meta.url': '__csm_entry_url' }, write: false };
const cliBuild = await build({
  ...bundled,
  plugins: [builtinsFromProcess(true)],
  entryPoints: [{ in: path.join(root, 'src/cli.ts'), out: 'cli' }],
});
const sizes = writeWithLoader(cliBuild.outputFiles[0], 'cli', '#!/usr/bin/env node\n');
fs.chmodSync(path.join(root, 'dist/cli.mjs'), 0o755);
const hookBuild = hookEntries.length
  ? await build({ ...bundled, plugins: [builtinsFromProcess(false)], alias: hookAlias, entryPoints: hookEntries })
  : { outputFiles: [] };
for (const o of hookBuild.outputFiles) Object.assign(sizes, writeWithLoader(o, path.basename(o.path, '.mjs')));
// csm's mod: one ES module for Claude Code's hooks-module worker, which has no Node: a node: import
// fails this build (platform neutral), as it would fail the load. Not minified: `claude plugin
// validate` reads what it hooks and calls off the source.
const modOut = path.join(root, 'dist/mod/register.js');
await build({
  ...common,
  platform: 'neutral',
  target: 'es2022',
  minify: false,
  outdir: undefined,
  outExtension: undefined,
  entryPoints: [path.join(root, 'src/mod/register.ts')],
  outfile: modOut,
});
sizes['dist/mod/register.js'] = fs.statSync(modOut).size;
// the Bash hook's shell filter (written by generate.ts), next to the bundles it starts
for (const f of fs.readdirSync(path.join(root, 'dist/hooks')).filter((n) => n.endsWith('.sh')))
  sizes[`dist/hooks/${f}`] = fs.statSync(path.join(root, 'dist/hooks', f)).size;
for (const [file, bytes] of Object.entries(sizes).sort())
  console.log(`${file.padEnd(40)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
