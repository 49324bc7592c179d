import { describe, expect, it } from 'vitest';
import { countCsmHooks, type HooksBlock, mergeHooks, removeCsmHooks } from '../../src/domain/settings-merge.ts';
import { HOOK_BUNDLES, hooksBlock } from '../../src/kernel/hook-events.ts';

/** One handler per event a bundle is registered for (PostToolUse and PostToolUseFailure share one bundle). */
const HANDLERS = HOOK_BUNDLES.reduce((n, b) => n + b.events.length, 0);

/** What settings.template.json holds (the build writes it from the same call). */
const template = {
  hooks: hooksBlock('$CLAUDE_PROJECT_DIR/node_modules/claude-session-manager/dist/hooks') as HooksBlock,
};
const theirs = { matcher: 'Bash', hooks: [{ type: 'command', command: 'echo theirs' }] };

describe('settings merge', () => {
  it('adds csm hooks next to existing ones and is idempotent', () => {
    const start = { model: 'opus', hooks: { PostToolUse: [theirs] } };
    const once = mergeHooks(start, template.hooks);
    const twice = mergeHooks(once.settings, template.hooks);
    expect(once.added).toBe(HANDLERS);
    expect(twice.added).toBe(0);
    expect(twice.settings).toEqual(once.settings);
    expect((once.settings.hooks as Record<string, unknown[]>).PostToolUse?.[0]).toEqual(theirs);
    expect(once.settings.model).toBe('opus');
    expect(countCsmHooks(once.settings)).toBe(HANDLERS);
  });
  it('uninstall removes exactly what csm added', () => {
    const start = { hooks: { PostToolUse: [theirs] }, env: { A: '1' } };
    const merged = mergeHooks(start, template.hooks).settings;
    const { settings, removed } = removeCsmHooks(merged);
    expect(removed).toBe(HANDLERS);
    expect(settings).toEqual(start);
  });
  it('removes the hooks key when nothing else was there', () => {
    const merged = mergeHooks({}, template.hooks).settings;
    expect(removeCsmHooks(merged).settings).toEqual({});
  });
  it("an upgrade replaces an older csm's handlers instead of adding next to them (no hook runs twice)", () => {
    const dir = '$CLAUDE_PROJECT_DIR/node_modules/claude-session-manager/dist/hooks';
    // what csm registered before the Bash filter: every Bash call straight into node
    const older = {
      hooks: {
        PostToolUse: [
          theirs,
          {
            matcher: 'Write|Edit|NotebookEdit|Bash',
            hooks: [{ type: 'command', command: `node "${dir}/post-tool-use.mjs"`, timeout: 10 }],
          },
        ],
        PostToolUseFailure: [
          { matcher: 'Bash', hooks: [{ type: 'command', command: `node "${dir}/post-tool-use.mjs"`, timeout: 10 }] },
        ],
      },
    };
    const up = mergeHooks(older, template.hooks);
    expect(up.removed).toBe(2);
    expect(up.settings).toEqual(mergeHooks({ hooks: { PostToolUse: [theirs] } }, template.hooks).settings);
    const post =
      (up.settings.hooks as Record<string, { matcher?: string; hooks: { command: string }[] }[]>).PostToolUse ?? [];
    expect(
      post.filter((g) => g.matcher?.split('|').includes('Bash')).map((g) => g.hooks.map((h) => h.command)),
    ).toEqual([['echo theirs'], [`sh "${dir}/checks-only.sh" "${dir}/post-tool-use.mjs"`]]);
    expect(mergeHooks(up.settings, template.hooks)).toMatchObject({ added: 0, removed: 0 });
  });
});
