import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));

const FORBIDDEN = [/from ['"]node:(fs|child_process|os|net|http|https)['"]/, /from ['"](fs|child_process)['"]/, /from ['"]simple-git['"]/, /from ['"]proper-lockfile['"]/, /\bprocess\.(env|cwd|exit|argv|stdout|stderr)\b/, /\bnew Date\(\)/, /\bDate\.now\(\)/, /from ['"]\.\.\/+(\.\.\/)*adapters\//];

describe('the dependency rule', () => {
  const domain = files(path.join(root, 'src/domain'));
  it('has domain modules to check', () => expect(domain.length).toBeGreaterThan(10));
  it.each(domain.map((f) => [path.relative(root, f), f]))('%s does no I/O and reads no clock', (_rel, file) => {
    const text = fs.readFileSync(file as string, 'utf8');
    const hits = FORBIDDEN.filter((re) => re.test(text)).map(String);
    expect(hits).toEqual([]);
  });
  it('only the git adapter imports simple-git', () => {
    const all = files(path.join(root, 'src')).filter((f) => /from ['"]simple-git['"]/.test(fs.readFileSync(f, 'utf8')));
    expect(all.every((f) => f.includes(`${path.sep}adapters${path.sep}git${path.sep}`))).toBe(true);
  });
  it('no source imports full zod (only zod/mini keeps the bundles small)', () => {
    const all = files(path.join(root, 'src')).filter((f) => /from ['"]zod['"]/.test(fs.readFileSync(f, 'utf8')));
    expect(all).toEqual([]);
  });
});
