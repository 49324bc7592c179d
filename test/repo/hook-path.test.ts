/**
 * How far a hook's call travels (issue 28): each hook run from its source in a real repository with
 * a session and a test gate, its file writes traced (bench/hook-path.ts). From the entry to each
 * write — the last one and the longest — at most 15 of csm's files, and at most 3 returns to a
 * layer the path had left (a lock's callback is one: adapters call back into the use case).
 */
import { describe, expect, it } from 'vitest';
import { measureHookPaths } from '../../bench/hook-path.ts';
import { HOOK_BUNDLES } from '../../src/kernel/hook-events.ts';

describe("a hook's path from its entry to its writes", () => {
  it('passes through at most 15 files and returns to a layer it left at most 3 times', async () => {
    const rows = await measureHookPaths();
    expect(rows.map((r) => r.hook).sort()).toEqual(HOOK_BUNDLES.map((b) => b.name).sort());
    for (const r of rows) {
      const why = `${r.hook}: ${r.layers.join(' → ')}\n${r.files.join('\n')}`;
      // every hook writes in this session (each one's work is a write), and the path starts at its entry
      expect(r.writes, why).toBeGreaterThan(0);
      expect(r.files[0], why).toBe(`hooks/${r.hook}.ts`);
      expect(r.files.length, why).toBeLessThanOrEqual(15);
      expect(r.returns, why).toBeLessThanOrEqual(3);
      expect(r.longest.files, `${r.hook}: to ${r.longest.write}`).toBeLessThanOrEqual(15);
      expect(r.longest.returns, `${r.hook}: to ${r.longest.write}`).toBeLessThanOrEqual(3);
    }
    console.log(
      rows
        .map(
          (r) =>
            `${r.hook}: ${r.files.length} files, ${r.returns} returns (longest ${r.longest.files}/${r.longest.returns})`,
        )
        .join('; '),
    );
  });
});
