import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_BUNDLES } from '../../src/kernel/hook-events.ts';

const dist = path.resolve(import.meta.dirname, '../../dist');
const bundle = (name: string): string => fs.readFileSync(path.join(dist, name), 'utf8');
/** dist/cli.mjs or dist/hooks/<name>.mjs */
const entryFile = (name: string): string => (name === 'cli' ? 'cli.mjs' : `hooks/${name}.mjs`);
/** The hook's own code: the esbuild bundle the loader (scripts/bundle-loader.js) holds as a string. */
const ENTRIES = [...HOOK_BUNDLES.map((b) => b.name), 'cli'];
const hookSource = (name: string): string => {
  const file = entryFile(name);
  const m = /^const source = (".*");$/m.exec(bundle(file));
  if (!m?.[1]) throw new Error(`${file} holds no source string`);
  return JSON.parse(m[1]) as string;
};

describe('what ships in dist/', () => {
  it('cli.mjs runs as a command (shebang) and goes through the same loader as the hooks', () => {
    const text = bundle('cli.mjs');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(/^const HOOK = "cli";$/m.test(text)).toBe(true);
    expect(/\bfrom ?["'](tsx|zod|simple-git|proper-lockfile)/.test(text)).toBe(false);
  });
  it.each(ENTRIES)('%s imports nothing at run time and takes built-ins from process', (name) => {
    // each runs its own bundle: no tsx loader, no package left to resolve, and no ESM import of
    // node:fs (that loads node's whole streams stack) nor require shim (node:module)
    for (const text of [bundle(entryFile(name)), hookSource(name)]) {
      expect(/createRequire|\brequire\(/.test(text)).toBe(false);
      // (the CLI carries the demo project's source files, imports included, as strings)
      if (name !== 'cli') expect(/\bfrom ?["'][\w@./:-]+["']|\bimport ?\(["'][^.]/.test(text)).toBe(false);
    }
    const text = hookSource(name);
    expect(text).toContain('process.getBuiltinModule("node:fs")');
    // child_process is loaded on first use, not when the hook starts
    expect(text.includes('process.getBuiltinModule("node:child_process")')).toBe(text.includes('()=>process.getBuiltinModule("node:child_process")'));
  });
  it.each(ENTRIES)('%s.mjs keys its code cache by a hash of the code it runs', (name) => {
    const text = bundle(entryFile(name));
    expect(/^const HOOK = "([a-z-]+)";$/m.exec(text)?.[1]).toBe(name);
    // V8 itself checks only a cache's source length: a stale cache must never match new code
    expect(/^const HASH = "([0-9a-f]{16})";$/m.exec(text)?.[1]).toBe(crypto.createHash('sha256').update(hookSource(name)).digest('hex').slice(0, 16));
  });
  it('post-tool-use.mjs stays under 250 KB and carries no zod locale tables', () => {
    const text = bundle('hooks/post-tool-use.mjs');
    expect(Buffer.byteLength(text)).toBeLessThan(250 * 1024);
    // zod's locale tables carry messages like these, in every language
    expect(/Invalid input: expected|Ungültige Eingabe|Entrada inválida/.test(text)).toBe(false);
  });
  it('no hook bundle constructs zod (the hot path checks JSON with the generated schemas)', () => {
    for (const name of HOOK_BUNDLES.filter((b) => b.name !== 'stop').map((b) => `hooks/${b.name}.mjs`)) {
      expect(bundle(name).includes('$ZodType')).toBe(false);
    }
  });
});
