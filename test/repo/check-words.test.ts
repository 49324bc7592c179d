import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_WORDS, evidenceKind } from '../../src/domain/edits/edit-facts.ts';
import { checksOnlyScript } from '../../scripts/checks-only-script.ts';
import { CHECKS } from '../support/check-commands.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('the Bash filter words', () => {
  it('every check run csm records holds one of them', () => {
    for (const c of CHECKS) {
      expect(evidenceKind(c), c).not.toBeNull();
      expect(
        CHECK_WORDS.some((w) => c.includes(w)),
        c,
      ).toBe(true);
    }
  });
  it('every literal alternative of the evidence patterns holds one (a new runner needs its word)', () => {
    // the source of the patterns, split at |: each alternative that names a tool holds a word
    const src = fs.readFileSync(path.join(root, 'src/domain/edits/edit-facts.ts'), 'utf8');
    const block = src
      .slice(src.indexOf('const EVIDENCE'), src.indexOf('];', src.indexOf('const EVIDENCE')))
      .replace(/String\.raw|new RegExp|\.join\(/g, ' ')
      .replace(/\\[a-zA-Z]/g, ' ');
    const names = [...block.matchAll(/[a-z][a-z0-9-]{2,}/g)]
      .map((m) => m[0])
      .filter(
        (n) =>
          ![
            'kind',
            'const',
            'string',
            'regexp',
            'run',
            'npm',
            'pnpm',
            'yarn',
            'bun',
            'cargo',
            'dotnet',
            'mix',
            'swift',
            'make',
            'node',
            'python',
            'python3',
            'type',
            'kind',
          ].includes(n.toLowerCase()),
      );
    expect(names.length).toBeGreaterThan(20);
    for (const n of names)
      expect(
        CHECK_WORDS.some((w) => n.includes(w)),
        n,
      ).toBe(true);
  });
  it('the shipped filter is the one generated from them', () => {
    expect(fs.readFileSync(path.join(root, 'dist/hooks/checks-only.sh'), 'utf8')).toBe(checksOnlyScript(CHECK_WORDS));
    // one copy only: the build writes it next to the bundles, the plugin's hooks.json runs that one
    expect(fs.existsSync(path.join(root, 'hooks/checks-only.sh'))).toBe(false);
    expect(fs.readFileSync(path.join(root, 'hooks/hooks.json'), 'utf8')).toContain(
      '${CLAUDE_PLUGIN_ROOT}/dist/hooks/checks-only.sh',
    );
  });
});
