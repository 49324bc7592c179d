/**
 * The Codex side of the plugin (issue 30): what the build writes from the one hook list is what is
 * committed, and it registers only what Codex has, each command naming its host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexHooksBlock, HOOK_BUNDLES, hooksBlock } from '../../src/kernel/hook-events.ts';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (rel: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;

describe("Codex's plugin files", () => {
  it('hooks/codex-hooks.json is the hook list as Codex registers it', () => {
    expect(readJson('hooks/codex-hooks.json').hooks).toEqual(codexHooksBlock('${PLUGIN_ROOT}/dist/hooks'));
  });
  it('every Codex command runs a bundle with --host codex; no event Codex lacks, no Bash filter', () => {
    const block = codexHooksBlock('D');
    expect(Object.keys(block).sort()).toEqual([
      'PostToolUse',
      'PreCompact',
      'SessionStart',
      'Stop',
      'UserPromptSubmit',
    ]);
    const commands = Object.values(block).flatMap((gs) => gs.flatMap((g) => g.hooks.map((h) => h.command)));
    for (const c of commands) expect(c).toMatch(/^node "D\/[a-z-]+\.mjs" --host codex$/);
    expect(block.PostToolUse).toEqual([expect.objectContaining({ matcher: 'apply_patch|Write|Edit' })]);
    // the same bundles and time limits as under Claude Code
    const claude = hooksBlock('D');
    for (const b of HOOK_BUNDLES) {
      const timeouts = (h: typeof block) =>
        Object.values(h).flatMap((gs) =>
          gs.flatMap((g) => g.hooks.filter((x) => x.command.includes(`/${b.name}.mjs`)).map((x) => x.timeout)),
        );
      expect(new Set(timeouts(block))).toEqual(new Set(timeouts(claude)));
    }
  });
  it('.codex-plugin/plugin.json is the Claude Code manifest for Codex, naming codex-hooks.json', () => {
    const codex = readJson('.codex-plugin/plugin.json');
    const claude = readJson('.claude-plugin/plugin.json');
    for (const k of ['name', 'version', 'description', 'license']) expect(codex[k], k).toEqual(claude[k]);
    expect(codex.hooks).toBe('./hooks/codex-hooks.json');
    expect(codex.skills).toBe('./skills/');
    expect(codex).not.toHaveProperty('userConfig');
  });
  it('the npm package ships both', () => {
    const files = readJson('package.json').files as string[];
    expect(files).toEqual(expect.arrayContaining(['hooks/codex-hooks.json', '.codex-plugin/']));
  });
});
