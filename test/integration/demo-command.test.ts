/**
 * Issue 27 §2: the demo ends with a command that works as printed — `csm` only when that name on
 * the PATH is this csm, else `node <the bundle>` (after `npm run demo` or `npx csm`, csm is not on
 * the PATH).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, csm, makeTempDir } from './support/temp-repo.ts';

const exploreLine = (stdout: string): string => (/Explore it: (.+)$/m.exec(stdout)?.[1] ?? '').trim();

describe('the command the demo ends with (issue 27 §2)', () => {
  it('runs as printed, with csm off the PATH and on it', { timeout: 180_000 }, async () => {
    const cwd = makeTempDir('csm-demo-cwd-');
    const bare = await csm(cwd, 'demo', '--dir', path.join(cwd, 'one'), {
      env: { PATH: path.dirname(process.execPath) + path.delimiter + '/usr/bin:/bin' },
    });
    expect(bare.code, bare.stderr).toBe(0);
    const printed = exploreLine(bare.stdout);
    expect(printed).toMatch(/^cd \S+ && node \S+cli\.mjs status --session 001$/);
    const out = execFileSync('sh', ['-c', printed], { encoding: 'utf8' });
    expect(out).toMatch(/Session 001/);

    const bin = makeTempDir('csm-demo-bin-');
    fs.symlinkSync(CLI, path.join(bin, 'csm'));
    const PATH = [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter);
    const linked = await csm(cwd, 'demo', '--dir', path.join(cwd, 'two'), { env: { PATH } });
    const printedLinked = exploreLine(linked.stdout);
    expect(printedLinked).toMatch(/^cd \S+ && csm status --session 001$/);
    expect(execFileSync('sh', ['-c', printedLinked], { encoding: 'utf8', env: { ...process.env, PATH } })).toMatch(
      /Session 001/,
    );
  });
});
