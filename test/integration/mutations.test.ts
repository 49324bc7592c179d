/**
 * The mutation harness as a guard (issue 25 §1): on fixture projects with a test failing before
 * the session, every one-line mutation the full suite catches must be blocked by Stop. The whole
 * run (9 runners, 200+ mutants) is `npm run bench:mutations`; here, the runners that need nothing
 * but node and python, on a share of their mutants.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../bench/mutation-fixtures.ts';
import { mutantsOf, runFixture } from '../../bench/mutations.ts';

describe('mutations the full suite catches are blocked by Stop', () => {
  it('every fixture has mutants on each of its source files', () => {
    for (const fx of FIXTURES) {
      const files = new Set(mutantsOf(fx).map((m) => m.file));
      expect([...files].sort(), fx.runner).toEqual([...fx.sources].sort());
    }
    expect(FIXTURES.reduce((n, fx) => n + mutantsOf(fx).length, 0)).toBeGreaterThanOrEqual(200);
  });

  for (const runner of ['node:test', 'unittest']) {
    it(`${runner}: 0 false passes`, { timeout: 600_000 }, () => {
      const fx = FIXTURES.find((f) => f.runner === runner);
      if (!fx) throw new Error(`no fixture for ${runner}`);
      const r = runFixture(fx, 8);
      if (r.skipped) console.log(`mutations: ${runner} skipped (${r.skipped})`);
      else {
        console.log(
          `mutations: ${runner}: ${r.mutants} mutants, ${r.caught} caught by the full suite, ${r.blocked} blocked by Stop, ${r.falsePasses.length} false passes`,
        );
        expect(r.mutants).toBe(8);
        expect(r.caught).toBeGreaterThan(0);
        expect(r.falsePasses).toEqual([]);
      }
    });
  }
});
