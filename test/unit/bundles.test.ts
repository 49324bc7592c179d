import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(import.meta.dirname, '../../dist');
const bundle = (name: string): string => fs.readFileSync(path.join(dist, name), 'utf8');

describe('what ships in dist/', () => {
  it.each(['hooks/post-tool-use.mjs', 'hooks/session-start.mjs', 'hooks/stop.mjs', 'cli.mjs'])('%s exists and is an ES module with a require shim', (name) => {
    const text = bundle(name);
    expect(text.includes("from 'node:module'")).toBe(true);
    // a hook runs its own bundle: no tsx loader, no imports left to resolve at run time
    expect(/from ?["'](tsx|zod|simple-git|proper-lockfile)/.test(text)).toBe(false);
  });
  it('post-tool-use.mjs stays under 250 KB and carries no zod locale tables', () => {
    const text = bundle('hooks/post-tool-use.mjs');
    expect(Buffer.byteLength(text)).toBeLessThan(250 * 1024);
    // zod's locale tables carry messages like these, in every language
    expect(/Invalid input: expected|Ungültige Eingabe|Entrada inválida/.test(text)).toBe(false);
  });
  it('no hook bundle constructs zod (the hot path checks JSON with the generated schemas)', () => {
    for (const name of ['hooks/post-tool-use.mjs', 'hooks/session-start.mjs']) {
      expect(bundle(name).includes('$ZodType')).toBe(false);
    }
  });
});
