import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_WORDS, evidenceKind } from '../../../src/domain/edits/edit-facts.ts';
import { readOutput } from '../../../src/domain/runners/parse-output.ts';
import { rerunFor } from '../../../src/domain/runners/rerun-command.ts';
import { RUNNERS } from '../../../src/domain/runners/runners.ts';

/** The captured outputs and the command each came from (test/fixtures/runners/README.md). */
const dir = path.resolve(import.meta.dirname, '../../fixtures/runners');
const CAPTURED = fs
  .readFileSync(path.join(dir, 'README.md'), 'utf8')
  .split('\n')
  .map((l) => /^\| `(.+?)\.txt` \| `(.*?)`[^`|]*\|$/.exec(l))
  .filter((m) => m !== null)
  .map((m) => ({ name: m[1] as string, command: (m[2] as string).replace(/\\\|/g, '|') }));

describe('the runner table (runners.ts): nothing about a runner can be forgotten silently', () => {
  for (const d of RUNNERS) {
    it(`${d.runner}: a captured output reads as its, from a command that names it and that the Bash filter lets through`, () => {
      const mine = CAPTURED.filter(({ name, command }) => {
        const raw = fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8');
        return readOutput(raw, command).runs.some((r) => r.runner === d.runner);
      });
      expect(
        mine.map((c) => c.name),
        `no file under test/fixtures/runners reads as ${d.runner}`,
      ).not.toEqual([]);
      const named = mine.filter((c) => d.names.test(c.command));
      expect(
        named.map((c) => c.name),
        `no captured command names ${d.runner} (${d.names})`,
      ).not.toEqual([]);
      for (const c of named)
        expect(
          CHECK_WORDS.some((w) => c.command.includes(w)),
          c.command,
        ).toBe(true);
      if (d.check.kind === 'test') for (const c of named) expect(evidenceKind(c.command), c.command).toBe('test');
    });
  }

  it('a test runner that can select tests prints a re-run command for its captured failures', () => {
    for (const d of RUNNERS.filter((x) => x.rerun)) {
      const runs = CAPTURED.flatMap(({ name, command }) =>
        readOutput(fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8'), command).runs.filter(
          (r) => r.runner === d.runner,
        ),
      );
      expect(
        runs.some((r) => rerunFor(r, 'npx', null) !== null),
        d.runner,
      ).toBe(true);
    }
  });
});
