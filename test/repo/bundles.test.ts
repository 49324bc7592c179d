import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_BUNDLES } from '../../src/kernel/hook-events.ts';

const dist = path.resolve(import.meta.dirname, '../../dist');
const bundle = (name: string): string => fs.readFileSync(path.join(dist, name), 'utf8');
/** dist/cli.mjs or dist/hooks/<name>.mjs: the loader node runs */
const entryFile = (name: string): string => (name === 'cli' ? 'cli.mjs' : `hooks/${name}.mjs`);
/** The hook's own code: the esbuild bundle next to its loader (scripts/bundle-loader.js), <name>.bundle.js. */
const bundleFile = (name: string): string => entryFile(name).replace(/\.mjs$/, '.bundle.js');
const ENTRIES = [...HOOK_BUNDLES.map((b) => b.name), 'cli'];
const hookSource = (name: string): string => bundle(bundleFile(name));

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
    expect(text.includes('process.getBuiltinModule("node:child_process")')).toBe(
      text.includes('()=>process.getBuiltinModule("node:child_process")'),
    );
  });
  it.each(ENTRIES)('%s.mjs names its bundle and keys its code cache by a hash of the code it runs', (name) => {
    const text = bundle(entryFile(name));
    expect(/^const HOOK = "([a-z-]+)";$/m.exec(text)?.[1]).toBe(name);
    expect(/^const BUNDLE = "([\w.-]+)";$/m.exec(text)?.[1]).toBe(path.basename(bundleFile(name)));
    // V8 itself checks only a cache's source length: a stale cache must never match new code
    expect(/^const HASH = "([0-9a-f]{16})";$/m.exec(text)?.[1]).toBe(
      crypto.createHash('sha256').update(hookSource(name)).digest('hex').slice(0, 16),
    );
    expect(Number(/^const LENGTH = (\d+);$/m.exec(text)?.[1])).toBe(hookSource(name).length);
    // the loader is all node parses as a module: the code is read, not parsed as a string literal
    expect(Buffer.byteLength(text)).toBeLessThan(8 * 1024);
    expect(hookSource(name).startsWith('(async (__csm_entry_url) => {')).toBe(true);
    // ASCII only (the loader reads it as latin1): regular expressions keep their meaning as \u escapes
    expect(hookSource(name)).toMatch(/^[\x00-\x7f]*$/);
  });
  it('post-tool-use stays under 250 KB and carries no zod locale tables', () => {
    const text = hookSource('post-tool-use');
    expect(Buffer.byteLength(text)).toBeLessThan(250 * 1024);
    // zod's locale tables carry messages like these, in every language
    expect(/Invalid input: expected|Ungültige Eingabe|Entrada inválida/.test(text)).toBe(false);
  });
  it('no hook bundle constructs zod (the hot path checks JSON with the generated schemas)', () => {
    for (const name of HOOK_BUNDLES.filter((b) => b.name !== 'stop').map((b) => b.name)) {
      expect(hookSource(name).includes('$ZodType')).toBe(false);
    }
  });
});
