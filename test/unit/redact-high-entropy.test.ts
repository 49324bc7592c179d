/**
 * Secrets with no name and no vendor prefix (issue 15 §7): a bare cloud secret key in a failing
 * test's output, `Basic <base64>` outside a header, a token in a file name — and the price of
 * catching them, measured as lines changed in ordinary code and logs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../src/domain/redact.ts';
import { looksRandom, redactHighEntropy } from '../../src/domain/redact/high-entropy.ts';

let seed = 0x1f2e3d4c;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const chars = (n: number, alphabet = B64): string =>
  Array.from({ length: n }, () => alphabet[rand() % alphabet.length]).join('');
const bytesB64 = (n: number): string => Buffer.from(Array.from({ length: n }, () => rand() % 256)).toString('base64');

describe('the shapes that got through before', () => {
  it('a bare 40-character cloud secret key in a failing test’s output', () => {
    const key = 'FAKE' + chars(36);
    const out = `  ● s3 client › signs requests\n\n    expect(received).toBe(expected)\n\n    Expected: "${key}"\n    Received: undefined\n`;
    expect(redact(out)).toBe(out.replace(key, REDACTED));
  });

  it('Basic credentials without an Authorization: prefix, but not the word Basic', () => {
    const creds = Buffer.from('ci-bot:FAKE' + chars(12, 'abcdefghijkmnopqrstuvwxyz23456789')).toString('base64');
    expect(redact(`const value = "Basic ${creds}";`)).toBe(`const value = "Basic ${REDACTED}";`);
    expect(redact(`csm memory add decisions "proxy wants Basic ${creds} for now"`)).not.toContain(creds);
    for (const benign of ['Basic configuration is described below', 'Basic YWJjZGVmZ2hp is not a user:password pair']) {
      expect(redact(benign)).toBe(benign);
    }
  });

  it('a token inside a file name', () => {
    const token = 'xo' + 'xb-' + chars(12, '0123456789') + '-' + 'FAKE' + chars(20, B64.slice(0, 62));
    expect(redact(`src/token-${token}.js`)).toBe(`src/token-${REDACTED}.js`);
  });
});

describe('recall on generated keys', () => {
  it('redacts nearly every random key, alone or next to a credential word', () => {
    const n = 1000;
    let bare40 = 0;
    let near24 = 0;
    let raw32 = 0;
    for (let i = 0; i < n; i++) {
      if (redact(`got ${chars(40)} instead`).includes(REDACTED)) bare40++;
      if (redact(`FAIL token mismatch: ${chars(24, B64.slice(0, 62))}`).includes(REDACTED)) near24++;
      if (redact(`value ${bytesB64(32)}`).includes(REDACTED)) raw32++;
    }
    console.log(
      `high-entropy recall: 40-char keys ${bare40}/${n}, 24-char near a credential word ${near24}/${n}, base64 of 32 random bytes ${raw32}/${n}`,
    );
    expect(bare40 / n).toBeGreaterThanOrEqual(0.97);
    expect(near24 / n).toBeGreaterThanOrEqual(0.9);
    expect(raw32 / n).toBeGreaterThanOrEqual(0.97);
  });
});

describe('what stays', () => {
  it.each([
    ['a git SHA', 'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 (HEAD -> main)'],
    ['a UUID', 'request 3f2504e0-4f89-41d3-9a0c-0305e82c3301 failed'],
    [
      'an npm integrity hash',
      '"integrity": "sha512-7J4ZlOEv2IxMkFQ8gNYv5gJrMXbFa0sJyWQXxT2t4gqkRtFQvT8eFF4K2bEk/w0xAB2xyO3LFmcPRZ4M8Fa3Bg=="',
    ],
    ['a docker digest', 'FROM node@sha256:Yb3xKq9T2mWvR8pLs4NzJc7HdE1fGuA6oIiBkQ0ZtXy='],
    ['a long identifier', 'TypeError: X25519KeyPairOptions is not a constructor at JSONSchema7Definition'],
    ['a path', 'at Object.<anonymous> (packages/ServerRuntime2/src/handlers/UserAuthCallback.ts:12:5)'],
    ['an SPDX id', "{ id: 'BSD-3-Clause-No-Nuclear-License-2014' }"],
    ['an alphabet', 'const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";'],
    ['base64 of words', 'expect(decode("VGhpcyBpcyBhbiBlbmNvZGVkIHN0cmluZw==")).toBe("This is an encoded string")'],
    ['a source map data URI', `//# sourceMappingURL=data:application/json;base64,${bytesB64(60)}`],
    ['a URL path', 'see https://gist.github.com/someone/aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY'],
    ['a short id without a credential word', `created job V1StGXR8Z5jdHi6BmyT in 12 ms`],
  ])('%s', (_what, text) => {
    expect(redact(text)).toBe(text);
  });

  it('looksRandom: hex and words are not random, a generated key is', () => {
    expect(looksRandom('9fceb02d0ae598e95dc970b74767f19372d61af8')).toBe(false);
    expect(looksRandom('handleUserAuthenticationCallbackRequest2')).toBe(false);
    expect(looksRandom('Fk7' + 'q9ZxL2vB8nR4tY6wK1mP3sD5fH7jA0cE9gU2iO4')).toBe(true);
  });
});

describe('false positives on ordinary code and logs', () => {
  /** csm's own sources, the runner outputs captured as fixtures, and installed packages' code. */
  function corpus(): string[] {
    const root = path.resolve(import.meta.dirname, '../..');
    const files: string[] = [];
    const walk = (dir: string, depth: number): void => {
      if (!fs.existsSync(dir) || depth > 12) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, depth + 1);
        else if (e.isFile() && /\.(?:[cm]?[jt]s|json|md|txt)$/.test(e.name) && fs.statSync(p).size < 2_000_000)
          files.push(p);
      }
    };
    walk(path.join(root, 'src'), 0);
    walk(path.join(root, 'test/fixtures'), 0);
    for (const pkg of ['zod', 'simple-git', 'proper-lockfile', 'vitest', '@vitest', 'commander', 'semver'])
      walk(path.join(root, 'node_modules', pkg), 0);
    return files;
  }

  it('the shape rules change at most a line per MB of code, and no rule changes real runner output', () => {
    let bytes = 0;
    let lines = 0;
    let byShape = 0;
    let byAll = 0;
    const inLogs: string[] = [];
    for (const file of corpus()) {
      const text = fs.readFileSync(file, 'utf8');
      bytes += text.length;
      const before = text.split('\n');
      lines += before.length;
      const all = redact(text).split('\n');
      const shape = redactHighEntropy(text).split('\n');
      before.forEach((line, i) => {
        if (line !== shape[i]) byShape++;
        if (line === all[i]) return;
        byAll++;
        if (file.includes(`${path.sep}fixtures${path.sep}`))
          inLogs.push(`${path.basename(file)}: ${line.trim().slice(0, 120)}`);
      });
    }
    const mb = bytes / 1e6;
    console.log(
      `redaction false positives over ${lines} lines (${mb.toFixed(1)} MB of code and runner logs): ` +
        `${byShape} lines changed by the shape rules, ${byAll} by all rules (mostly \`key: …\` and \`password: "…"\` literals in code), ` +
        `${inLogs.length} in the runner logs`,
    );
    expect(mb).toBeGreaterThan(2);
    expect(inLogs).toEqual([]);
    expect(byShape / mb).toBeLessThanOrEqual(1);
  }, 60_000);
});
